import { constants, deflateRawSync } from 'node:zlib';
import { type CrcStretch, applyStretch, crcStretch, crcUpdate } from './crc32.js';

/** Where a fresh event id goes in a body: 32 characters, like the id itself. */
export const ID_MARK = '@@@@@@@@@@@@@@@@@@@@@EVENT-ID@@@';

// A gzip member header: deflate, no flags, no mtime, Unix (RFC 1952 §2.3).
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
// A non-final stored deflate block of 32 bytes (RFC 1951 §3.2.4): BFINAL=0 BTYPE=00, then
// LEN and its complement. The id travels uncompressed in it.
const STORED_ID_BLOCK = Buffer.from([0x00, 0x20, 0x00, 0xdf, 0xff]);

/**
 * A request body with holes for event ids. Every request fills them with a fresh id, so each
 * one stores a new event rather than a duplicate.
 *
 * A gzip body cannot take a new id by substitution, and pre-compressing one body per request
 * would take hundreds of megabytes. Instead the body is one gzip member whose deflate stream is
 * cut at each id: the text around the ids is compressed (each stretch ending on a full flush,
 * so nothing later refers back into an id), each id sits in a 32-byte stored block, and only
 * the trailer's CRC-32 depends on the ids. The CRC of the fixed stretches is precomputed as an
 * affine map (`CrcStretch`), so finishing it costs a few hundred operations per request, in
 * Lua as in JavaScript. The server decompresses a normal, fully compressed-sized gzip body.
 */
export interface BodyTemplate {
  /** What the body holds, for the checks afterwards. */
  kind: 'error' | 'error+session' | 'transaction';
  gzip: boolean;
  /** The bytes between the ids: one more part than there are ids. */
  parts: Buffer[];
  /** For gzip: the CRC register after the first part, and what each later part does to it. */
  crc?: { start: number; stretches: CrcStretch[]; size: number };
}

export function plainTemplate(kind: BodyTemplate['kind'], text: string): BodyTemplate {
  return { kind, gzip: false, parts: text.split(ID_MARK).map((part) => Buffer.from(part)) };
}

export function gzipTemplate(kind: BodyTemplate['kind'], text: string): BodyTemplate {
  const raw = text.split(ID_MARK).map((part) => Buffer.from(part));
  const last = raw.length - 1;
  const parts = raw.map((part, index) => {
    if (index === last) return deflateRawSync(part);
    // A full flush ends byte-aligned with a fresh dictionary and no final block.
    const compressed = deflateRawSync(part, { finishFlush: constants.Z_FULL_FLUSH });
    return Buffer.concat([
      index === 0 ? GZIP_HEADER : Buffer.alloc(0),
      compressed,
      STORED_ID_BLOCK,
    ]);
  });
  const size = raw.reduce((sum, part) => sum + part.length, 0) + last * ID_MARK.length;
  return {
    kind,
    gzip: true,
    parts,
    crc: {
      start: crcUpdate(0xffffffff, raw[0]!),
      stretches: raw.slice(1).map((part) => crcStretch(part)),
      size,
    },
  };
}

/** The body length on the wire, the same for every id. */
export function bodyLength(template: BodyTemplate): number {
  const parts = template.parts.reduce((sum, part) => sum + part.length, 0);
  return parts + (template.parts.length - 1) * ID_MARK.length + (template.gzip ? 8 : 0);
}

/** The body with `id` (32 hex characters) in every hole: what the Lua script builds too. */
export function assemble(template: BodyTemplate, id: string): Buffer {
  const idBytes = Buffer.from(id, 'latin1');
  const chunks: Buffer[] = [];
  template.parts.forEach((part, index) => {
    if (index > 0) chunks.push(idBytes);
    chunks.push(part);
  });
  if (template.crc) {
    let register = template.crc.start;
    for (const stretch of template.crc.stretches) {
      register = applyStretch(crcUpdate(register, idBytes), stretch);
    }
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE((register ^ 0xffffffff) >>> 0, 0);
    trailer.writeUInt32LE(template.crc.size >>> 0, 4);
    chunks.push(trailer);
  }
  return Buffer.concat(chunks);
}

/**
 * The file the wrk script reads: a text line per template (its pool, whether it is gzip, its
 * part lengths, and for gzip the CRC data), then the parts' bytes. Pool 2 holds the bodies
 * sent on every `sessionEvery`-th request, pool 1 the rest.
 */
export function serializeTemplates(pools: {
  main: BodyTemplate[];
  every?: { n: number; templates: BodyTemplate[] };
}): Buffer {
  const chunks: Buffer[] = [];
  const all = [
    ...pools.main.map((template) => ({ pool: 1, template })),
    ...(pools.every?.templates ?? []).map((template) => ({ pool: 2, template })),
  ];
  chunks.push(Buffer.from(`outpost-bench-templates 1\n${all.length} ${pools.every?.n ?? 0}\n`));
  for (const { pool, template } of all) {
    const fields = [pool, template.gzip ? 1 : 0, template.parts.length];
    fields.push(...template.parts.map((part) => part.length));
    if (template.crc) {
      fields.push(template.crc.start, template.crc.size);
      for (const stretch of template.crc.stretches)
        fields.push(stretch.constant, ...stretch.columns);
    }
    chunks.push(Buffer.from(`${fields.join(' ')}\n`), ...template.parts);
  }
  return Buffer.concat(chunks);
}
