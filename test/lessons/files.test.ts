/**
 * Keeps lessons/files.generated.ts in step with the lesson folders' .md and .yaml
 * files: fails when it is stale; `npx vitest run test/lessons/files.test.ts -u`
 * rewrites it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { isBundled, renderFilesModule } from '../../lessons/bundle.ts';

const LESSONS = fileURLToPath(new URL('../../lessons/', import.meta.url));
const GENERATED = join(LESSONS, 'files.generated.ts');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
  );
}

describe('lessons/files.generated.ts', () => {
  it('bundles every .md and .yaml file of the lesson folders', async () => {
    const files: Record<string, string> = {};
    for (const path of walk(LESSONS)) {
      const rel = relative(LESSONS, path).split(sep).join('/');
      if (isBundled(rel)) files[rel] = readFileSync(path, 'utf8');
    }
    expect(Object.keys(files).length).toBeGreaterThan(0);
    const options = await prettier.resolveConfig(GENERATED);
    const source = await prettier.format(renderFilesModule(files), { ...options, filepath: GENERATED });
    await expect(source).toMatchFileSnapshot(GENERATED);
  });
});
