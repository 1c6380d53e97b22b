// Puts a better-sqlite3 build for Electron's ABI in native/electron/, leaving npm's Node build
// where it is (tests and `serve` use that one). The desktop app loads this copy through
// better-sqlite3's `nativeBinding` option. It runs before `npm start` and does nothing when the
// build for the installed Electron is already there.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readVersion = (name) =>
  JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const electron = readVersion('electron');
const sqlite = readVersion('better-sqlite3');
const target = join(root, 'native', 'electron');
const stamp = join(target, 'versions.json');
const wanted = JSON.stringify({
  electron,
  'better-sqlite3': sqlite,
  platform: process.platform,
  arch: process.arch,
});

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

console.error(`Fetching better-sqlite3 ${sqlite} for Electron ${electron} (once)…`);
const work = mkdtempSync(join(tmpdir(), 'outpost-native-'));
const copy = join(work, 'better-sqlite3');
cpSync(join(root, 'node_modules', 'better-sqlite3'), copy, {
  recursive: true,
  filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
});
const run = (command, args) => execFileSync(command, args, { cwd: copy, stdio: 'inherit' });
try {
  try {
    // A prebuilt binary for this Electron, as better-sqlite3's own install would fetch for Node.
    run(process.execPath, [
      join(root, 'node_modules', 'prebuild-install', 'bin.js'),
      '--runtime=electron',
      `--target=${electron}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
    ]);
  } catch {
    // No prebuilt binary: compile against Electron's headers.
    // npm tells its scripts where its own node-gyp is; outside npm, fetch one.
    const gyp = process.env.npm_config_node_gyp;
    const args = [
      'rebuild',
      '--release',
      `--target=${electron}`,
      '--dist-url=https://electronjs.org/headers',
    ];
    if (gyp) run(process.execPath, [gyp, ...args]);
    else run('npx', ['--yes', 'node-gyp', ...args]);
  }
  mkdirSync(target, { recursive: true });
  copyFileSync(
    join(copy, 'build', 'Release', 'better_sqlite3.node'),
    join(target, 'better_sqlite3.node'),
  );
  writeFileSync(stamp, wanted);
  console.error(`Ready: ${join(target, 'better_sqlite3.node')}`);
} catch (error) {
  console.error(
    `Could not get better-sqlite3 for Electron ${electron}: ${error.message}\n` +
      'This needs a network that reaches the better-sqlite3 prebuilt binaries or the Electron headers. ' +
      'The headless mode (npm run serve) needs neither.',
  );
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}
