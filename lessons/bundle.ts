/**
 * How the lessons' files become files.generated.ts: every .md and .yaml file of
 * a lesson folder, keyed by its path inside lessons/, as one string constant.
 * Pure, so the test that writes the bundle and the code that reads it agree.
 */

/** Does a path belong in the bundle? Lesson folders' .md and .yaml files. */
export function isBundled(path: string): boolean {
  return /^\d\d-[a-z0-9-]+\/.+\.(md|ya?ml)$/.test(path);
}

/** The source of files.generated.ts for these files (paths relative to lessons/). */
export function renderFilesModule(files: Readonly<Record<string, string>>): string {
  const entries = Object.keys(files)
    .filter(isBundled)
    .sort()
    .map((p) => `  ${JSON.stringify(p)}: ${JSON.stringify(files[p])},`);
  return [
    '// Generated from the lesson folders by test/lessons/files.test.ts; do not edit.',
    '// Rewrite with: npx vitest run test/lessons/files.test.ts -u',
    'export const FILES: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}
