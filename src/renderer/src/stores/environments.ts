import { create } from 'zustand';
import { call } from '../api/client';

interface EnvironmentOptionsState {
  /** For which projects the options were loaded ('' key: all projects). */
  key: string | null;
  environments: string[];
  hasNoEnvironment: boolean;
  error: string | null;
  load(projectIds: number[]): Promise<void>;
}

/** What the environment selector offers for the selected projects. */
export const useEnvironmentOptions = create<EnvironmentOptionsState>((set) => ({
  key: null,
  environments: [],
  hasNoEnvironment: false,
  error: null,
  async load(projectIds) {
    try {
      const options = await call('listEnvironmentOptions', { projectIds });
      set({ ...options, key: projectIds.join(','), error: null });
    } catch (error) {
      set({ error: (error as Error).message });
    }
  },
}));
