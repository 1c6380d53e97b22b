import { create } from 'zustand';

interface LocationState {
  pathname: string;
  search: string;
  navigate(to: string, options?: { replace?: boolean }): void;
}

const read = () => ({ pathname: window.location.pathname, search: window.location.search });

/** The URL is the source of truth for the page and its filters; this mirrors it. */
export const useLocation = create<LocationState>((set) => ({
  ...read(),
  navigate(to, options) {
    if (options?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    set(read());
  },
}));

window.addEventListener('popstate', () => useLocation.setState(read()));

export const navigate = (to: string, options?: { replace?: boolean }) =>
  useLocation.getState().navigate(to, options);
