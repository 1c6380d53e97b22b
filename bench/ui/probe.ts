/**
 * Runs in the page before its own scripts (an init script), so it sees every change to the DOM.
 * Kept as page-side source text: the bench is type-checked without the DOM library.
 *
 * It records, on the page's clock (`performance.now()`, 0 at navigation start):
 * - `firstRowDom` when the issues grid first holds a data row, `firstRow` at the animation frame
 *   after it (the frame that paints it);
 * - for a click on a listbox option: `click` (the click event's own time stamp), then
 *   `switchedDom` when the grid again holds rows and they read differently from before the click
 *   (the list empties while it loads, and the counts change with the environment), and
 *   `switched` at the frame after that.
 */
export const PROBE = `(() => {
  const bench = { firstRowDom: null, firstRow: null, click: null, before: null, switchedDom: null, switched: null };
  window.__outpostBench = bench;
  const rows = () =>
    document.querySelectorAll('[role="grid"][aria-label="Issues"] [role="row"]:has([role="gridcell"])');
  const signature = () => Array.from(rows(), (row) => row.textContent).join('\\n');
  const afterFrame = (key) => requestAnimationFrame(() => { bench[key] = performance.now(); });
  new MutationObserver(() => {
    const now = performance.now();
    if (bench.firstRowDom === null && rows().length > 0) {
      bench.firstRowDom = now;
      afterFrame('firstRow');
    }
    if (bench.click !== null && bench.switchedDom === null) {
      const text = signature();
      if (text !== '' && text !== bench.before) {
        bench.switchedDom = now;
        afterFrame('switched');
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element) || !target.closest('[role="option"]')) return;
    bench.before = signature();
    bench.click = event.timeStamp;
    bench.switchedDom = null;
    bench.switched = null;
  }, true);
})();`;

/** What the probe holds at `window.__outpostBench`, read back with `page.evaluate`. */
export interface ProbeState {
  firstRowDom: number | null;
  firstRow: number | null;
  click: number | null;
  switchedDom: number | null;
  switched: number | null;
}
