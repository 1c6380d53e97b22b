// Payloads cross threads twice on their way to the database: from a processing thread and to
// the write thread. Handed over (transferred) rather than copied, and each in a memory block of
// its own size: a payload from zlib is a view into a 16 KB block, and one cut from a request
// body a view into the whole body, which a copy across threads would copy entire.

interface WithPayloads {
  event?: { payload: Uint8Array } | undefined;
  items: { payload: Uint8Array }[];
}

/** Buffers come back from a thread as plain Uint8Arrays: SQLite binds Buffers. */
const asBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Makes the payloads of a job (or of a processed body) that crossed a thread Buffers again. */
export function restoreBuffers<T extends WithPayloads>(value: T): T {
  if (value.event) value.event.payload = asBuffer(value.event.payload);
  for (const item of value.items) item.payload = asBuffer(item.payload);
  return value;
}

/** The bytes alone in their memory block, copied there when they share one. */
export function ownBlock(bytes: Buffer): Buffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return Buffer.from(new Uint8Array(bytes).buffer);
}

/**
 * Puts each payload of `value` in a block of its own and lists the blocks, for postMessage to
 * hand over: afterwards this thread must not read the payloads.
 */
export function payloadTransfers(value: {
  event?: { payload: Buffer } | undefined;
  items: { payload: Buffer }[];
}): ArrayBuffer[] {
  const blocks: ArrayBuffer[] = [];
  if (value.event) {
    value.event.payload = ownBlock(value.event.payload);
    blocks.push(value.event.payload.buffer as ArrayBuffer);
  }
  for (const item of value.items) {
    item.payload = ownBlock(item.payload);
    blocks.push(item.payload.buffer as ArrayBuffer);
  }
  return blocks;
}
