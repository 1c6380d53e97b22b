import { describe, expect, it } from 'vitest';
import { routeOf } from './routes';

describe('routeOf', () => {
  it('finds the page of a path; the issue list for the start page and any other path', () => {
    expect(routeOf('/issues/42')).toEqual({ page: 'issue', issueId: 42 });
    expect(routeOf('/issues/42/')).toEqual({ page: 'issue', issueId: 42 });
    expect(routeOf('/projects')).toEqual({ page: 'projects' });
    expect(routeOf('/settings/environments')).toEqual({ page: 'environments' });
    expect(routeOf('/settings')).toEqual({ page: 'settings' });
    for (const path of ['/', '', '/issues', '/issues/abc', '/nowhere'])
      expect(routeOf(path)).toEqual({ page: 'issues' });
  });
});
