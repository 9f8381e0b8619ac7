/** Bundle the Electron main process (TypeScript, ESM sources) into one CommonJS file Electron can load. */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildElectron(): Promise<string> {
  const outfile = `${root}dist/electron/main.cjs`;
  await build({
    entryPoints: [`${root}electron/main/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
    // import.meta.url is used to find renderer files next to the sources.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: {
      js: `const importMetaUrl = require('url').pathToFileURL(${JSON.stringify(`${root}electron/host/ui-server.ts`)}).href;`,
    },
  });
  return outfile;
}

if (import.meta.url === `file://${process.argv[1]}`) await buildElectron();
