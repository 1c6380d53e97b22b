import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/fixtures.js';
import { eventEnvelope, newEventId } from '../support/send.js';
import { recordFigures } from './figures.js';

// Crash safety: `serve` is killed with SIGKILL in the middle of sustained ingest, at a random
// moment, five times over, and restarted on the same data folder each time. Every event that
// was answered 200 must be stored and queryable afterwards, and the database intact: the writer
// answers only after its commit, with synchronous=FULL (src/core/store/writer.ts, db/open.ts).

const KILLS = 5;
const SENDERS = 16;
const MIN_LOAD_MS = 300;
const MAX_LOAD_MS = 1_500;
const TOKEN = 'crash-test-token';
// As `npm run serve` runs it: the script builds the core when stale, then serves in-process.
const entry = join(repoRoot, 'scripts', 'serve.mjs');

interface Server {
  child: ChildProcess;
  url: string;
  publicKey: string;
  exited: Promise<number | null>;
}

/**
 * Starts `serve` as one process, with Node itself rather than npm: npm runs the script in a
 * child process and relays signals to it, and SIGKILL cannot be relayed: killing npm would
 * leave the server running.
 */
function startServe(dataDir: string, children: ChildProcess[]): Promise<Server> {
  const child = spawn(
    process.execPath,
    [entry, '--port', '0', '--data-dir', dataDir, '--auth-token', TOKEN],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      if (lines.length < 4) return;
      const url = /listening on (\S+)$/.exec(lines[0]!)?.[1];
      const publicKey = /^DSN: https?:\/\/([0-9a-f]+)@/.exec(lines[1]!)?.[1];
      if (!url || !publicKey) reject(new Error(`unexpected output: ${stdout}`));
      else resolve({ child, url, publicKey, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
}

function postEvent(server: Server, eventId: string, label: string) {
  const body = eventEnvelope(
    { message: `crash test ${label}`, level: 'error', environment: 'crash', platform: 'node' },
    eventId,
  );
  return fetch(`${server.url}/api/1/envelope/?sentry_key=${server.publicKey}`, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * Sixteen loops posting one small event after another until `stop` is set. An id counts as
 * acknowledged when, and only when, the answer is a 200 naming it.
 */
function sustainLoad(server: Server, acknowledged: string[], round: number) {
  let stopped = false;
  let sent = 0;
  let refused = 0;
  const loops = Array.from({ length: SENDERS }, async (_, sender) => {
    while (!stopped) {
      const eventId = newEventId();
      sent += 1;
      try {
        const response = await postEvent(server, eventId, `${round}.${sender}`);
        const answer = (await response.json()) as { id?: string };
        if (response.status === 200 && answer.id === eventId) acknowledged.push(eventId);
        else refused += 1;
      } catch {
        // The connection died with the server: never acknowledged, so not expected back.
      }
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return { sent, refused };
    },
  };
}

/** Copies the database as the crash left it, WAL included, and checks the copy. */
function checkCrashImage(dataDir: string, scratch: string, acknowledged: string[]) {
  mkdirSync(scratch, { recursive: true });
  for (const suffix of ['', '-wal']) {
    const file = join(dataDir, `outpost.db${suffix}`);
    if (existsSync(file)) copyFileSync(file, join(scratch, `outpost.db${suffix}`));
  }
  return inspectDatabase(join(scratch, 'outpost.db'), acknowledged);
}

/** integrity_check, and which acknowledged ids are missing. */
function inspectDatabase(file: string, acknowledged: string[]) {
  const db = new Database(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const stored = new Set(
      (db.prepare('SELECT event_id FROM events').all() as { event_id: string }[]).map(
        (row) => row.event_id,
      ),
    );
    return {
      integrity,
      missing: acknowledged.filter((id) => !stored.has(id)),
      stored: stored.size,
    };
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('crash safety of serve', () => {
  const children: ChildProcess[] = [];
  const root = mkdtempSync(join(tmpdir(), 'outpost-crash-'));
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it(`keeps every acknowledged event through ${KILLS} SIGKILLs during ingest`, async () => {
    const started = performance.now();
    const dataDir = join(root, 'data');
    const acknowledged: string[] = [];
    // The last ids answered before each kill: the ones a lost commit would take with it.
    const lastBeforeKill: string[] = [];
    const rounds: Record<string, unknown>[] = [];

    for (let round = 0; round < KILLS; round += 1) {
      const server = await startServe(dataDir, children);
      const before = acknowledged.length;
      // Ingest resumes: the first event after a restart is taken at once.
      const probe = newEventId();
      const first = await postEvent(server, probe, `probe ${round}`);
      expect(first.status, await first.clone().text()).toBe(200);
      acknowledged.push(probe);

      const load = sustainLoad(server, acknowledged, round);
      const loadMs = MIN_LOAD_MS + Math.floor(Math.random() * (MAX_LOAD_MS - MIN_LOAD_MS));
      await sleep(loadMs);
      server.child.kill('SIGKILL');
      const [signalExit, { sent, refused }] = await Promise.all([server.exited, load.stop()]);
      expect(signalExit).toBeNull();
      lastBeforeKill.push(...acknowledged.slice(-20));

      const image = checkCrashImage(dataDir, join(root, `image-${round}`), acknowledged);
      expect(image.integrity, `round ${round}`).toBe('ok');
      expect(image.missing, `round ${round}: acknowledged but not stored`).toEqual([]);
      const answered = acknowledged.length - before;
      rounds.push({
        loadMs,
        // The probe included.
        sent: sent + 1,
        acknowledged: answered,
        refused,
        // Cut off by the kill: never answered, so never promised.
        unanswered: sent + 1 - answered - refused,
        storedAtCrash: image.stored,
      });
    }

    // A sixth start: everything acknowledged is there and can be read through the Web API.
    const server = await startServe(dataDir, children);
    const api = (path: string) =>
      fetch(`${server.url}${path}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
        signal: AbortSignal.timeout(10_000),
      });
    const sample = [
      ...new Set([
        ...lastBeforeKill,
        ...Array.from(
          { length: 100 },
          () => acknowledged[Math.floor(Math.random() * acknowledged.length)]!,
        ),
      ]),
    ];
    const unreadable: string[] = [];
    for (const id of sample) {
      const response = await api(`/api/0/projects/local/default/events/${id}/`);
      if (response.status !== 200) unreadable.push(`${id}: ${response.status}`);
      else expect(((await response.json()) as { eventID: string }).eventID).toBe(id);
    }
    expect(unreadable).toEqual([]);
    // And new events are taken and readable.
    for (let index = 0; index < 10; index += 1) {
      const id = newEventId();
      expect((await postEvent(server, id, `after ${index}`)).status).toBe(200);
      expect((await api(`/api/0/projects/local/default/events/${id}/`)).status).toBe(200);
      acknowledged.push(id);
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const final = inspectDatabase(join(dataDir, 'outpost.db'), acknowledged);
    expect(final.integrity).toBe('ok');
    expect(final.missing).toEqual([]);

    const figures = {
      kills: KILLS,
      senders: SENDERS,
      acknowledged: acknowledged.length,
      lost: final.missing.length,
      storedEvents: final.stored,
      readThroughWebApi: sample.length + 10,
      integrity: final.integrity,
      rounds,
      durationMs: Math.round(performance.now() - started),
    };
    recordFigures('crash', figures);
    console.log(
      `crash safety: ${KILLS} kills survived, ${acknowledged.length} events acknowledged, ${final.missing.length} lost`,
    );
  }, 120_000);
});
