import type { IncomingMessage, ServerResponse } from 'node:http';
import { inflateSync } from 'node:zlib';
import { StatusError } from '../errors.js';
import { dsnPublicKey, requestPublicKey } from '../ingest/auth.js';
import { decodeBody } from '../ingest/decode.js';
import { parseEnvelope, parseJsonObject } from '../ingest/envelope.js';
import type { KeyRing } from '../ingest/key-ring.js';
import { limits } from '../ingest/limits.js';
import {
  type Processed,
  type Target,
  processEnvelope,
  processStoreEvent,
} from '../ingest/process.js';
import type { Writer } from '../store/writer.js';
import { readBody } from './read-body.js';
import { sendError, sendJson } from './respond.js';

// Spec §3.9: SDKs in browsers post from any origin.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers':
    'x-sentry-auth, x-requested-with, x-forwarded-for, origin, referer, accept, content-type, authentication, authorization, content-encoding, transfer-encoding',
  'Access-Control-Expose-Headers': 'x-sentry-error, x-sentry-rate-limits, retry-after',
  'Access-Control-Max-Age': '3600',
};

// A transparent 1×1 GIF, the answer to the legacy `GET /store/?sentry_data=…` beacon.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export type IngestEndpoint = 'envelope' | 'store';

export interface IngestDeps {
  keys: KeyRing;
  writer: Writer;
  now?: () => number;
}

function isEnvelopeType(contentType: string | undefined) {
  return contentType?.toLowerCase().startsWith('application/x-sentry-envelope') ?? false;
}

/** Legacy /store/ bodies that are not JSON are base64, possibly of zlib (spec §3.5). */
function legacyStoreBody(body: Buffer): Buffer {
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

/** The project a request may write to: the key must exist and belong to the path's project. */
function authorize(
  keys: KeyRing,
  publicKey: string | undefined,
  pathProjectId: number | null,
): Target {
  if (!publicKey) {
    throw new StatusError(401, 'Missing authentication: send the DSN public key (sentry_key).');
  }
  const key = keys.get(publicKey);
  if (!key)
    throw new StatusError(403, `The public key ${publicKey} is not a valid key of any project.`);
  if (pathProjectId !== null && key.projectId !== pathProjectId) {
    throw new StatusError(403, `The public key does not belong to project ${pathProjectId}.`);
  }
  return { projectId: key.projectId, organizationId: key.organizationId };
}

export function createIngestRoutes({ keys, writer, now = Date.now }: IngestDeps) {
  async function ingest(
    req: IncomingMessage,
    endpoint: IngestEndpoint,
    pathProjectId: number | null,
    query: URLSearchParams,
  ): Promise<Processed> {
    // Refuse unauthenticated requests before reading their bodies where the headers settle it.
    const headerKey = requestPublicKey(req.headers, query);
    if (headerKey !== undefined || endpoint === 'store') authorize(keys, headerKey, pathProjectId);
    const body = await readBody(req, limits.requestBytes);
    const encoding = req.headers['content-encoding'];
    const context = { receivedAt: now(), clientIp: req.socket.remoteAddress ?? '' };
    const asEnvelope = endpoint === 'envelope' || isEnvelopeType(req.headers['content-type']);
    if (!asEnvelope) {
      const decoded = decodeBody(body, encoding, limits.eventBytes);
      const target = authorize(keys, headerKey, pathProjectId);
      return processStoreEvent(parseJsonObject(legacyStoreBody(decoded), 'event'), target, context);
    }
    const envelope = parseEnvelope(decodeBody(body, encoding, limits.envelopeBytes));
    const dsnKey = dsnPublicKey(envelope.headers.dsn);
    if (headerKey !== undefined && dsnKey !== undefined && dsnKey !== headerKey) {
      throw new StatusError(403, 'The envelope header `dsn` names another key than the request.');
    }
    return processEnvelope(envelope, authorize(keys, headerKey ?? dsnKey, pathProjectId), context);
  }

  return async function handleIngest(
    req: IncomingMessage,
    res: ServerResponse,
    endpoint: IngestEndpoint,
    pathProjectId: number | null,
    query: URLSearchParams,
  ) {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { ...CORS_HEADERS, 'Content-Length': 0 });
      res.end();
      return;
    }
    if (req.method === 'GET' && endpoint === 'store' && query.has('sentry_data')) {
      // Old browser SDKs sent events as an image beacon; the event rides in the query.
      try {
        const target = authorize(keys, requestPublicKey(req.headers, query), pathProjectId);
        const raw = parseJsonObject(
          legacyStoreBody(Buffer.from(query.get('sentry_data')!)),
          'event',
        );
        const processed = processStoreEvent(raw, target, { receivedAt: now() });
        await writer.write(processed.job);
        res.writeHead(200, {
          ...CORS_HEADERS,
          'Content-Type': 'image/gif',
          'Content-Length': PIXEL.length,
        });
        res.end(PIXEL);
      } catch (error) {
        sendError(res, error, CORS_HEADERS);
      }
      return;
    }
    if (req.method !== 'POST') {
      sendJson(
        res,
        405,
        { detail: `Method ${req.method} is not allowed here: use POST.` },
        CORS_HEADERS,
      );
      return;
    }
    try {
      const { job, responseId } = await ingest(req, endpoint, pathProjectId, query);
      if (job.event || job.items.length > 0) await writer.write(job);
      sendJson(res, 200, responseId ? { id: responseId } : {}, CORS_HEADERS);
    } catch (error) {
      sendError(res, error, CORS_HEADERS);
    }
  };
}

export type IngestHandler = ReturnType<typeof createIngestRoutes>;
