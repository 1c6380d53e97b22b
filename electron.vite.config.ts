import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 and the other runtime packages load from node_modules.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Ingest's processing threads load this bundle (src/core/ingest/processor.ts).
          'ingest-worker': resolve('src/core/ingest/worker.ts'),
          // Ingest's write thread (src/core/store/write-thread.ts).
          'write-worker': resolve('src/core/store/write-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [
      react(),
      {
        // Absolute asset paths: the app's own routes (/issues/12) are deep paths, both at
        // app://outpost/ in the desktop window and over HTTP in the headless mode. Runs after
        // electron-vite's preset, which would make them relative.
        name: 'absolute-asset-paths',
        config: () => ({ base: '/' }),
      },
    ],
    build: {
      // A smaller script parses sooner: the first list appears sooner.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
