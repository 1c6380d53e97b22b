import { gunzipSync, gzipSync } from 'node:zlib';
import type { Core } from '../../src/core/create-core.js';
import { parseEnvelope, serializeEnvelope } from '../../src/core/ingest/envelope.js';
import { insertKey } from '../../src/core/repositories/keys.js';

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?/g;
const EPOCH = /("(?:timestamp|start_timestamp|sent_at|received)"\s*:\s*)\d{9,10}(?:\.\d+)?/g;

/**
 * Moves every recorded time to now, so that a replayed capture is as fresh as the day it was
 * recorded (the server rightly treats stale timestamps as clock errors).
 */
export function freshenText(text: string, now = Date.now()): string {
  const iso = new Date(now).toISOString();
  return text.replace(ISO, iso).replace(EPOCH, `$1${(now / 1000).toFixed(3)}`);
}

/** Rewrites an envelope's times (and its `dsn`, or drops it), keeping every item's bytes consistent. */
export function freshenEnvelope(body: Buffer, dsn?: string): Buffer {
  const envelope = parseEnvelope(body);
  const headers = JSON.parse(freshenText(JSON.stringify(envelope.headers))) as Record<
    string,
    unknown
  >;
  if (dsn) headers.dsn = dsn;
  else delete headers.dsn;
  const items = envelope.items.map((item) => {
    const text = item.payload.toString('utf8');
    const isText = Buffer.from(text, 'utf8').equals(item.payload);
    const payload = isText ? Buffer.from(freshenText(text)) : item.payload;
    const itemHeaders = { ...item.headers };
    delete itemHeaders.length;
    return { ...item, headers: itemHeaders, payload };
  });
  return serializeEnvelope({ headers, items });
}

/** A recorded body, freshened, in the encoding it was sent with. */
export function freshenRecorded(
  body: Buffer,
  encoding: string | undefined,
  isEnvelope: boolean,
): Buffer {
  const gzip = encoding === 'gzip';
  const plain = gzip ? gunzipSync(body) : body;
  const fresh = isEnvelope
    ? freshenEnvelope(plain)
    : Buffer.from(freshenText(plain.toString('utf8')));
  return gzip ? gzipSync(fresh) : fresh;
}

/** Lets a core take the captures: they were recorded against project 1 with the key `publickey`. */
export function acceptRecordedKey(core: Core): void {
  insertKey(
    core.db,
    { projectId: 1, label: 'Recorded', publicKey: 'publickey', secretKey: 'x' },
    Date.now(),
  );
  core.keys.reload();
}
