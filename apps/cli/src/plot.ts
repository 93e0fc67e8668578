/**
 * A line plot of `values` in the terminal: `height` rows by `width` columns of `*`, with the y range on the left and
 * the x range below. Each column shows the value at its share of the x axis.
 */
export function plot(values: readonly number[], { width = 64, height = 12, xLabel = 'step' } = {}): string {
  if (values.length === 0) return '(nothing to plot)';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const rows = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  for (let c = 0; c < width; c++) {
    const v = values[Math.min(values.length - 1, Math.round((c / Math.max(1, width - 1)) * (values.length - 1)))]!;
    const r = height - 1 - Math.round(((v - min) / span) * (height - 1));
    rows[r]![c] = '*';
  }
  const label = (v: number) => v.toExponential(2).padStart(9);
  const lines = rows.map((row, r) => `${r === 0 ? label(max) : r === height - 1 ? label(min) : ' '.repeat(9)} |${row.join('')}`);
  lines.push(`${' '.repeat(10)}+${'-'.repeat(width)}`);
  lines.push(`${' '.repeat(11)}0${`${xLabel} ${values.length - 1}`.padStart(width - 1)}`);
  return lines.join('\n');
}
