import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root: two levels above this file. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Shared fixtures and specs live in a `shared` folder beside the repository. */
export const sharedDir = path.resolve(repoRoot, '../shared');

/** Recorded HTTP traffic of real SDKs and sentry-cli, one folder per capture. */
export const wireDir = path.join(sharedDir, 'fixtures/wire');

/** Envelopes recorded from real SDKs (see the NOTICE in that folder). */
export const peerEnvelopesDir = path.join(sharedDir, 'fixtures/peer-envelopes');

/** Every file below `dir`, as paths relative to it, sorted. */
export function listFilesRecursive(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
