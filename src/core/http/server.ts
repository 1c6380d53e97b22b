import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppHandler } from './app-routes.js';
import type { IngestEndpoint, IngestHandler } from './ingest-routes.js';
import { sendJson } from './respond.js';

export type ApiHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  rawUrl: string,
) => Promise<void>;

// Relay's routes: /api/{project_id}/envelope/ and /store/, and the legacy /api/store/.
const INGEST_PATH = /^\/api\/(?:(\d+)\/)?(envelope|store)\/?$/;

/** The listener's one request handler: ingest, the Web API, and the user interface. */
export function createRequestHandler(ingest: IngestHandler, api: ApiHandler, app: AppHandler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '/';
    const mark = raw.indexOf('?');
    const path = mark < 0 ? raw : raw.slice(0, mark);
    if (path.startsWith('/api/0/')) {
      void api(req, res, raw);
      return;
    }
    const match = INGEST_PATH.exec(path);
    if (match) {
      const query = new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1));
      const projectId = match[1] === undefined ? null : Number(match[1]);
      void ingest(req, res, match[2] as IngestEndpoint, projectId, query);
      return;
    }
    if (path.startsWith('/api/')) {
      sendJson(res, 404, { detail: `Nothing is served at ${path}.` });
      return;
    }
    void app(req, res, path);
  };
}
