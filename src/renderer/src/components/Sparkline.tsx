import { memo } from 'react';

const WIDTH = 96;
const HEIGHT = 24;
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Events per hour as bars, oldest on the left; labelled for screen readers with the total.
 * The bars are drawn as two paths (hours with events, empty hours) rather than one element
 * each: a list shows dozens of these, and every element costs style and layout work.
 */
export const Sparkline = memo(function Sparkline({
  values,
  label,
}: {
  values: number[];
  label: string;
}) {
  const max = Math.max(1, ...values);
  const bar = WIDTH / Math.max(values.length, 1);
  const width = round(Math.max(bar - 1, 1));
  let total = 0;
  let filled = '';
  let empty = '';
  values.forEach((value, index) => {
    total += value;
    const height = round(value === 0 ? 1 : Math.max(2, (value / max) * HEIGHT));
    const shape = `M${round(index * bar + 0.5)} ${round(HEIGHT - height)}h${width}v${height}h${-width}z`;
    if (value === 0) empty += shape;
    else filled += shape;
  });
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={`${label}: ${total} in 24 hours`}
    >
      <path className="spark-empty" d={empty} />
      <path className="spark-bar" d={filled} />
    </svg>
  );
});
