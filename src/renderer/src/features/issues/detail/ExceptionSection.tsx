import type { ExceptionValue, Frame } from './payload';
import { StackTrace } from './StackTrace';

function Mechanism({ mechanism }: { mechanism: NonNullable<ExceptionValue['mechanism']> }) {
  return (
    <p className="exception-mechanism">
      {mechanism.handled === false && <span className="badge badge-unhandled">Unhandled</span>}
      {mechanism.handled === true && <span className="badge">Handled</span>}
      {mechanism.type && (
        <span className="chip">
          <span className="chip-key">mechanism</span> {mechanism.type}
        </span>
      )}
      {mechanism.handled !== undefined && (
        <span className="chip">
          <span className="chip-key">handled</span> {String(mechanism.handled)}
        </span>
      )}
    </p>
  );
}

/** The exception chain, newest first, each with its stack trace. */
export function ExceptionSection({ exceptions }: { exceptions: ExceptionValue[] }) {
  return (
    <section className="panel detail-section" aria-label="Exception">
      <h2>Exception</h2>
      {exceptions.map((exception, index) => (
        <article key={index} className="exception">
          <h3 className="exception-type">
            {exception.module && <span className="exception-module">{exception.module}.</span>}
            {exception.type ?? 'Error'}
          </h3>
          {exception.value && <p className="exception-value">{exception.value}</p>}
          {exception.mechanism && <Mechanism mechanism={exception.mechanism} />}
          {exception.frames.length > 0 ? (
            <StackTrace frames={exception.frames} />
          ) : (
            <p className="muted">No stack trace.</p>
          )}
        </article>
      ))}
    </section>
  );
}

/** A stack trace outside any exception (a crashed thread, or the deprecated top-level one). */
export function ThreadSection({ frames }: { frames: Frame[] }) {
  return (
    <section className="panel detail-section" aria-label="Stack trace">
      <h2>Stack Trace</h2>
      <StackTrace frames={frames} />
    </section>
  );
}

export function MessageSection({ message }: { message: string }) {
  return (
    <section className="panel detail-section" aria-label="Message">
      <h2>Message</h2>
      <pre className="detail-message">{message}</pre>
    </section>
  );
}
