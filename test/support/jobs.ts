import { processBody } from '../../src/core/ingest/process-body.js';
import type { WriteJob } from '../../src/core/store/write-types.js';

/** What ingest asks the writer to store for an envelope sent to project 1 of organization 1. */
export function writeJobOf(envelope: string): WriteJob {
  const { event, items } = processBody({
    endpoint: 'envelope',
    body: Buffer.from(envelope),
    contentEncoding: undefined,
    contentType: undefined,
    context: { receivedAt: Date.now() },
  });
  return { projectId: 1, organizationId: 1, ...(event ? { event } : {}), items };
}
