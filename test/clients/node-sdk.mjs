// Sends errors with the real @sentry/node SDK, as an application would.
// Usage: node node-sdk.mjs DSN ENVIRONMENT RELEASE MESSAGE [COUNT] [PLACE]
// PLACE picks the function that throws: errors thrown from different places are different
// issues, as Sentry groups by stack trace.
import * as Sentry from '@sentry/node';

const [dsn, environment, release, message, count = '1', place = 'checkout'] = process.argv.slice(2);
Sentry.init({
  dsn,
  environment: environment || undefined,
  release,
  tracesSampleRate: 0,
  // Dedupe would drop the repeats this script sends on purpose.
  integrations: (defaults) => defaults.filter((integration) => integration.name !== 'Dedupe'),
});
Sentry.setUser({ id: 'user-1' });

const places = {
  checkout() {
    throw new Error(message);
  },
  cache() {
    throw new Error(message);
  },
  render() {
    throw new Error(message);
  },
  reload() {
    throw new Error(message);
  },
  report() {
    throw new Error(message);
  },
};

for (let i = 0; i < Number(count); i++) {
  try {
    places[place]();
  } catch (error) {
    Sentry.captureException(error);
  }
}
const flushed = await Sentry.close(10_000);
process.exit(flushed ? 0 : 1);
