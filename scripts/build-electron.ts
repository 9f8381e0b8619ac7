/**
 * Bundle the Electron side (TypeScript, ESM sources) into CommonJS files in
 * dist/electron/ that Electron loads directly:
 *   main.cjs     the main process (electron/main/main.ts)
 *   utility.cjs  the core host's utility process (electron/host/utility.ts)
 *   preload.cjs  the window's preload (electron/preload/preload.ts); sandboxed
 *                preloads can `require('electron')` and nothing else, so
 *                everything it uses must be inside this one file.
 * The lab window itself is built by Vite (`npm run build:ui` → dist/renderer).
 *
 *   node --import tsx scripts/build-electron.ts
 */
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/electron`;

/**
 * CommonJS has no import.meta: each bundle's import.meta.url becomes its own file's URL. The
 * bundles sit two folders below the root, as the sources do, so `new URL('../../', import.meta.url)`
 * means the project root in both.
 */
const importMetaUrl: Pick<BuildOptions, 'define' | 'banner'> = {
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

const common: BuildOptions = {
  bundle: true,
  format: 'cjs',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

export interface ElectronBundles {
  main: string;
  utility: string;
  preload: string;
}

/** Build the three bundles; resolves to the path of each. */
export async function buildElectronBundles(): Promise<ElectronBundles> {
  const bundles: ElectronBundles = {
    main: `${outdir}/main.cjs`,
    utility: `${outdir}/utility.cjs`,
    preload: `${outdir}/preload.cjs`,
  };
  await Promise.all([
    build({
      ...common,
      ...importMetaUrl,
      entryPoints: [`${root}electron/main/main.ts`],
      outfile: bundles.main,
      platform: 'node',
      target: 'node22',
    }),
    build({
      ...common,
      ...importMetaUrl,
      entryPoints: [`${root}electron/host/utility.ts`],
      outfile: bundles.utility,
      platform: 'node',
      target: 'node22',
    }),
    build({
      ...common,
      entryPoints: [`${root}electron/preload/preload.ts`],
      outfile: bundles.preload,
      // A sandboxed preload is a browser context with a tiny `require`: no Node built-ins.
      platform: 'browser',
      target: 'chrome130',
    }),
  ]);
  return bundles;
}

/** Build everything; resolves to the main process entry (what `electron <entry>` runs). */
export async function buildElectron(): Promise<string> {
  return (await buildElectronBundles()).main;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const bundles = await buildElectronBundles();
  console.log(`Built ${Object.values(bundles).join(', ')}`);
}
