import { useState } from 'react';
import type { Frame } from './payload';

function Location({ frame }: { frame: Frame }) {
  const where = frame.filename ?? frame.module;
  const position =
    frame.lineno === undefined
      ? null
      : frame.colno === undefined
        ? `${frame.lineno}`
        : `${frame.lineno}:${frame.colno}`;
  return (
    <span className="frame-location">
      {where && <span className="frame-file">{where}</span>}
      {frame.module && frame.filename && frame.module !== frame.filename && (
        <span className="frame-module"> ({frame.module})</span>
      )}
      {frame.function && (
        <>
          {where && <span className="muted-inline"> in </span>}
          <span className="frame-function">{frame.function}</span>
        </>
      )}
      {position && (
        <>
          <span className="muted-inline"> at line </span>
          <span className="frame-position">{position}</span>
        </>
      )}
    </span>
  );
}

/** pre_context, the highlighted context_line and post_context, numbered from the frame's line. */
function ContextLines({ frame }: { frame: Frame }) {
  const line = frame.lineno ?? frame.preContext.length + 1;
  const rows = [
    ...frame.preContext.map((code, index) => ({
      code,
      number: line - frame.preContext.length + index,
      current: false,
    })),
    { code: frame.contextLine ?? '', number: line, current: true },
    ...frame.postContext.map((code, index) => ({ code, number: line + 1 + index, current: false })),
  ];
  return (
    <ol className="frame-context" aria-label="Source context">
      {rows.map((row) => (
        <li key={row.number} className={row.current ? 'is-current' : undefined}>
          <span className="line-number">{row.number}</span>
          <code>{row.code}</code>
        </li>
      ))}
    </ol>
  );
}

function FrameRow({ frame, open }: { frame: Frame; open: boolean }) {
  const summary = (
    <>
      <Location frame={frame} />
      {frame.inApp && <span className="badge badge-in-app">In App</span>}
    </>
  );
  if (frame.contextLine === undefined) {
    return <li className="frame frame-plain">{summary}</li>;
  }
  return (
    <li className="frame">
      <details open={open}>
        <summary>{summary}</summary>
        <ContextLines frame={frame} />
      </details>
    </li>
  );
}

/**
 * Frames with the crashing one first. When the app has frames of its own, the others are
 * tucked behind one toggle, as Sentry collapses system frames by default.
 */
export function StackTrace({ frames }: { frames: Frame[] }) {
  const [expanded, setExpanded] = useState(false);
  const hasAppFrames = frames.some((frame) => frame.inApp);
  const hidden = hasAppFrames ? frames.filter((frame) => !frame.inApp).length : 0;
  // Keyed by position in the whole trace so an open frame stays open when the others toggle.
  const numbered = frames.map((frame, position) => ({ frame, position }));
  const shown = hidden > 0 && !expanded ? numbered.filter(({ frame }) => frame.inApp) : numbered;
  const firstWithContext = shown.find(({ frame }) => frame.contextLine !== undefined);
  if (frames.length === 0) return null;
  return (
    <div className="stack-trace">
      <ol className="frames" aria-label="Stack trace">
        {shown.map(({ frame, position }) => (
          <FrameRow key={position} frame={frame} open={position === firstWithContext?.position} />
        ))}
      </ol>
      {hidden > 0 && (
        <button
          type="button"
          className="frames-toggle"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded
            ? `Hide ${hidden} ${hidden === 1 ? 'frame' : 'frames'}`
            : `Show ${hidden} more ${hidden === 1 ? 'frame' : 'frames'}`}
        </button>
      )}
    </div>
  );
}
