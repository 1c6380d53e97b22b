import { create } from 'zustand';
import type { OrganizationSummary, ProjectSummary } from '../../../shared/types';
import { call } from '../api/client';

interface ProjectsState {
  organizations: OrganizationSummary[];
  projects: ProjectSummary[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useProjects = create<ProjectsState>((set) => ({
  organizations: [],
  projects: [],
  loaded: false,
  error: null,
  async load() {
    try {
      const [organizations, projects] = await Promise.all([
        call('listOrganizations', {}),
        call('listProjects', {}),
      ]);
      set({ organizations, projects, loaded: true, error: null });
    } catch (error) {
      set({ error: (error as Error).message, loaded: true });
    }
  },
}));
