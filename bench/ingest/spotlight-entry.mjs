// Starts the Spotlight sidecar through its library entry, as the Spotlight part of
// `npm run bench` measures it. bench/ingest/spotlight.ts copies this file into the folder where
// Spotlight is installed (outside the repository), so that the import below resolves there.
import http from 'node:http';

// setupSpotlight takes no host and would listen on every interface; the benchmark keeps its
// traffic on loopback, so a listen without a host gets 127.0.0.1.
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && args[1] === undefined) args[1] = '127.0.0.1';
  else if (typeof args[0] === 'number' && typeof args[1] === 'function') {
    args.splice(1, 0, '127.0.0.1');
  }
  return listen.apply(this, args);
};

const { setupSpotlight } = await import('@spotlightjs/spotlight');
const server = await setupSpotlight({ port: 0, isStandalone: true });
if (!server) throw new Error('setupSpotlight returned no server.');
const address = server.address();
console.log(`Spotlight is listening on http://127.0.0.1:${address.port}`);
