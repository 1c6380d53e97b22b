import { inflateSync } from 'node:zlib';
import { dsnPublicKey } from './auth.js';
import { decodeBody } from './decode.js';
import { parseEnvelope } from './envelope.js';
import { limits } from './limits.js';
import {
  type ProcessContext,
  type Processed,
  processEnvelope,
  processStoreEvent,
} from './process.js';

/** A request body as it arrived, with what is needed to read it. */
export interface BodyRequest {
  endpoint: 'envelope' | 'store';
  body: Buffer;
  contentEncoding: string | undefined;
  contentType: string | undefined;
  context: ProcessContext;
}

export interface ProcessedBody extends Processed {
  /** The public key of the envelope's own `dsn` header, when it has one. */
  dsnKey: string | undefined;
}

function isEnvelopeType(contentType: string | undefined) {
  return contentType?.toLowerCase().startsWith('application/x-sentry-envelope') ?? false;
}

/** Legacy /store/ bodies that are not JSON are base64, possibly of zlib (spec §3.5). */
export function legacyStoreBody(body: Buffer): Buffer {
  const first = body.find(
    (byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09,
  );
  if (first === 0x7b) return body;
  const decoded = Buffer.from(body.toString('latin1').trim(), 'base64');
  if (decoded.length === 0) return body;
  if (decoded[0] === 0x7b) return decoded;
  try {
    return inflateSync(decoded, { maxOutputLength: limits.eventBytes });
  } catch {
    return body;
  }
}

/**
 * Everything ingest does to a body before the write: decode, parse, normalise, group. Pure and
 * free of the database, so it runs in a worker thread as well as inline.
 */
export function processBody(request: BodyRequest): ProcessedBody {
  const { endpoint, body, contentEncoding, contentType, context } = request;
  if (endpoint === 'store' && !isEnvelopeType(contentType)) {
    const decoded = decodeBody(body, contentEncoding, limits.eventBytes);
    return { ...processStoreEvent(legacyStoreBody(decoded), context), dsnKey: undefined };
  }
  const envelope = parseEnvelope(decodeBody(body, contentEncoding, limits.envelopeBytes));
  return { ...processEnvelope(envelope, context), dsnKey: dsnPublicKey(envelope.headers.dsn) };
}
