import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { net, protocol } from 'electron';
import { CONTENT_SECURITY_POLICY, assetType } from '../shared/renderer-assets.js';

/** Must run before the app is ready: `app://` behaves as a secure, standard origin. */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer at app://outpost/. Paths that are not files are the app's own
 * routes (`/issues?environment=…`) and get index.html, so links and reloads keep the URL.
 */
export function serveRenderer(rendererDir: string) {
  const root = normalize(rendererDir + sep);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'outpost') return new Response('Not found', { status: 404 });
    let file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || extname(file) === '') file = join(rendererDir, 'index.html');
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': assetType(extname(file)),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      return net.fetch('data:text/plain,Not found');
    }
  });
}
