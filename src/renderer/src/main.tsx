import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { requestIssueList } from './features/issues/IssuesPage';
import { routeOf } from './routes';
import './styles.css';

if (routeOf(window.location.pathname).page === 'issues') requestIssueList();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
