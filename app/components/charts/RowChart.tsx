import { ChartFrame } from "./ChartFrame.tsx";
import { niceScale, seriesClass, ticksOf } from "./scale.ts";

/**
 * One row of a row chart: a bar from `from` to `to`, with an optional mark (e.g. a median
 * inside the middle half of a spread); null when there is nothing to draw.
 */
export interface Row {
  label: string;
  bar: { from: number; to: number; mark?: number } | null;
}

// In the SVG's own units, like BarChart: text of 14 units, rows of 30.
const WIDTH = 400;
const ROW = 30;
const PAD = { top: 8, right: 14, bottom: 28, left: 186 };

/**
 * Named rows with horizontal bars, drawn as SVG on the server: counts per routing or grade,
 * or the spread of a duration. Rows without values say so in words; the table beside the
 * chart holds every value.
 */
export function RowChart({
  title,
  summary,
  rows,
  noValue,
}: {
  title: string;
  summary: string;
  rows: readonly Row[];
  noValue: string;
}) {
  const height = PAD.top + rows.length * ROW + PAD.bottom;
  const scale = niceScale(Math.max(0, ...rows.map((r) => r.bar?.to ?? 0)));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const x = (v: number) => PAD.left + (v / scale.top) * plotWidth;
  return (
    <ChartFrame title={title} summary={summary} width={WIDTH} height={height}>
      {ticksOf(scale).map((tick) => (
        <g key={tick} className="chart-grid">
          <line x1={x(tick)} x2={x(tick)} y1={PAD.top} y2={height - PAD.bottom} />
          <text x={x(tick)} y={height - PAD.bottom + 18} textAnchor="middle">
            {tick}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const mid = PAD.top + i * ROW + ROW / 2;
        return (
          <g key={r.label}>
            <text className="chart-label" x={PAD.left - 8} y={mid} dy="0.32em" textAnchor="end">
              {r.label}
            </text>
            {r.bar === null ? (
              <text className="chart-none" x={PAD.left + 4} y={mid} dy="0.32em">
                {noValue}
              </text>
            ) : (
              <>
                <rect
                  x={x(r.bar.from)}
                  y={mid - 9}
                  width={Math.max(2, x(r.bar.to) - x(r.bar.from))}
                  height={18}
                  className={r.bar.mark === undefined ? seriesClass(0) : `${seriesClass(0)} chart-spread`}
                />
                {r.bar.mark !== undefined && (
                  <line className="chart-mark" x1={x(r.bar.mark)} x2={x(r.bar.mark)} y1={mid - 12} y2={mid + 12} />
                )}
              </>
            )}
          </g>
        );
      })}
    </ChartFrame>
  );
}
