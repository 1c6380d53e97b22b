/** Buffers come back from a thread as plain Uint8Arrays: SQLite binds Buffers. */
const asBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Makes the payloads of a job (or of a processed body) that crossed a thread Buffers again. */
export function restoreBuffers<
  T extends { event?: { payload: Uint8Array } | undefined; items: { payload: Uint8Array }[] },
>(value: T): T {
  if (value.event) value.event.payload = asBuffer(value.event.payload);
  for (const item of value.items) item.payload = asBuffer(item.payload);
  return value;
}
