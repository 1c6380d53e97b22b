import './form-outcome.css';

/** What a form's last submit led to, read out by screen readers as it appears. */
export function FormOutcome({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error && (
        <p role="alert" className="error-text form-outcome">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="success-text form-outcome">
          {done}
        </p>
      )}
    </>
  );
}
