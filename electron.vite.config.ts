import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// The main process bundles its dependencies except native/ESM-only ones that
// must be loaded from node_modules at run time (the keychain binding is N-API).
const external = ['electron', '@napi-rs/keyring', 'electron-store', 'conf'];

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/electron/index.ts') }, external },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload's require knows only 'electron' and a few Node modules: zod (the contract's
      // schemas) must be inside the bundle, not required from node_modules (the boot test runs it so).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload cannot `require` local files: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [react()],
  },
});
