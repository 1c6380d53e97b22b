// CRC-32 as gzip uses it (RFC 1952 §8), split so that a body's checksum can be finished
// quickly when only a few bytes in it change per request: the register update is affine, so
// running a fixed stretch of bytes through it is "a fixed linear map, then xor a constant".

const TABLE = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}

/** Runs `bytes` through the CRC register (no pre- or post-inversion). */
export function crcUpdate(register: number, bytes: Uint8Array): number {
  let r = register >>> 0;
  for (const byte of bytes) r = TABLE[(r ^ byte) & 0xff]! ^ (r >>> 8);
  return r >>> 0;
}

/** The CRC-32 of `bytes`, as in a gzip trailer. */
export function crc32(bytes: Uint8Array): number {
  return (crcUpdate(0xffffffff, bytes) ^ 0xffffffff) >>> 0;
}

/**
 * What running `bytes` through the register does, as `register ↦ shift(register) ^ constant`:
 * `columns[i]` is the image of bit i under `shift` (the same length of zero bytes), and
 * `constant` is the register the bytes leave when it starts at 0.
 */
export interface CrcStretch {
  columns: number[];
  constant: number;
}

export function crcStretch(bytes: Uint8Array): CrcStretch {
  const zeros = new Uint8Array(bytes.length);
  const columns = Array.from({ length: 32 }, (_, bit) => crcUpdate(2 ** bit, zeros));
  return { columns, constant: crcUpdate(0, bytes) };
}

export function applyStretch(register: number, { columns, constant }: CrcStretch): number {
  let out = constant;
  for (let bit = 0; bit < 32; bit++) if ((register >>> bit) & 1) out ^= columns[bit]!;
  return out >>> 0;
}
