import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StatusError } from '../../errors.js';
import { sendError, sendJson } from '../respond.js';
import type { ApiContext } from './context.js';
import { addEnvironmentRoutes } from './environment-routes.js';
import { addExportRoutes } from './export-routes.js';
import { addIssueRoutes } from './issue-routes.js';
import { addOrganizationRoutes } from './organization-routes.js';
import { createRouter } from './router.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The Sentry Web API subset under /api/0/. Every call needs `Authorization: Bearer <token>`;
 * the token is compared in constant time, through digests so that lengths do not leak.
 */
export function createApi(ctx: ApiContext & { authToken: string }) {
  const router = createRouter();
  const expected = digest(ctx.authToken);

  router.add('GET', '/api/0/', () => ({
    body: {
      version: '0',
      auth: {
        scopes: [
          'org:read',
          'org:write',
          'project:read',
          'project:write',
          'project:releases',
          'event:read',
          'event:write',
        ],
      },
      user: { id: '1', name: 'Local user', username: 'local', email: 'local@outpost.invalid' },
    },
  }));
  addOrganizationRoutes(router, ctx);
  addEnvironmentRoutes(router, ctx);
  addIssueRoutes(router, ctx);
  addExportRoutes(router, ctx);

  function authenticate(req: IncomingMessage) {
    const header = req.headers.authorization ?? '';
    const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new StatusError(
        401,
        'Authentication credentials were not provided: send Authorization: Bearer <token>.',
      );
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) throw new StatusError(401, 'Invalid token');
  }

  /** Resolves when the response can take more, or is closed. */
  const drained = (res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });

  return async function handleApi(req: IncomingMessage, res: ServerResponse, rawUrl: string) {
    try {
      authenticate(req);
      const result = await router.dispatch(req, new URL(rawUrl, ctx.baseUrl()));
      if (result.stream) {
        res.writeHead(result.status ?? 200, {
          ...result.headers,
          'Content-Type': result.stream.contentType,
        });
        for (const chunk of result.stream.chunks) {
          // A reader that went away stops the stream, rather than leave it waiting for ever.
          if (res.destroyed) break;
          // Respect the socket's back-pressure: a large export is never held in memory whole.
          if (!res.write(chunk)) await drained(res);
        }
        res.end();
      } else if (result.body === null) {
        res.writeHead(result.status ?? 204, result.headers ?? {});
        res.end();
      } else {
        sendJson(res, result.status ?? 200, result.body, result.headers);
      }
    } catch (error) {
      sendError(res, error);
    }
  };
}
