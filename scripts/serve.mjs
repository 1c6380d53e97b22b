// `npm run serve`: builds the user interface when the build is missing or older than its
// sources, then runs the headless core (src/core/cli/serve.ts) in this same process.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'renderer', 'index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const sources = Math.max(
  newest(join(root, 'src', 'renderer')),
  newest(join(root, 'src', 'shared')),
);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.error('Building the user interface…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

const { register } = await import('tsx/esm/api');
register();
await import('../src/core/cli/serve.ts');
