/**
 * `npm start`: open the lab in Electron. Electron's binary is fetched on
 * first launch; where that cannot happen (no network), say so in one line
 * and open the same lab in the browser instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from './main.ts';
import { rendererBuilt } from '../host/ui-server.ts';

const require = createRequire(import.meta.url);

/** The Electron executable if installed, without triggering a download. */
export function electronBinary(): string | undefined {
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

function downloadElectron(): void {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    spawnSync(process.execPath, [join(dir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  } catch {
    /* reported by the caller */
  }
}

/** `npm install` builds the UI; a checkout where that was skipped builds it on first start. */
function ensureUiBuilt(): void {
  if (rendererBuilt()) return;
  console.log('KubeLab: building the lab window (first start)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'build:ui'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the lab window could not be built: see the errors above');
}

async function start(): Promise<void> {
  ensureUiBuilt();
  let bin = electronBinary();
  if (!bin) {
    console.log('KubeLab: fetching the Electron binary (first launch)…');
    downloadElectron();
    bin = electronBinary();
  }
  if (!bin) {
    console.log(
      'KubeLab: Electron is not available here (its binary could not be downloaded), so the lab opens in your browser instead.',
    );
    await main(['start', ...process.argv.slice(2)]);
    return;
  }
  const { buildElectron } = await import('../../scripts/build-electron.ts');
  const entry = await buildElectron();
  const child = spawn(bin, [entry], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

// Run only as the entry point (tests import electronBinary() from here).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await start();
