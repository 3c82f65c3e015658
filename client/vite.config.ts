/** @module Vite build and dev-server configuration for the Watchfloor browser client. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const backend = process.env.WF_DEV_BACKEND ?? 'http://localhost:8080';

export default defineConfig({
  root,
  plugins: [react()],
  // Every `import … from 'zod'` (client and shared/) gets zod with jitless set first: see lib/zod-jitless.ts.
  resolve: {
    alias: [
      { find: /^zod$/, replacement: fileURLToPath(new URL('src/lib/zod-jitless.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // which chunks each route loads (tests/unit/bundle-budget.test.ts holds the overview's within its budget)
    manifest: true,
  },
  server: {
    port: 5173,
    // shared/ lives beside client/; let the dev server read it.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
      '/healthz': { target: backend },
    },
  },
});
