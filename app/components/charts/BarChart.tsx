import { ChartFrame } from "./ChartFrame.tsx";
import { niceScale, seriesClass, ticksOf } from "./scale.ts";

export interface BarSeries {
  label: string;
  values: readonly number[];
}

// In the SVG's own units: drawn at 100% of its box (at most 32rem), so text of 14 units
// reads at about 10 px on a phone and 18 px on a laptop.
const WIDTH = 400;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 36, left: 36 };

/**
 * A bar chart drawn as SVG on the server: categories along the bottom, one bar per series
 * (side by side, or stacked when the series add up to a whole). Its text alternative is a
 * short summary; the table beside it holds every value, so nothing is told by colour alone.
 */
export function BarChart({
  title,
  summary,
  categories,
  series,
  stacked = false,
}: {
  title: string;
  summary: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  stacked?: boolean;
}) {
  const totals = categories.map((_, i) =>
    stacked ? series.reduce((sum, s) => sum + s.values[i], 0) : Math.max(0, ...series.map((s) => s.values[i])),
  );
  const scale = niceScale(Math.max(0, ...totals));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotHeight - (v / scale.top) * plotHeight;
  const band = plotWidth / Math.max(1, categories.length);
  const gap = Math.min(8, band * 0.2);
  const barWidth = stacked ? band - gap : (band - gap) / Math.max(1, series.length);
  // Long category lists show every other label, so they do not run into each other.
  const labelEvery = categories.length > 6 ? 3 : 1;

  return (
    <ChartFrame
      title={title}
      summary={summary}
      width={WIDTH}
      height={HEIGHT}
      legend={series.length > 1 && <Legend labels={series.map((s) => s.label)} />}
    >
      {ticksOf(scale).map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
          <text x={PAD.left - 6} y={y(tick)} dy="0.32em" textAnchor="end">
            {tick}
          </text>
        </g>
      ))}
      {categories.map((category, i) => {
        let base = 0;
        return (
          <g key={category}>
            {series.map((s, k) => {
              const v = s.values[i];
              const x = PAD.left + i * band + gap / 2 + (stacked ? 0 : k * barWidth);
              const bottom = stacked ? base : 0;
              if (stacked) base += v;
              if (v <= 0) return null;
              return (
                <rect
                  key={s.label}
                  x={x}
                  y={y(bottom + v)}
                  width={Math.max(1, barWidth - (stacked ? 0 : 1))}
                  height={y(bottom) - y(bottom + v)}
                  className={seriesClass(k)}
                />
              );
            })}
            {i % labelEvery === 0 && (
              <text
                className="chart-label"
                x={PAD.left + i * band + band / 2}
                y={HEIGHT - PAD.bottom + 18}
                textAnchor="middle"
              >
                {category}
              </text>
            )}
          </g>
        );
      })}
      <line className="chart-axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
    </ChartFrame>
  );
}

/** The key of a chart: each series' colour beside its name. */
export function Legend({ labels }: { labels: readonly string[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {labels.map((label, k) => (
        <li key={label}>
          <span className={`swatch ${seriesClass(k)}`} />
          {label}
        </li>
      ))}
    </ul>
  );
}
