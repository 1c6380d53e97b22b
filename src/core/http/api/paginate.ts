import { StatusError } from '../../errors.js';
import type { ApiRequest, ApiResponse } from './router.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

export interface Page {
  offset: number;
  limit: number;
}

/** Reads Sentry's `cursor` (`value:offset:is_prev`) and `per_page`/`limit` parameters. */
export function readPage(request: ApiRequest, defaultLimit = DEFAULT_LIMIT): Page {
  const raw = request.query.get('per_page') ?? request.query.get('limit');
  let limit = defaultLimit;
  if (raw !== null) {
    limit = Number(raw);
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new StatusError(400, 'Invalid per_page or limit: give a whole number from 1 to 100.');
    }
    limit = Math.min(limit, MAX_LIMIT);
  }
  const cursor = request.query.get('cursor');
  let offset = 0;
  if (cursor) {
    const parts = cursor.split(':');
    offset = Number(parts[1]);
    if (parts.length !== 3 || !Number.isSafeInteger(offset) || offset < 0) {
      throw new StatusError(400, 'Invalid cursor parameter.');
    }
  }
  return { offset, limit };
}

/** Sentry's `Link` header: a previous and a next cursor, each saying whether it has results. */
export function linkHeader(request: ApiRequest, page: Page, hasMore: boolean): string {
  const link = (offset: number, isPrev: number, rel: string, results: boolean) => {
    const url = new URL(request.url);
    const cursor = `0:${offset}:${isPrev}`;
    url.searchParams.set('cursor', cursor);
    return `<${url.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  const previous = link(Math.max(0, page.offset - page.limit), 1, 'previous', page.offset > 0);
  const next = link(page.offset + page.limit, 0, 'next', hasMore);
  return `${previous}, ${next}`;
}

/** A page of an in-memory list, with its Link header. */
export function paginate<T>(request: ApiRequest, items: readonly T[]): ApiResponse {
  const page = readPage(request);
  const body = items.slice(page.offset, page.offset + page.limit);
  return {
    body,
    headers: { Link: linkHeader(request, page, page.offset + page.limit < items.length) },
  };
}
