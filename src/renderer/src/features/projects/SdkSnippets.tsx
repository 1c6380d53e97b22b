import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { CopyButton } from './CopyButton';
import { defaultSdk, type SdkId, sdkSnippets } from './snippets';

/** Tabs of SDK setup code for one DSN, opening on the SDK the project's platform suggests. */
export function SdkSnippets({ dsn, platform }: { dsn: string; platform: string | null }) {
  const snippets = sdkSnippets(dsn);
  const [active, setActive] = useState<SdkId>(defaultSdk(platform));
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();
  const snippet = snippets.find((each) => each.id === active) ?? snippets[0]!;

  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + snippets.length) % snippets.length;
    setActive(snippets[next]!.id);
    tabs.current[next]?.focus();
  };

  return (
    <div className="sdk-snippets">
      <div className="sdk-tabs" role="tablist" aria-label="SDK setup">
        {snippets.map((each, index) => (
          <button
            key={each.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-${each.id}`}
            aria-selected={each.id === active}
            aria-controls={`${baseId}-panel`}
            tabIndex={each.id === active ? 0 : -1}
            onClick={() => setActive(each.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {each.label}
          </button>
        ))}
      </div>
      <div
        className="sdk-panel"
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-${snippet.id}`}
      >
        <p className="projects-hint">
          Install with <code>{snippet.install}</code>, then call this once at startup:
        </p>
        <pre className="code">
          <code>{snippet.code}</code>
        </pre>
        <CopyButton text={snippet.code} label="Copy" ariaLabel={`Copy ${snippet.label} snippet`} />
      </div>
    </div>
  );
}
