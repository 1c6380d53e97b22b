import { navigate, useLocation } from '../../../stores/location';

/** The event chosen from the list, kept in the URL (`?event=<id>`) so a link reproduces it. */
export function useChosenEventId(): string | null {
  return useLocation((state) => new URLSearchParams(state.search).get('event'));
}

/** Replaces the current history entry so Back leaves the issue rather than stepping through events. */
export function chooseEvent(eventId: string | null) {
  const { pathname, search } = useLocation.getState();
  const params = new URLSearchParams(search);
  if (eventId) params.set('event', eventId);
  else params.delete('event');
  const text = params.toString();
  navigate(`${pathname}${text ? `?${text}` : ''}`, { replace: true });
}

export function eventHref(eventId: string): string {
  const { pathname, search } = useLocation.getState();
  const params = new URLSearchParams(search);
  params.set('event', eventId);
  return `${pathname}?${params.toString()}`;
}
