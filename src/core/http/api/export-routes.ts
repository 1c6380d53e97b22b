import { parseEnvelopeSequence, serializeEnvelope } from '../../ingest/envelope.js';
import { limits } from '../../ingest/limits.js';
import { exportProject } from '../../services/export.js';
import { type ApiContext, requireOrganization, requireProject } from './context.js';
import type { Router } from './router.js';

/** Moving a project's data: out as a file of envelopes, and back in. */
export function addExportRoutes(router: Router, ctx: ApiContext) {
  const { db } = ctx;

  router.add('GET', '/api/0/projects/:org/:project/export/', ({ params }) => {
    const project = requireProject(db, requireOrganization(db, params.org!), params.project!);
    return {
      body: null,
      headers: { 'Content-Disposition': `attachment; filename="${project.slug}.envelopes"` },
      stream: {
        contentType: 'application/x-sentry-envelope',
        chunks: exportProject(db, project.id),
      },
    };
  });

  router.add('POST', '/api/0/projects/:org/:project/import/', async ({ params, body }) => {
    const org = requireOrganization(db, params.org!);
    const project = requireProject(db, org, params.project!);
    // The whole file is checked before anything is stored: a bad one leaves nothing behind.
    const envelopes = parseEnvelopeSequence(await body(limits.envelopeBytes)).map(
      serializeEnvelope,
    );
    const events = await ctx.importEnvelopes(
      { projectId: project.id, organizationId: org.id },
      envelopes,
    );
    return { body: { envelopes: envelopes.length, events } };
  });
}
