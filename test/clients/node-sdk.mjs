// Sends errors with the real @sentry/node SDK, as an application would.
// Usage: node node-sdk.mjs DSN ENVIRONMENT RELEASE MESSAGE [COUNT]
import * as Sentry from '@sentry/node';

const [dsn, environment, release, message, count = '1'] = process.argv.slice(2);
Sentry.init({
  dsn,
  environment: environment || undefined,
  release,
  tracesSampleRate: 0,
  // Dedupe would drop the repeats this script sends on purpose.
  integrations: (defaults) => defaults.filter((integration) => integration.name !== 'Dedupe'),
});
Sentry.setUser({ id: 'user-1' });
for (let i = 0; i < Number(count); i++) {
  try {
    throw new Error(message);
  } catch (error) {
    Sentry.captureException(error);
  }
}
const flushed = await Sentry.close(10_000);
process.exit(flushed ? 0 : 1);
