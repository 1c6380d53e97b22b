/** Events per hour as bars, oldest on the left; labelled for screen readers with the total. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = 96;
  const height = 24;
  const bar = width / Math.max(values.length, 1);
  const total = values.reduce((sum, value) => sum + value, 0);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      role="img"
      aria-label={`${label}: ${total} in 24 hours`}
    >
      {values.map((value, index) => {
        const h = value === 0 ? 1 : Math.max(2, (value / max) * height);
        return (
          <rect
            key={index}
            x={index * bar + 0.5}
            y={height - h}
            width={Math.max(bar - 1, 1)}
            height={h}
            className={value === 0 ? 'spark-empty' : 'spark-bar'}
          />
        );
      })}
    </svg>
  );
}
