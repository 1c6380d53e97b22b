import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProjectEnvironment } from '../../../../shared/types';
import { call, onAppEvent } from '../../api/client';

/** A project's environments, hidden ones included, kept current as events and changes arrive. */
export function useProjectEnvironments(projectId: number | undefined) {
  const [loaded, setLoaded] = useState<{ projectId: number; list: ProjectEnvironment[] } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  // Answers for a project the user has since left are dropped.
  const current = useRef(projectId);
  useEffect(() => {
    current.current = projectId;
  }, [projectId]);

  const reload = useCallback(async () => {
    if (projectId === undefined) return;
    try {
      const list = await call('listProjectEnvironments', { projectId, visibility: 'all' });
      if (current.current !== projectId) return;
      setLoaded({ projectId, list });
      setError(null);
    } catch (failure) {
      if (current.current === projectId) setError((failure as Error).message);
    }
  }, [projectId]);

  useEffect(() => {
    setError(null);
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onAppEvent((event) => {
        if (projectId === undefined) return;
        if (
          (event.type === 'environments-changed' && event.projectId === projectId) ||
          (event.type === 'ingested' &&
            event.newEnvironment &&
            event.projectIds.includes(projectId)) ||
          event.type === 'data-cleared'
        ) {
          void reload();
        }
      }),
    [projectId, reload],
  );

  const environments = loaded && loaded.projectId === projectId ? loaded.list : null;
  return { environments, error, reload };
}
