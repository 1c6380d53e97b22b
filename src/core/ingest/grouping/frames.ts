import type { JsonObject } from '../types.js';
import { asText } from './read.js';

// How one stack frame contributes to a hash (spec §4.2). Only values that survive redeploys,
// upgrades and minification may contribute: line numbers, absolute paths and hosts never do.

/** Platforms whose SDKs send trustworthy source lines (Sentry's `contextline_platforms`). */
const SCRIPTING = new Set(['python', 'php', 'ruby']);
const JAVASCRIPT = new Set(['javascript', 'node']);
const NATIVE = new Set(['native', 'c', 'cpp', 'objc', 'cocoa', 'swift']);

type Family = 'javascript' | 'scripting' | 'native' | 'other';

function familyOf(platform: string | undefined): Family {
  if (platform === undefined) return 'other';
  if (JAVASCRIPT.has(platform)) return 'javascript';
  if (SCRIPTING.has(platform)) return 'scripting';
  return NATIVE.has(platform) ? 'native' : 'other';
}

/** Placeholders engines put where there is no source: such frames say nothing about the code. */
const NO_SOURCE = new Set(['[native code]', 'native', 'native code', 'eval code', '<anonymous>']);
const UNKNOWN_FUNCTIONS = new Set([
  '?',
  '<anonymous>',
  '<anonymous function>',
  'anonymous function',
  '<unknown>',
]);
const MAX_CONTEXT_LINE = 120;

const WHITESPACE = /\s+/g;
const JS_PREFIX = /^(?:new|async) /;
const RUBY_BLOCK = /^block (?:\(\d+ levels\) )?in /;
const URL_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
const QUERY_OR_HASH = /[?#].*$/;
const PATH_SEPARATOR = /[/\\]/;
// Release-specific segments in bundle names (`app.3f9a1c2e.js`, `lib-1.4.2.min.js`).
const FILENAME_HASH = /(?<=[.-])(?=[0-9a-f]*\d)[0-9a-f]{7,}(?=[.-])/g;
const FILENAME_VERSION = /(?<=[-.@])v?\d+(?:\.\d+)+(?=[.-])/g;
// Generated Java classes carry a per-process suffix (`Foo$$Lambda$14/0x…`, `$$EnhancerBySpringCGLIB$$1a2b`).
const JAVA_GENERATED = /\$\$(Lambda|EnhancerBy[A-Za-z]*|FastClassBy[A-Za-z]*|HibernateProxy).*$/;
// Native symbols: argument lists, template arguments and return types vary with the build.
const NATIVE_ARGUMENTS = /\((?:[^()]|\([^()]*\))*\)(?:\s*(?:const|volatile|&|&&|noexcept))*\s*$/;
const NATIVE_TEMPLATE = /<[^<>]*>/g;
const NATIVE_CLONE_SUFFIX = /\s*\[clone [^\]]*\]$|\.(?:cold|isra|constprop|part)(?:\.\d+)*$/g;

function cleanFunction(raw: string, family: Family, platform: string | undefined): string | null {
  let name = raw.trim();
  if (family === 'javascript') {
    name = name.replace(JS_PREFIX, '');
    // `a.b.c` → `c`: the receiver's name depends on how the function was reached, not on the code.
    name = name.slice(name.lastIndexOf('.') + 1);
    if (name.endsWith('/<')) return null;
  } else if (family === 'native') {
    name = cleanNativeFunction(name);
  } else if (platform === 'php' && name.startsWith('{closure}')) {
    return null;
  } else if (platform === 'ruby' && RUBY_BLOCK.test(name)) {
    name = 'block';
  }
  return name === '' || UNKNOWN_FUNCTIONS.has(name.toLowerCase()) ? null : name;
}

function cleanNativeFunction(symbol: string): string {
  let name = symbol.replace(NATIVE_CLONE_SUFFIX, '').replace(NATIVE_ARGUMENTS, '');
  for (let pass = 0; pass < 8 && name.includes('<'); pass++) {
    const next = name.replace(NATIVE_TEMPLATE, '');
    if (next === name) break;
    name = next;
  }
  // `int ns::run` → `ns::run`: what precedes the last space is a return type or qualifier.
  return name.slice(name.lastIndexOf(' ') + 1);
}

/** A URL's path, query and fragment: the scheme and host change between deployments. */
export function withoutOrigin(path: string): string {
  return path.replace(URL_ORIGIN, '');
}

/** The file name without host, directories, query or release-specific segments, lowercased. */
function normalizeFilename(raw: string): string | null {
  const path = withoutOrigin(raw.trim()).replace(QUERY_OR_HASH, '');
  const base = path.split(PATH_SEPARATOR).pop() ?? '';
  if (base === '' || NO_SOURCE.has(base)) return null;
  return base.toLowerCase().replace(FILENAME_HASH, '<hash>').replace(FILENAME_VERSION, '<version>');
}

function cleanModule(raw: string): string {
  return raw.trim().replace(JAVA_GENERATED, (_match, kind: string) => `$$${kind}`);
}

function contextLine(frame: JsonObject): string | null {
  const raw = asText(frame.context_line);
  if (raw === undefined || raw.length > MAX_CONTEXT_LINE) return null;
  const line = raw.replace(WHITESPACE, ' ').trim();
  return line === '' ? null : line;
}

/**
 * The values a frame contributes, in a fixed order; empty when it contributes nothing.
 * `platform` is the event's; a frame's own `platform` wins (mixed stacks such as JS calling native).
 */
function frameValues(frame: JsonObject, platform: string | undefined): string[] {
  const absPath = asText(frame.abs_path);
  if (absPath !== undefined && NO_SOURCE.has(absPath)) return [];
  const framePlatform = asText(frame.platform) ?? platform;
  const family = familyOf(framePlatform);
  const rawFunction = asText(frame.function) ?? asText(frame.raw_function);
  const name = rawFunction === undefined ? null : cleanFunction(rawFunction, family, framePlatform);
  const filename = normalizeFilename(asText(frame.filename) ?? absPath ?? '');

  if (family === 'native') {
    const fallback = name ?? filename;
    return fallback === null ? [] : [fallback];
  }

  // Minified JavaScript without a function name has meaningless source lines.
  const trustsSource =
    family === 'scripting' || (family === 'javascript' && rawFunction !== undefined);
  const line = trustsSource ? contextLine(frame) : null;
  // A browser bundle holds the whole app, so a JavaScript frame known only by its file would put
  // every error thrown from an anonymous handler into one issue; it gives way to the value instead.
  if (family === 'javascript' && name === null && line === null) return [];

  const values: string[] = [];
  const module = asText(frame.module);
  const location = module === undefined ? filename : cleanModule(module);
  if (location) values.push(location);
  if (name !== null) values.push(name);
  if (line !== null) values.push(line);
  return values;
}

/**
 * What a stack trace contributes for one variant: the frames' values, oldest first. `appOnly`
 * keeps only in-app frames; a frame contributing exactly what the previous one did is recursion
 * and counts once, so the depth of a recursion does not split issues.
 */
export function stackValues(
  frames: readonly JsonObject[],
  platform: string | undefined,
  appOnly: boolean,
): string[] {
  const values: string[] = [];
  let previousKey: string | null = null;
  for (const frame of frames) {
    if (appOnly && frame.in_app !== true) continue;
    const contribution = frameValues(frame, platform);
    if (contribution.length === 0) continue;
    const key = contribution.join('\u0000');
    if (key === previousKey) continue;
    previousKey = key;
    values.push(...contribution);
  }
  return values;
}
