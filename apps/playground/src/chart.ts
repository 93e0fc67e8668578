/** One line of a {@link drawChart}. */
export interface Series {
  readonly label: string;
  readonly color: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly dashed?: boolean;
}

/**
 * Draws a minimal line chart on a canvas (no dependency): axes with min/max labels, one polyline per series, a
 * legend. Redraws everything; cheap for the few thousand points a run produces. `yRange` fixes the y axis.
 */
export function drawChart(
  canvas: HTMLCanvasElement,
  title: string,
  series: readonly Series[],
  xMax: number,
  yRange?: readonly [number, number],
): void {
  const ratio = window.devicePixelRatio || 1;
  const { clientWidth: w, clientHeight: h } = canvas;
  canvas.width = w * ratio;
  canvas.height = h * ratio;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(ratio, ratio);
  ctx.clearRect(0, 0, w, h);
  const pad = { left: 48, right: 10, top: 22, bottom: 20 };
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  let [y0, y1] = yRange ?? [Math.min(0, ...ys), ys.length ? Math.max(...ys) : 1];
  if (y1 <= y0) y1 = y0 + 1;
  const px = (x: number) => pad.left + (x / Math.max(1, xMax)) * (w - pad.left - pad.right);
  const py = (y: number) => h - pad.bottom - ((y - y0) / (y1 - y0)) * (h - pad.top - pad.bottom);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(title, pad.left, 14);
  ctx.strokeStyle = '#bbb';
  ctx.beginPath();
  ctx.moveTo(pad.left, pad.top);
  ctx.lineTo(pad.left, h - pad.bottom);
  ctx.lineTo(w - pad.right, h - pad.bottom);
  ctx.stroke();
  ctx.fillStyle = '#555';
  ctx.fillText(formatTick(y1), 2, pad.top + 8);
  ctx.fillText(formatTick(y0), 2, h - pad.bottom);
  ctx.fillText(`step ${xMax}`, w - pad.right - 50, h - 4);
  let legendX = pad.left + ctx.measureText(title).width + 16;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(s.dashed ? [4, 3] : []);
    ctx.beginPath();
    s.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = s.color;
    ctx.fillRect(legendX, 7, 10, 3);
    ctx.fillText(s.label, legendX + 13, 14);
    legendX += ctx.measureText(s.label).width + 30;
  }
}

function formatTick(v: number): string {
  return Math.abs(v) >= 0.01 || v === 0 ? v.toPrecision(3) : v.toExponential(1);
}
