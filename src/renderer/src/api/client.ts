import type {
  CallInput,
  CallName,
  CallOutcome,
  CallResult,
  OutpostBridge,
} from '../../../shared/contract';
import type { AppEvent } from '../../../shared/types';

declare global {
  interface Window {
    outpost?: OutpostBridge;
  }
}

/** A failed call, with the message the main process or server wrote for a person. */
export class CallError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface Transport {
  call(name: CallName, input: unknown): Promise<CallOutcome<unknown>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** The desktop app: the preload's bridge over IPC. */
function ipcTransport(bridge: OutpostBridge): Transport {
  return {
    call: (name, input) =>
      (bridge[name] as (input: unknown) => Promise<CallOutcome<unknown>>)(input),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

/** The headless mode and plain browsers: the same contract over same-origin HTTP and SSE. */
function httpTransport(): Transport {
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | undefined;
  return {
    async call(name, input) {
      const response = await fetch(new URL(`/app/call/${name}`, window.location.href), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
      try {
        return (await response.json()) as CallOutcome<unknown>;
      } catch {
        return {
          ok: false,
          error: { status: response.status, message: `Outpost answered ${response.status}.` },
        };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource('/app/events');
        source.onmessage = (message: MessageEvent<string>) => {
          const event = JSON.parse(message.data) as AppEvent;
          for (const each of listeners) each(event);
        };
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}

// Chosen once: the bridge exists only inside the desktop window.
const transport: Transport = window.outpost ? ipcTransport(window.outpost) : httpTransport();
export const isDesktop = Boolean(window.outpost);

/** Calls the core; resolves with the result or rejects with a CallError a person can read. */
export async function call<Name extends CallName>(
  name: Name,
  input: CallInput<Name>,
): Promise<CallResult<Name>> {
  let outcome: CallOutcome<unknown>;
  try {
    outcome = await transport.call(name, input);
  } catch (error) {
    throw new CallError(`Outpost could not be reached: ${(error as Error).message}`, 0);
  }
  if (!outcome.ok) throw new CallError(outcome.error.message, outcome.error.status);
  return outcome.value as CallResult<Name>;
}

export const onAppEvent = (listener: (event: AppEvent) => void) => transport.onEvent(listener);
