import { type MouseEvent, useEffect } from 'react';
import { onAppEvent } from './api/client';
import { EnvironmentSelector } from './components/EnvironmentSelector';
import { ProjectSelector } from './components/ProjectSelector';
import { EnvironmentsSettingsPage } from './features/environments/EnvironmentsSettingsPage';
import { IssueDetailPage } from './features/issues/IssueDetailPage';
import { IssuesPage } from './features/issues/IssuesPage';
import { ProjectsPage } from './features/projects/ProjectsPage';
import { routeOf } from './routes';
import { SettingsPage } from './features/settings/SettingsPage';
import { useEnvironmentOptions } from './stores/environments';
import { linkTo, readFilters } from './stores/filters';
import { navigate, useLocation } from './stores/location';
import { useProjects } from './stores/projects';

const NAV = [
  { path: '/issues', label: 'Issues' },
  { path: '/projects', label: 'Projects' },
  { path: '/settings/environments', label: 'Environments' },
  { path: '/settings', label: 'Settings' },
];

function Page({ pathname }: { pathname: string }) {
  const route = routeOf(pathname);
  if (route.page === 'issue') return <IssueDetailPage issueId={route.issueId} />;
  if (route.page === 'projects') return <ProjectsPage />;
  if (route.page === 'environments') return <EnvironmentsSettingsPage />;
  if (route.page === 'settings') return <SettingsPage />;
  return <IssuesPage />;
}

function go(event: MouseEvent<HTMLAnchorElement>, href: string) {
  event.preventDefault();
  navigate(href);
}

export function App() {
  const pathname = useLocation((state) => state.pathname);
  const loadProjects = useProjects((state) => state.load);

  useEffect(() => {
    if (pathname === '/' || pathname === '') navigate('/issues', { replace: true });
  }, [pathname]);
  useEffect(() => {
    void loadProjects();
  }, [loadProjects]);
  // The selector follows new and hidden environments as they appear.
  useEffect(
    () =>
      onAppEvent((event) => {
        const reloadOptions = () =>
          void useEnvironmentOptions
            .getState()
            .load(readFilters(useLocation.getState().search).projectIds);
        if (event.type === 'ingested' && event.newEnvironment) reloadOptions();
        if (event.type === 'environments-changed' || event.type === 'data-cleared') reloadOptions();
        if (event.type === 'projects-changed') void loadProjects();
        if (event.type === 'listener-changed' && !window.outpost) {
          window.location.href = `${event.baseUrl}${window.location.pathname}${window.location.search}`;
        }
      }),
    [loadProjects],
  );

  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Outpost</div>
        {NAV.map((item) => {
          const href = linkTo(item.path);
          const current =
            item.path === '/issues'
              ? pathname.startsWith('/issues') || pathname === '/'
              : pathname === item.path;
          return (
            <a
              key={item.path}
              href={href}
              aria-current={current ? 'page' : undefined}
              onClick={(event) => go(event, href)}
            >
              {item.label}
            </a>
          );
        })}
      </nav>
      <div className="main">
        <header className="filter-bar">
          <ProjectSelector />
          <EnvironmentSelector />
        </header>
        <main>
          <Page pathname={pathname} />
        </main>
      </div>
    </div>
  );
}
