// `npm run serve`: builds what is missing or older than its sources (the user interface with
// electron-vite; the core, its processing thread and its write thread as plain JavaScript with
// esbuild), then runs the headless core in this same process. The built core needs no
// TypeScript loader at run time: each thread starts faster and holds less memory.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = (...parts) => join(root, 'src', ...parts);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const stale = (file, sources) => !existsSync(file) || statSync(file).mtimeMs < sources;

const renderer = join(root, 'out', 'renderer', 'index.html');
if (stale(renderer, Math.max(newest(src('renderer')), newest(src('shared'))))) {
  console.error('Building the user interface…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

// The thread bundles sit beside the core's, under the names src/core/thread-entry.ts expects.
const outDir = join(root, 'out', 'serve');
const core = join(outDir, 'serve.js');
if (stale(core, Math.max(newest(src('core')), newest(src('shared'))))) {
  const result = await build({
    entryPoints: {
      serve: src('core', 'cli', 'serve.ts'),
      'ingest-worker': src('core', 'ingest', 'worker.ts'),
      'write-worker': src('core', 'store', 'write-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // better-sqlite3 and the other runtime packages load from node_modules.
    packages: 'external',
    sourcemap: 'linked',
    write: false,
    logLevel: 'error',
  });
  mkdirSync(outDir, { recursive: true });
  // Each file is replaced whole, so that a server starting meanwhile never reads half of one;
  // the core last, since its date is what says the build is current.
  const files = result.outputFiles.sort((a, b) => (a.path === core) - (b.path === core));
  for (const file of files) {
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}

await import(pathToFileURL(core).href);
