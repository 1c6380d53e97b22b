import type { IncomingHttpHeaders } from 'node:http';
import { StatusError } from '../errors.js';

/** Pairs of a `Sentry sentry_key=…, sentry_version=7` header, keys lower-cased. */
function parseSentryAuth(value: string): Map<string, string> | undefined {
  const match = /^\s*sentry\s+(.*)$/is.exec(value);
  if (!match) return undefined;
  const pairs = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    pairs.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return pairs;
}

function basicUser(value: string): string | undefined {
  const match = /^\s*basic\s+(\S+)\s*$/i.exec(value);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? decoded : decoded.slice(0, colon);
}

/**
 * The public key a request authenticates with, from the header or query sources of spec §3.2.
 * More than one source is an error, as in Relay; none gives undefined (the envelope's own `dsn`
 * header may still supply one).
 */
export function requestPublicKey(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): string | undefined {
  const found: string[] = [];
  const xSentryAuth = headers['x-sentry-auth'];
  if (typeof xSentryAuth === 'string') {
    const key = parseSentryAuth(xSentryAuth)?.get('sentry_key');
    if (key) found.push(key);
  }
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const key = parseSentryAuth(authorization)?.get('sentry_key') ?? basicUser(authorization);
    if (key) found.push(key);
  }
  const queryKey = query.get('sentry_key');
  if (queryKey) found.push(queryKey);
  if (found.length > 1) {
    throw new StatusError(400, 'The request carries more than one authorization payload.');
  }
  return found[0];
}

/** The public key of a DSN (`{scheme}://{public_key}[:{secret}]@{host}/{project_id}`). */
export function dsnPublicKey(dsn: unknown): string | undefined {
  if (typeof dsn !== 'string') return undefined;
  try {
    return decodeURIComponent(new URL(dsn).username) || undefined;
  } catch {
    throw new StatusError(400, 'The envelope header `dsn` is not a valid DSN.');
  }
}
