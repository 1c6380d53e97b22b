/** The pages, by path: an issue's, the lists of projects and environments, settings, issues. */
export type Route =
  | { page: 'issue'; issueId: number }
  | { page: 'projects' | 'environments' | 'settings' | 'issues' };

export function routeOf(pathname: string): Route {
  const issue = /^\/issues\/(\d+)\/?$/.exec(pathname);
  if (issue) return { page: 'issue', issueId: Number(issue[1]) };
  if (pathname === '/projects') return { page: 'projects' };
  if (pathname === '/settings/environments') return { page: 'environments' };
  if (pathname === '/settings') return { page: 'settings' };
  // The issue list is the start page and the one for any other path.
  return { page: 'issues' };
}
