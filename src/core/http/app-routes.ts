/**
 * The user interface over HTTP, for the headless mode: the built renderer at `/`, the app
 * contract at `POST /app/call/{name}`, live updates at `GET /app/events` (Server-Sent Events).
 *
 * Threat model: the listener is on loopback, but any web page the user opens can send requests
 * to it, and DNS rebinding can make a hostile name resolve to it. So: the Host header must name
 * this listener by a loopback name or its bound address (defeats rebinding); an Origin, when
 * sent, must be this listener's own; calls must be `application/json`, which a cross-origin page
 * cannot send without a preflight that is never answered (no CORS headers are ever sent here).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, assetType } from '../../shared/renderer-assets.js';
import type { AppService } from '../app/service.js';
import { StatusError } from '../errors.js';
import { readBody } from './read-body.js';
import { sendError, sendJson } from './respond.js';

const MAX_CALL_BYTES = 1024 * 1024;
export interface AppRoutesOptions {
  app: AppService;
  /** The built renderer (out/renderer); absent when only the API is served. */
  rendererDir?: string;
  /** host:port strings this listener answers to. */
  allowedHosts(): Set<string>;
}

export function createAppRoutes({ app, rendererDir, allowedHosts }: AppRoutesOptions) {
  const streams = new Set<ServerResponse>();
  function checkOrigin(req: IncomingMessage) {
    const hosts = allowedHosts();
    const host = req.headers.host ?? '';
    if (!hosts.has(host))
      throw new StatusError(403, `Host "${host}" is not this Outpost: open it by its own address.`);
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      throw new StatusError(403, 'Cross-origin requests to the app are refused.');
    }
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string) {
    if (req.method !== 'POST') throw new StatusError(405, 'Use POST for app calls.');
    if (!req.headers['content-type']?.toLowerCase().startsWith('application/json')) {
      throw new StatusError(415, 'App calls must be sent as application/json.');
    }
    const body = await readBody(req, MAX_CALL_BYTES);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new StatusError(400, 'The call body is not valid JSON.');
    }
    const outcome = await app.call(name, input);
    sendJson(res, outcome.ok ? 200 : outcome.error.status, outcome, {
      'Cache-Control': 'no-store',
    });
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const unsubscribe = app.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
    // Keeps proxies and the browser from timing the stream out.
    const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(res);
    });
  }

  function serveFile(res: ServerResponse, path: string) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      throw new StatusError(400, 'The path is not valid percent-encoding.');
    }
    if (!rendererDir || !existsSync(join(rendererDir, 'index.html'))) {
      sendJson(res, 404, { detail: 'The user interface is not built: run npm run build.' });
      return;
    }
    const root = normalize(rendererDir + sep);
    let file = normalize(join(rendererDir, decoded));
    // Paths that are not files are the app's own routes: the single page handles them.
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      file = join(rendererDir, 'index.html');
    }
    const isAsset = file.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      'Content-Type': assetType(extname(file)),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  }

  async function handleApp(req: IncomingMessage, res: ServerResponse, path: string) {
    try {
      checkOrigin(req);
      if (path.startsWith('/app/call/'))
        return await handleCall(req, res, path.slice('/app/call/'.length));
      if (path === '/app/events') return handleEvents(req, res);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new StatusError(405, 'Only GET is served here.');
      serveFile(res, path);
    } catch (error) {
      sendError(res, error);
    }
  }

  /** Ends the open event streams, which would otherwise hold a closing listener open forever. */
  function closeStreams() {
    for (const res of streams) res.end();
    streams.clear();
  }

  return Object.assign(handleApp, { closeStreams });
}

export type AppHandler = ReturnType<typeof createAppRoutes>;
