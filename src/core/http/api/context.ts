import type { Db } from '../../db/open.js';
import { notFound } from '../../errors.js';
import type { KeyRing } from '../../ingest/key-ring.js';
import type { AppEvent } from '../../../shared/types.js';
import {
  type OrganizationRow,
  getOrganizationById,
  getOrganizationBySlug,
} from '../../repositories/organizations.js';
import { type ProjectRow, getProjectById, getProjectBySlug } from '../../repositories/projects.js';

export interface ApiContext {
  db: Db;
  keys: KeyRing;
  /** Where this listener is reached, e.g. `http://127.0.0.1:8930`: DSNs and links are built on it. */
  baseUrl(): string;
  now(): number;
  /** Tells the user interface what the API changed. */
  emit(event: AppEvent): void;
  /** Awaited between the batches of a bulk deletion: ingest's writer takes its turn. */
  yieldToIngest(): Promise<void>;
  /** Stores envelopes for a project through the ingest pipeline; resolves with the events stored. */
  importEnvelopes(
    target: { projectId: number; organizationId: number },
    envelopes: Buffer[],
  ): Promise<number>;
}

/** Sentry resolves organizations and projects by slug, and also by numeric id. */
export function requireOrganization(db: Db, slugOrId: string): OrganizationRow {
  const org =
    getOrganizationBySlug(db, slugOrId) ??
    (/^\d+$/.test(slugOrId) ? getOrganizationById(db, Number(slugOrId)) : undefined);
  if (!org) throw notFound();
  return org;
}

export function requireProject(db: Db, org: OrganizationRow, slugOrId: string): ProjectRow {
  const bySlug = getProjectBySlug(db, org.id, slugOrId);
  if (bySlug) return bySlug;
  if (/^\d+$/.test(slugOrId)) {
    const byId = getProjectById(db, Number(slugOrId));
    if (byId && byId.organization_id === org.id) return byId;
  }
  throw notFound();
}

export const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
