import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Db, openDatabase } from '../db/open.js';
import { StatusError } from '../errors.js';
import { ensureDefaults } from '../services/bootstrap.js';
import { createEventStore } from '../store/event-store.js';
import { createWriteThread } from '../store/write-thread.js';
import type { ExpectedWrite, Writer } from '../store/write-types.js';
import { createWriter } from '../store/writer.js';
import { type Processor, createProcessor } from './processor.js';

const envelope = (message: string) =>
  Buffer.from(
    `{"event_id":"0123456789abcdef0123456789abcdef"}\n{"type":"event"}\n{"message":"${message}","environment":"staging"}\n{"type":"session"}\n{"sid":"x"}`,
  );
const request = (body: Buffer, contentEncoding?: string) => ({
  endpoint: 'envelope' as const,
  body,
  contentEncoding,
  contentType: undefined,
  context: { receivedAt: Date.now() },
});

describe('the ingest processor', () => {
  let processor: Processor | undefined;
  afterEach(async () => {
    await processor?.close();
    vi.restoreAllMocks();
  });

  it('gives the same result on a thread as inline, raw items as Buffers', async () => {
    const inline = await createProcessor({ workers: 0 }).process(
      request(gzipSync(envelope('boom')), 'gzip'),
    );
    processor = createProcessor({ workers: 1 });
    const threaded = await processor.process(request(gzipSync(envelope('boom')), 'gzip'));
    expect(threaded.event?.grouping).toEqual(inline.event?.grouping);
    expect(threaded.event?.event.environment).toBe('staging');
    expect(threaded.responseId).toBe('0123456789abcdef0123456789abcdef');
    expect(Buffer.isBuffer(threaded.items[0]!.payload)).toBe(true);
    expect(threaded.items[0]!.payload.toString()).toBe('{"sid":"x"}');
  });

  it('brings a bad body back as the StatusError it raised', async () => {
    processor = createProcessor({ workers: 1 });
    const error = await processor
      .process(request(Buffer.from('not gzip'), 'gzip'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).status).toBe(400);
  });

  it('processes inline when its threads cannot start, losing nothing', async () => {
    const broken = join(tmpdir(), `outpost-broken-worker-${process.pid}.mjs`);
    writeFileSync(broken, 'throw new Error("cannot start");\n');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    processor = createProcessor({ workers: 1, entry: broken });
    const results = await Promise.all(
      [1, 2, 3].map((n) => processor!.process(request(envelope(`m${n}`)))),
    );
    expect(results.map((result) => result.event?.grouping.title)).toEqual(['m1', 'm2', 'm3']);
    expect(console.error).toHaveBeenCalledOnce();
  });
});

