import type { CallOutcome } from '../shared/contract.js';
import { isAppUrl } from './guards.js';

export interface CallService {
  call(name: unknown, input: unknown): Promise<CallOutcome<unknown>>;
}

/**
 * Answers one IPC call: refused unless it comes from the app's own frame; the name and input are
 * then checked by the service against the contract. Errors come back as data.
 */
export async function handleIpcCall(
  service: CallService,
  senderUrl: string | undefined,
  name: string,
  input: unknown,
): Promise<CallOutcome<unknown>> {
  if (!senderUrl || !isAppUrl(senderUrl)) {
    return {
      ok: false,
      error: { status: 403, message: 'Calls are only taken from the Outpost window.' },
    };
  }
  return service.call(name, input);
}
