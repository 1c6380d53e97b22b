import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** One recorded HTTP request, with its body exactly as sent (possibly compressed). */
export interface WireRequest {
  /** The raw file's name without extension, e.g. `002-POST`. */
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names; repeated headers joined with `, ` as Node does. */
  headers: Record<string, string>;
  body: Buffer;
}

/** One line of a capture's `requests.jsonl`: the recorder's own view, body already decoded. */
export interface WireLogEntry {
  n: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

// A chunked body starts with a hex size line (RFC 9112 §7.1). Some captures store the body
// already de-chunked while keeping the Transfer-Encoding header, so both forms occur.
const CHUNK_SIZE_LINE = /^[0-9a-fA-F]+(;[^\r\n]*)?\r\n/;

function dechunk(body: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, position);
    if (lineEnd === -1) throw new Error('chunked body without a terminating chunk');
    const size = Number.parseInt(body.toString('latin1', position, lineEnd).split(';')[0]!, 16);
    if (size === 0) return Buffer.concat(chunks);
    const start = lineEnd + 2;
    chunks.push(body.subarray(start, start + size));
    position = start + size + 2;
  }
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** Parses one `raw/NNN-METHOD.http` file: request line, headers, then the body as sent. */
export function parseRawRequest(id: string, raw: Buffer): WireRequest {
  const headerEnd = raw.indexOf(HEADER_END);
  if (headerEnd === -1) throw new Error(`${id}: no end of headers`);
  const [requestLine = '', ...headerLines] = raw.toString('latin1', 0, headerEnd).split('\r\n');
  const [method = '', target = ''] = requestLine.split(' ');
  const headers = parseHeaders(headerLines);
  let body = raw.subarray(headerEnd + HEADER_END.length);
  const chunked = /\bchunked\b/i.test(headers['transfer-encoding'] ?? '');
  if (chunked && CHUNK_SIZE_LINE.test(body.toString('latin1', 0, 32))) {
    body = dechunk(body);
  } else if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  const url = new URL(target, 'http://recorded.invalid');
  return {
    id,
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  };
}

/** Every request of a capture folder, in the order it was recorded. */
export function loadWireRequests(dir: string): WireRequest[] {
  const rawDir = path.join(dir, 'raw');
  return readdirSync(rawDir)
    .filter((name) => name.endsWith('.http'))
    .sort()
    .map((name) =>
      parseRawRequest(name.replace(/\.http$/, ''), readFileSync(path.join(rawDir, name))),
    );
}

/** The capture's `requests.jsonl`, in the order it was recorded. */
export function loadWireLog(dir: string): WireLogEntry[] {
  return readFileSync(path.join(dir, 'requests.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as WireLogEntry);
}