describe('the ingest processor beside the write thread', () => {
  let dir: string;
  let db: Db;
  let writer: Writer;
  let processor: Processor;
  const KEY = 'a'.repeat(32);
  const emptyJob = { projectId: 1, organizationId: 1, items: [] };

  async function start() {
    dir = mkdtempSync(join(tmpdir(), 'outpost-processor-'));
    const file = join(dir, 'outpost.db');
    db = openDatabase({ file });
    ensureDefaults(db);
    writer = createWriteThread({ file, fallback: () => createWriter(db, createEventStore(db)) });
    processor = createProcessor({ workers: 1, writes: writer.direct! });
    // The write thread takes jobs straight from processing threads once it is known to run.
    await writer.write(emptyJob);
  }
  afterEach(async () => {
    await processor.close();
    await writer.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const forward = (expected: ExpectedWrite, generation = expected.generation) => ({
    writeId: expected.id,
    generation,
    projectId: 1,
    organizationId: 1,
    publicKey: KEY,
  });
  const events = () => db.prepare('SELECT count(*) AS n FROM events').get();

  it('hands a job straight to the write thread, which answers where it was expected', async () => {
    await start();
    const heard: number[] = [];
    writer.onCommit((writes) => heard.push(...writes.map(({ projectId }) => projectId)));
    const expected = writer.direct!.expect(1)!;
    const outcome = await processor.processOrForward(request(envelope('boom')), forward(expected));
    expect(outcome).toEqual({ forwarded: true, responseId: '0123456789abcdef0123456789abcdef' });
    const result = await expected.done;
    expect(result.event).toMatchObject({ isNew: true, environment: 'staging' });
    expect(events()).toEqual({ n: 1 });
    expect(heard).toEqual([1]);
  });

  it('brings the job back when the envelope names another key', async () => {
    await start();
    const expected = writer.direct!.expect(1)!;
    const body = Buffer.from(
      `{"dsn":"http://${'b'.repeat(32)}@127.0.0.1/1"}\n{"type":"event"}\n{"message":"x"}`,
    );
    const outcome = await processor.processOrForward(request(body), forward(expected));
    expected.cancel();
    expect(outcome).toMatchObject({ dsnKey: 'b'.repeat(32) });
    expect(events()).toEqual({ n: 0 });
  });

  it('brings the job back when its port reaches another write thread than expected', async () => {
    await start();
    const expected = writer.direct!.expect(1)!;
    const stale = forward(expected, expected.generation + 1);
    const outcome = await processor.processOrForward(request(envelope('boom')), stale);
    expected.cancel();
    expect('forwarded' in outcome).toBe(false);
    expect(events()).toEqual({ n: 0 });
  });
});

describe('the ingest processor when the write thread dies', () => {
  it('fails the jobs the dead thread was expecting, and sends later ones to its replacement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outpost-processor-'));
    const file = join(dir, 'outpost.db');
    const db = openDatabase({ file });
    ensureDefaults(db);
    // The first write thread dies on the first job a processing thread sends it; the next lives.
    const entry = join(dir, 'dies-once.mjs');
    const marker = join(dir, 'died');
    const realEntry = fileURLToPath(
      new URL('../store/write-worker-from-source.mjs', import.meta.url),
    );
    writeFileSync(
      entry,
      `import { existsSync, writeFileSync } from 'node:fs';
import { MessagePort, parentPort } from 'node:worker_threads';
await import(${JSON.stringify(pathToFileURL(realEntry).href)});
// Loaded: the next port to listen on is one a processing thread sends jobs through.
const on = MessagePort.prototype.on;
MessagePort.prototype.on = function (event, listener) {
  if (this === parentPort || event !== 'message' || existsSync(${JSON.stringify(marker)})) {
    return on.call(this, event, listener);
  }
  return on.call(this, event, () => {
    writeFileSync(${JSON.stringify(marker)}, '');
    process.exit(1);
  });
};
`,
    );
    const writer = createWriteThread({
      file,
      fallback: () => createWriter(db, createEventStore(db)),
      entry,
    });
    const processor = createProcessor({ workers: 1, writes: writer.direct! });
    try {
      await writer.write({ projectId: 1, organizationId: 1, items: [] });
      const forwardOf = (expected: ExpectedWrite) => ({
        writeId: expected.id,
        generation: expected.generation,
        projectId: 1,
        organizationId: 1,
        publicKey: 'a'.repeat(32),
      });
      const first = writer.direct!.expect(1)!;
      await processor.processOrForward(request(envelope('lost')), forwardOf(first));
      await expect(first.done).rejects.toThrow('exited');

      // Once the replacement has committed, it runs; the processing thread has its new port.
      await writer.write({ projectId: 1, organizationId: 1, items: [] });
      const second = writer.direct!.expect(1)!;
      expect(second.generation).toBe(first.generation + 1);
      const outcome = await processor.processOrForward(
        request(envelope('kept')),
        forwardOf(second),
      );
      expect(outcome).toMatchObject({ forwarded: true });
      expect((await second.done).event?.isNew).toBe(true);
      expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    } finally {
      await processor.close();
      await writer.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
