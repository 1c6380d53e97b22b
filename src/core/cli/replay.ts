import { readFileSync } from 'node:fs';
import { parseEnvelopeSequence, serializeEnvelope } from '../ingest/envelope.js';

/**
 * `npm run replay -- FILE DSN`: sends an export file's envelopes, one request each, to any
 * Sentry DSN (another Outpost, or a hosted Sentry), as an SDK would.
 */
async function main() {
  const [file, dsn] = process.argv.slice(2);
  if (!file || !dsn) {
    console.error('Usage: npm run replay -- FILE DSN');
    process.exit(2);
  }
  const url = new URL(dsn);
  const projectId = url.pathname.split('/').filter(Boolean).at(-1);
  const path = url.pathname.split('/').filter(Boolean).slice(0, -1).join('/');
  const endpoint = `${url.protocol}//${url.host}/${path ? `${path}/` : ''}api/${projectId}/envelope/?sentry_version=7&sentry_key=${url.username}&sentry_client=outpost-replay/1`;
  const envelopes = parseEnvelopeSequence(readFileSync(file));
  let sent = 0;
  for (const envelope of envelopes) {
    // The envelope's own dsn, if any, would name the old key: the request's key speaks for it.
    const headers = { ...envelope.headers };
    delete headers.dsn;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-sentry-envelope' },
      body: new Uint8Array(serializeEnvelope({ ...envelope, headers })),
    });
    if (!response.ok) {
      console.error(
        `Envelope ${sent + 1} was refused (${response.status}): ${await response.text()}`,
      );
      process.exit(1);
    }
    sent += 1;
  }
  console.log(`Sent ${sent} envelopes to ${url.host}.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
