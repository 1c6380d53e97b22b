import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../errors.js';
import { requestPublicKey } from '../ingest/auth.js';
import type { KeyRing } from '../ingest/key-ring.js';
import { limits } from '../ingest/limits.js';
import { processStoreEvent } from '../ingest/process.js';
import { legacyStoreBody } from '../ingest/process-body.js';
import type { Processor } from '../ingest/processor.js';
import type { ExpectedWrite, WriteJob, Writer } from '../store/write-types.js';
import { readBody } from './read-body.js';
import { sendError, sendJson } from './respond.js';

/** The project and organization a request writes to. */
interface Target {
  projectId: number;
  organizationId: number;
}

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
  processor: Processor;
  now?: () => number;
  /** Requests in flight past which ingest answers 429 rather than queue more. */
  maxInFlight?: number;
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

const forwardTo = (expected: ExpectedWrite, target: Target, publicKey: string) => ({
  writeId: expected.id,
  generation: expected.generation,
  ...target,
  publicKey,
});

export function createIngestRoutes({
  keys,
  writer,
  processor,
  now = Date.now,
  maxInFlight = 5_000,
}: IngestDeps) {
  // Requests read, processing or waiting for their commit.
  let inFlight = 0;

  /** Stores what a request asks to and returns the id to answer with. */
  async function ingest(
    req: IncomingMessage,
    endpoint: IngestEndpoint,
    pathProjectId: number | null,
    query: URLSearchParams,
  ): Promise<string | null> {
    // Refuse unauthenticated requests before reading their bodies where the headers settle it.
    const headerKey = requestPublicKey(req.headers, query);
    const known =
      headerKey !== undefined || endpoint === 'store'
        ? authorize(keys, headerKey, pathProjectId)
        : undefined;
    const body = await readBody(req, limits.requestBytes);
    // With the project known, the processing thread hands the job straight to the write thread.
    const expected = known && writer.direct?.expect(known.projectId);
    let outcome;
    try {
      outcome = await processor.processOrForward(
        {
          endpoint,
          body,
          contentEncoding: req.headers['content-encoding'],
          contentType: req.headers['content-type'],
          context: { receivedAt: now(), clientIp: req.socket.remoteAddress ?? '' },
        },
        expected ? forwardTo(expected, known!, headerKey!) : undefined,
      );
    } catch (error) {
      expected?.cancel();
      throw error;
    }
    if ('forwarded' in outcome) {
      await expected!.done;
      return outcome.responseId;
    }
    expected?.cancel();
    const { dsnKey } = outcome;
    if (headerKey !== undefined && dsnKey !== undefined && dsnKey !== headerKey) {
      throw new StatusError(403, 'The envelope header `dsn` names another key than the request.');
    }
    const target = authorize(keys, headerKey ?? dsnKey, pathProjectId);
    const job: WriteJob = { ...target, items: outcome.items };
    if (outcome.event) job.event = outcome.event;
    if (job.event || job.items.length > 0) await writer.write(job);
    return outcome.responseId;
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
        const sent = legacyStoreBody(Buffer.from(query.get('sentry_data')!));
        const { event, items } = processStoreEvent(sent, { receivedAt: now() });
        await writer.write({ ...target, event, items });
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
    if (inFlight >= maxInFlight) {
      // Writes are so far behind that taking more would grow memory without bound. The SDKs
      // back off for Retry-After and send again (spec §3.8); nothing answered 200 is dropped.
      sendJson(
        res,
        429,
        { detail: 'Outpost is catching up with its writes: retry shortly.' },
        {
          ...CORS_HEADERS,
          'Retry-After': '1',
          'X-Sentry-Rate-Limits': '1::organization:backlog',
        },
      );
      req.resume();
      return;
    }
    inFlight += 1;
    try {
      const responseId = await ingest(req, endpoint, pathProjectId, query);
      sendJson(res, 200, responseId ? { id: responseId } : {}, CORS_HEADERS);
    } catch (error) {
      sendError(res, error, CORS_HEADERS);
    } finally {
      inFlight -= 1;
    }
  };
}

export type IngestHandler = ReturnType<typeof createIngestRoutes>;
