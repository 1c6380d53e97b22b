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
// Whitespace that WHITESPACE would rewrite in a trimmed line: a run, or anything but a space.
const UNEVEN_SPACING = /\s\s|[^\S ]/;
const RUBY_BLOCK = /^block (?:\(\d+ levels\) )?in /;
const URL_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i;
const QUERY_OR_HASH = /[?#].*$/;
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
    name = withoutJsPrefix(name);
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
  return name === '' || isUnknownFunction(name) ? null : name;
}

// Each placeholder starts with `?`, `<` or `a`, and no character but `A` lowercases to one of
// them: most names are ruled out without lowercasing them.
function isUnknownFunction(name: string): boolean {
  const first = name.charCodeAt(0);
  if (first !== 0x3f && first !== 0x3c && first !== 0x61 && first !== 0x41) return false;
  return UNKNOWN_FUNCTIONS.has(name.toLowerCase());
}

function withoutJsPrefix(name: string): string {
  if (name.startsWith('new ')) return name.slice('new '.length);
  return name.startsWith('async ') ? name.slice('async '.length) : name;
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
  return path.includes('://') ? path.replace(URL_ORIGIN, '') : path;
}

function withoutQuery(path: string): string {
  return path.includes('?') || path.includes('#') ? path.replace(QUERY_OR_HASH, '') : path;
}

/** What follows the last `/` or `\`. */
function lastSegment(path: string): string {
  let start = path.length;
  while (start > 0) {
    const code = path.charCodeAt(start - 1);
    if (code === 0x2f || code === 0x5c) break;
    start--;
  }
  return path.slice(start);
}

/**
 * False when `name` cannot hold a hash or version segment: both need a digit and two of `.`
 * and `-` around it. Most file names fail this, and the two patterns are costly to run.
 */
function mayHoldReleaseSegment(name: string): boolean {
  let separators = 0;
  let digit = false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code === 0x2e || code === 0x2d) separators++;
    else if (code >= 0x30 && code <= 0x39) digit = true;
  }
  return digit && separators >= 2;
}

/** The file name without host, directories, query or release-specific segments, lowercased. */
function normalizeFilename(raw: string): string | null {
  const base = lastSegment(withoutQuery(withoutOrigin(raw.trim())));
  if (base === '' || NO_SOURCE.has(base)) return null;
  const name = base.toLowerCase();
  if (!mayHoldReleaseSegment(name)) return name;
  return name.replace(FILENAME_HASH, '<hash>').replace(FILENAME_VERSION, '<version>');
}

function cleanModule(raw: string): string {
  const module = raw.trim();
  if (!module.includes('$$')) return module;
  return module.replace(JAVA_GENERATED, (_match, kind: string) => `$$${kind}`);
}

function contextLine(frame: JsonObject): string | null {
  const raw = asText(frame.context_line);
  if (raw === undefined || raw.length > MAX_CONTEXT_LINE) return null;
  // trim() and \s agree on what whitespace is, so trimming first changes nothing.
  const trimmed = raw.trim();
  const line = UNEVEN_SPACING.test(trimmed) ? trimmed.replace(WHITESPACE, ' ') : trimmed;
  return line === '' ? null : line;
}

// Only worked out where it counts: most frames are placed by their module instead.
function frameFilename(frame: JsonObject, absPath: string | undefined): string | null {
  return normalizeFilename(asText(frame.filename) ?? absPath ?? '');
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

  if (family === 'native') {
    const fallback = name ?? frameFilename(frame, absPath);
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
  const location = module === undefined ? frameFilename(frame, absPath) : cleanModule(module);
  if (location) values.push(location);
  if (name !== null) values.push(name);
  if (line !== null) values.push(line);
  return values;
}

/** What one frame contributes to a hash, and whether it counts for the app variant. */
export interface FrameContribution {
  inApp: boolean;
  values: string[];
  /** The length of the values joined by NUL: contributions of different lengths differ. */
  length: number;
}

function joinedLength(values: readonly string[]): number {
  let length = values.length - 1;
  for (const value of values) length += value.length;
  return length;
}

/**
 * True when the two contributions' values, joined by NUL, are the same text. Comparing lengths
 * first spares the joins for nearly every pair of neighbouring frames.
 */
function sameContribution(a: FrameContribution, b: FrameContribution | null): boolean {
  if (b === null || a.length !== b.length) return false;
  return a.values.join('\u0000') === b.values.join('\u0000');
}

/**
 * The contributions of a stack trace's frames, oldest first, leaving out frames that contribute
 * nothing. Worked out once per stack trace and shared by both variants.
 */
export function stackContributions(
  frames: readonly JsonObject[],
  platform: string | undefined,
): FrameContribution[] {
  const contributions: FrameContribution[] = [];
  for (const frame of frames) {
    const values = frameValues(frame, platform);
    if (values.length === 0) continue;
    contributions.push({ inApp: frame.in_app === true, values, length: joinedLength(values) });
  }
  return contributions;
}

/**
 * What a stack trace contributes for one variant: the frames' values, oldest first. `appOnly`
 * keeps only in-app frames; a frame contributing exactly what the previous one did is recursion
 * and counts once, so the depth of a recursion does not split issues.
 */
export function stackValues(
  contributions: readonly FrameContribution[],
  appOnly: boolean,
): string[] {
  const values: string[] = [];
  let previous: FrameContribution | null = null;
  for (const contribution of contributions) {
    if (appOnly && !contribution.inApp) continue;
    if (sameContribution(contribution, previous)) continue;
    previous = contribution;
    for (const value of contribution.values) values.push(value);
  }
  return values;
}
