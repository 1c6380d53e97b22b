import { pathToFileURL } from 'node:url';
import { type Browser, type Page, chromium } from '@playwright/test';
import { findChromium } from '../../e2e/support/chromium.js';
import type { BenchPart } from '../part.js';
import { describeSeed, seedDataDir } from '../queries/seed.js';
import {
  type Timing,
  machineNote,
  missed,
  percentile,
  timingTable,
  timingText,
} from '../queries/stats.js';
import { PROBE, type ProbeState } from './probe.js';
import { startServe } from './serve.js';

export interface UiBenchOptions {
  /** A small seed (10,000 events, 5,000 issues) to check that the bench runs at all. */
  smoke: boolean;
  /** Progress lines; stderr by default. */
  log?: (line: string) => void;
}

const RUNS = 10;
const SWITCH_TARGET_MS = 200;
const WAIT_MS = 60_000;
/** Clicked from "All Environments", one a run, in turn: large and small filtered lists. */
const SWITCH_TO = ['production', 'staging', 'development', 'qa', 'test'];

/** Milliseconds per run; the parts split a total at the listIssues request's start and end. */
interface Samples {
  firstRow: number[];
  firstBeforeCall: number[];
  firstCall: number[];
  firstAfterCall: number[];
  firstRowWall: number[];
  switched: number[];
  switchBeforeCall: number[];
  switchCall: number[];
  switchAfterCall: number[];
  switchedWall: number[];
}

const emptySamples = (): Samples => ({
  firstRow: [],
  firstBeforeCall: [],
  firstCall: [],
  firstAfterCall: [],
  firstRowWall: [],
  switched: [],
  switchBeforeCall: [],
  switchCall: [],
  switchAfterCall: [],
  switchedWall: [],
});

interface CallEntry {
  name: string;
  startTime: number;
  responseEnd: number;
}

/** The page's listIssues requests (Resource Timing): start and end on the page clock. */
const listIssuesCalls = () =>
  (
    globalThis as unknown as {
      performance: { getEntriesByType(type: string): CallEntry[] };
    }
  ).performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('/app/call/listIssues'))
    .map(({ name, startTime, responseEnd }) => ({ name, startTime, responseEnd }));

// Functions, not strings: the page's CSP forbids eval, which string predicates would need.
const probeOf = () => (globalThis as unknown as { __outpostBench: ProbeState }).__outpostBench;
const waitForProbe = (page: Page, field: keyof ProbeState) =>
  page.waitForFunction(
    (name) =>
      (globalThis as unknown as { __outpostBench: ProbeState }).__outpostBench[name] !== null,
    field,
    { timeout: WAIT_MS },
  );

/**
 * One run in a fresh browser context (empty cache, as a first visit): open /issues, wait for the
 * first issue row, open the environment selector and click one environment, wait for the list
 * to show that environment's issues.
 */
async function oneRun(browser: Browser, url: string, environment: string, samples: Samples) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: PROBE });
    const navigated = performance.now();
    await page.goto(`${url}/issues`);
    await waitForProbe(page, 'firstRow');
    samples.firstRowWall.push(performance.now() - navigated);

    await page.getByRole('button', { name: 'Environments' }).click();
    const option = page
      .getByRole('listbox', { name: 'Environments' })
      .getByRole('option', { name: environment, exact: true });
    await option.waitFor();
    const clicked = performance.now();
    await option.click();
    await waitForProbe(page, 'switched');
    samples.switchedWall.push(performance.now() - clicked);

    const state = await page.evaluate(probeOf);
    const calls = await page.evaluate(listIssuesCalls);
    const first = calls[0]!;
    const switchCall = calls.find((call) => call.startTime >= state.click!)!;
    samples.firstRow.push(state.firstRow!);
    samples.firstBeforeCall.push(first.startTime);
    samples.firstCall.push(first.responseEnd - first.startTime);
    samples.firstAfterCall.push(state.firstRowDom! - first.responseEnd);
    samples.switched.push(state.switched! - state.click!);
    samples.switchBeforeCall.push(switchCall.startTime - state.click!);
    samples.switchCall.push(switchCall.responseEnd - switchCall.startTime);
    samples.switchAfterCall.push(state.switchedDom! - switchCall.responseEnd);
  } finally {
    await context.close();
  }
}

function timing(name: string, values: number[], target: number | null): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    name,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    runs: values.length,
    target,
  };
}

