import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatusError } from '../errors.js';
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
