import type { IncomingMessage } from 'node:http';
import { StatusError } from '../../errors.js';
import { readBody } from '../read-body.js';

export interface ApiRequest {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The request's path with its query, for pagination links. */
  url: URL;
  /** The JSON body, parsed; 400 when it is not JSON. */
  json(): Promise<unknown>;
  /** The raw body, up to a limit (413 past it). */
  body(maxBytes: number): Promise<Buffer>;
}

export interface ApiResponse {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A body streamed as it is produced instead of JSON (`body` is then ignored). */
  stream?: { contentType: string; chunks: Iterable<Buffer> };
}

export type ApiHandler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: ApiHandler;
}

const MAX_JSON_BYTES = 1024 * 1024;

/**
 * A small path router for the Web API. Patterns are slash-separated with `:name` segments;
 * parameters are URL-decoded; a trailing slash is optional, as Sentry's clients differ.
 */
export function createRouter() {
  const routes: Route[] = [];
  const split = (path: string) => path.split('/').filter((segment) => segment !== '');

  function match(route: Route, segments: string[]): Record<string, string> | undefined {
    if (route.segments.length !== segments.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const pattern = route.segments[i]!;
      const segment = segments[i]!;
      if (pattern.startsWith(':')) {
        try {
          params[pattern.slice(1)] = decodeURIComponent(segment);
        } catch {
          return undefined;
        }
      } else if (pattern !== segment) return undefined;
    }
    return params;
  }

  return {
    add(method: string, pattern: string, handler: ApiHandler) {
      routes.push({ method, segments: split(pattern), handler });
    },
    async dispatch(req: IncomingMessage, url: URL): Promise<ApiResponse> {
      const segments = split(url.pathname);
      let allowed = false;
      for (const route of routes) {
        const params = match(route, segments);
        if (!params) continue;
        if (route.method !== req.method) {
          allowed = true;
          continue;
        }
        return route.handler({
          method: req.method,
          params,
          query: url.searchParams,
          url,
          body: (maxBytes: number) => readBody(req, maxBytes),
          async json() {
            const body = await readBody(req, MAX_JSON_BYTES);
            if (body.length === 0) return {};
            try {
              return JSON.parse(body.toString('utf8'));
            } catch {
              throw new StatusError(400, 'The request body is not valid JSON.');
            }
          },
        });
      }
      if (allowed) throw new StatusError(405, `Method "${req.method}" not allowed.`);
      throw new StatusError(404, 'The requested resource does not exist');
    },
  };
}

export type Router = ReturnType<typeof createRouter>;