/**
 * Seeds (or reuses) a data dir with many issues, starts `serve` on it and drives the interface
 * in Chromium: time to the first issue list, and from clicking an environment to the new list.
 * The page's own clock is the measure (see probe.ts); the wall clock around Playwright's
 * navigation and click is shown beside it and adds Playwright's checks and polling.
 */
export async function runUiBench(
  options: UiBenchOptions,
): Promise<{ markdown: string; text: string }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const machine = machineNote();
  const seed = options.smoke
    ? seedDataDir({ events: 10_000, issues: 5_000, log })
    : seedDataDir({ events: 150_000, issues: 100_000, log });
  const serve = await startServe(seed.dataDir);
  let browser: Browser | undefined;
  try {
    const executablePath = findChromium();
    browser = await chromium.launch({
      executablePath,
      args: ['--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const samples = emptySamples();
    // One untimed run first: the server's statement and page caches, the browser's code cache.
    await oneRun(browser, serve.url, SWITCH_TO[0]!, emptySamples());
    for (let run = 0; run < RUNS; run++) {
      const environment = SWITCH_TO[run % SWITCH_TO.length]!;
      await oneRun(browser, serve.url, environment, samples);
      log(
        `  run ${run + 1}: first row ${samples.firstRow.at(-1)!.toFixed(0)} ms, ` +
          `switch to ${environment} ${samples.switched.at(-1)!.toFixed(0)} ms ` +
          `(${samples.switchBeforeCall.at(-1)!.toFixed(0)} to send, ${samples.switchCall.at(-1)!.toFixed(0)} ` +
          `request, ${samples.switchAfterCall.at(-1)!.toFixed(0)} to the DOM)`,
      );
    }
    const timings = [
      timing('First issue list: navigation → frame after the first row', samples.firstRow, null),
      timing('↳ navigation → listIssues request sent', samples.firstBeforeCall, null),
      timing('↳ listIssues request → response', samples.firstCall, null),
      timing('↳ response → first row in the DOM', samples.firstAfterCall, null),
      timing('↳ (wall clock around goto + wait)', samples.firstRowWall, null),
      timing(
        'Environment switch: click → frame after the new list',
        samples.switched,
        SWITCH_TARGET_MS,
      ),
      timing('↳ click → listIssues request sent', samples.switchBeforeCall, null),
      timing('↳ listIssues request → response', samples.switchCall, null),
      timing('↳ response → new list in the DOM', samples.switchAfterCall, null),
      timing('↳ (wall clock around click + wait)', samples.switchedWall, null),
    ];
    const failed = missed(timings);
    const verdict = failed.length
      ? `The environment switch misses the ${SWITCH_TARGET_MS} ms target at p95.`
      : `The environment switch meets the ${SWITCH_TARGET_MS} ms target at p95.`;
    const how =
      `${RUNS} runs after one untimed run, each in a fresh browser context against \`serve\` ` +
      `(${executablePath}, headless, 1400×900); ${machine}. Each run opens /issues (all ` +
      `environments, the UI's page of 100), then clicks one environment (${SWITCH_TO.join(', ')} in turn). ` +
      'Times come from the page clock: an init script notes when the grid first holds a row, the ' +
      "click event's time stamp, and when the rows next hold a non-empty list that reads " +
      'differently; each figure is taken at the animation frame after the change (the frame that ' +
      'paints it). The ↳ rows split each total at the listIssues request (Resource Timing: ' +
      'request start and response end); each is its own percentile, so they need not add up. The ' +
      "wall-clock rows add Playwright's actionability checks and polling.";
    const markdown = [
      '## Interface',
      '',
      ...(options.smoke ? ['_Smoke run: a small seed, not the 100,000-issue target._', ''] : []),
      describeSeed(seed),
      '',
      how,
      '',
      timingTable(timings, 'Measure'),
      '',
      verdict,
    ].join('\n');
    const text = [describeSeed(seed), machine, timingText(timings), verdict].join('\n');
    return { markdown, text };
  } finally {
    await browser?.close();
    await serve.stop();
  }
}

/** The part as bench/run.ts lists them; a missed target is a figure, not a failure. */
export const uiPart: BenchPart = {
  name: 'ui',
  run: async ({ smoke, log }) => ({ ok: true, ...(await runUiBench({ smoke, log })) }),
};

// `npx tsx bench/ui/index.ts [--smoke]`: the interface part alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { text } = await runUiBench({ smoke: process.argv.includes('--smoke') });
  console.log(text);
}
