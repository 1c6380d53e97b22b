import { useState } from 'react';
import type { JsonObject } from './payload';

/** The stored payload as it is, behind a toggle: large and rarely needed. */
export function RawJson({ payload }: { payload: JsonObject }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="panel detail-section" aria-label="Raw JSON">
      <h2>
        <button
          type="button"
          className="section-toggle"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Raw JSON
        </button>
      </h2>
      {open && <pre className="code">{JSON.stringify(payload, null, 2)}</pre>}
    </section>
  );
}
