import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Vite 8 compiles TSX with Oxc: JSX for Preact without @preact/preset-vite (it needs @babel/core).
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)), emptyOutDir: true, assetsDir: 'assets', modulePreload: { polyfill: false } },
  server: { proxy: { '/v1': 'http://127.0.0.1:3001' } },
});
