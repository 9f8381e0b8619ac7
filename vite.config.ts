// Builds the Svelte 5 lab window (renderer/) into dist/renderer, served by the
// core host in the browser mode and loaded by the Electron window. The
// editor's Kubernetes JSON schema is generated from core's schema at build
// time and shipped as a static file, so the editor works offline.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
});
