import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'lessons/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'electron/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Browser tests poll the page for what a learner would wait to see.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
