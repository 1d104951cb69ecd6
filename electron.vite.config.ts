import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Writes a .br and a .gz beside every hashed script and stylesheet, so browser mode serves them
 * compressed without compressing per request (src/main/host/static-files.ts). Electron's app://
 * protocol reads the plain files and ignores these.
 */
function precompress(): Plugin {
  return {
    name: 'markket-precompress',
    apply: 'build',
    // After the files are written: earlier, chunks still hold markers (e.g. __VITE_PRELOAD__) that
    // Vite replaces last, and the compressed copies must be the very bytes of the plain ones.
    writeBundle(options, bundle) {
      const dir = options.dir ?? resolve(__dirname, 'out/renderer');
      for (const fileName of Object.keys(bundle)) {
        if (!fileName.startsWith('assets/') || !/\.(js|css|svg)$/.test(fileName)) continue;
        const source = readFileSync(resolve(dir, fileName));
        if (source.length < 1024) continue;
        writeFileSync(resolve(dir, `${fileName}.br`), brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(resolve(dir, `${fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

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
      // electron-vite leaves builds unminified by default; the renderer's first screen should load little.
      minify: true,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    resolve: { alias: { '@shared': resolve(__dirname, 'src/shared') } },
    plugins: [react(), precompress()],
  },
});
