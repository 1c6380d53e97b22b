import type { CommittedWrite } from '../store/write-types.js';
import type { AppEvent } from '../../shared/types.js';

const INTERVAL_MS = 250;

/**
 * Folds the writer's commits into at most one `ingested` event every quarter second: under a
 * load of thousands of events a second the interface refreshes, it is not flooded.
 */
export function createLiveUpdates(emit: (event: AppEvent) => void) {
  const projectIds = new Set<number>();
  const issueIds = new Set<number>();
  let newEnvironment = false;
  let timer: NodeJS.Timeout | undefined;

  function send() {
    timer = undefined;
    emit({
      type: 'ingested',
      projectIds: [...projectIds],
      issueIds: [...issueIds],
      newEnvironment,
    });
    projectIds.clear();
    issueIds.clear();
    newEnvironment = false;
  }

  return {
    onCommit(writes: CommittedWrite[]) {
      let changed = false;
      for (const { projectId, result } of writes) {
        const event = result.event;
        if (!event || event.duplicate) continue;
        projectIds.add(projectId);
        issueIds.add(event.issueId);
        newEnvironment ||= event.isNewEnvironment;
        changed = true;
      }
      if (changed && !timer) timer = setTimeout(send, INTERVAL_MS);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
