import { type CallName, type CallOutcome, contract } from '../../shared/contract.js';
import type { AppEvent } from '../../shared/types.js';
import { StatusError } from '../errors.js';
import type { AppContext } from './context.js';
import { environmentHandlers } from './environment-handlers.js';
import type { Handlers } from './handlers.js';
import { issueHandlers } from './issue-handlers.js';
import { projectHandlers } from './project-handlers.js';
import { retentionHandlers } from './retention-handlers.js';
import { settingsHandlers } from './settings-handlers.js';

/**
 * The app contract's one implementation, behind both transports (IPC and HTTP). Every call's
 * name is checked against the contract and its input parsed with the call's schema before a
 * handler runs; every failure comes back as data with a message a person can act on.
 */
export function createAppService(ctx: Omit<AppContext, 'emit'>) {
  const listeners = new Set<(event: AppEvent) => void>();
  const emit = (event: AppEvent) => {
    for (const listener of listeners) listener(event);
  };
  const full: AppContext = { ...ctx, emit };
  const handlers: Handlers = {
    ...projectHandlers(full),
    ...environmentHandlers(full),
    ...issueHandlers(full),
    ...settingsHandlers(full),
    ...retentionHandlers(full),
  };

  async function call(name: unknown, input: unknown): Promise<CallOutcome<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
      return {
        ok: false,
        error: { status: 404, message: `There is no call named ${String(name)}.` },
      };
    }
    const parsed = contract[name as CallName].input.safeParse(input ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues
        .map((issue) =>
          issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
        )
        .join('; ');
      return {
        ok: false,
        error: { status: 400, message: `Invalid input for ${name}: ${message}` },
      };
    }
    try {
      const handler = handlers[name as CallName] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof StatusError)
        return { ok: false, error: { status: error.status, message: error.message } };
      console.error(`The call ${name} failed:`, error);
      return {
        ok: false,
        error: { status: 500, message: `${name} failed: ${(error as Error).message}` },
      };
    }
  }

  return {
    call,
    emit,
    onEvent(listener: (event: AppEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type AppService = ReturnType<typeof createAppService>;
