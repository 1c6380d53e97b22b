import type { JsonObject } from '../types.js';
import { type FrameContribution, stackContributions, stackValues } from './frames.js';
import { parameterize } from './parameterize.js';
import {
  asText,
  exceptionsOf,
  firstLine,
  framesOf,
  groupingThreadFrames,
  messageTemplate,
} from './read.js';

/**
 * The default grouping values of an event (spec §4.2), per variant. Each list opens with the name
 * of the strategy that produced it, so that, say, a message and an exception type with the same
 * text never share a hash. `app` is null when it would equal `system`.
 */
export interface DefaultComponents {
  app: string[] | null;
  system: string[];
}

type Variant = (appOnly: boolean) => string[];

interface ExceptionStack {
  exception: JsonObject;
  stack: FrameContribution[];
}

function exceptionVariant(exceptions: ExceptionStack[]): Variant {
  return (appOnly) => {
    const values = ['exception'];
    for (const { exception, stack } of exceptions) {
      const type = asText(exception.type);
      if (type !== undefined) values.push(type);
      const frames = stackValues(stack, appOnly);
      if (frames.length > 0) {
        values.push(...frames);
        continue;
      }
      // A value is only as stable as its parameterisation, so it counts only without a stack trace.
      const value = asText(exception.value);
      if (value !== undefined) values.push(parameterize(value));
    }
    return values;
  };
}

interface Picked {
  variant: Variant;
  system: string[];
  /** The stack traces the variant reads, to tell whether an app variant is worth having. */
  stacks: FrameContribution[][];
}

function pickVariant(data: JsonObject, platform: string | undefined): Picked | null {
  const exceptions = exceptionsOf(data).map((exception) => ({
    exception,
    stack: stackContributions(framesOf(exception.stacktrace), platform),
  }));
  if (exceptions.length > 0) {
    const variant = exceptionVariant(exceptions);
    const system = variant(false);
    // An exception that carries nothing usable (no type, value or frames) yields to the message.
    if (system.length > 1) return { variant, system, stacks: exceptions.map(({ stack }) => stack) };
  }
  for (const [name, frames] of [
    ['stacktrace', framesOf(data.stacktrace)],
    ['threads', groupingThreadFrames(data)],
  ] as const) {
    const stack = stackContributions(frames, platform);
    const variant: Variant = (appOnly) => [name, ...stackValues(stack, appOnly)];
    const system = variant(false);
    if (system.length > 1) return { variant, system, stacks: [stack] };
  }
  return null;
}

export function defaultComponents(data: JsonObject): DefaultComponents {
  const platform = asText(data.platform);
  const picked = pickVariant(data, platform);
  if (picked) {
    const { variant, system, stacks } = picked;
    // Without a contributing in-app frame the app variant would rest on the exception type (or
    // value) alone, too coarse for an issue of its own: the event keeps its system hash only.
    const appHasFrames = stacks.some((stack) => stack.some(({ inApp }) => inApp));
    if (!appHasFrames) return { app: null, system };
    const app = variant(true);
    const same = app.length === system.length && app.every((value, i) => value === system[i]);
    return { app: same ? null : app, system };
  }
  const message = messageTemplate(data);
  if (message !== undefined) {
    const line = firstLine(message);
    if (line !== '') return { app: null, system: ['message', parameterize(line)] };
  }
  // Nothing identifies the event: Sentry puts all such events in one issue.
  return { app: null, system: ['fallback'] };
}
