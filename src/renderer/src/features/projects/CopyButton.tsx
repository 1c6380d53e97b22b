import { useEffect, useState } from 'react';

type CopyState = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; message: string };

/**
 * Copies `text` to the clipboard. "Copied" appears beside the button rather than replacing its
 * label, so the button keeps its accessible name.
 */
export function CopyButton({
  text,
  label,
  ariaLabel,
}: {
  text: string;
  label: string;
  ariaLabel?: string;
}) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });

  useEffect(() => {
    if (state.kind !== 'copied') return;
    const timer = window.setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      // Browsers leave the clipboard out of insecure contexts, e.g. the headless UI opened over
      // a network address rather than 127.0.0.1.
      if (!navigator.clipboard) throw new Error('this address gives no clipboard access');
      await navigator.clipboard.writeText(text);
      setState({ kind: 'copied' });
    } catch (error) {
      setState({
        kind: 'failed',
        message: `Could not copy (${(error as Error).message}): select the text and copy it.`,
      });
    }
  };

  return (
    <span className="copy-button">
      <button type="button" aria-label={ariaLabel} onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className={state.kind === 'failed' ? 'error-text' : 'copy-done'}>
        {state.kind === 'copied' ? 'Copied' : state.kind === 'failed' ? state.message : ''}
      </span>
    </span>
  );
}
