import type { CallInput, CallName, CallResult } from '../../shared/contract.js';

/** One function a call; parsed input in, result (or a thrown StatusError) out. */
export type Handlers = {
  [Name in CallName]: (input: CallInput<Name>) => CallResult<Name> | Promise<CallResult<Name>>;
};
