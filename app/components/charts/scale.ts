// Axes of the evaluation charts: a rounded top and whole-number ticks for counts.

/** The smallest "nice" top (1, 2 or 5 times a power of ten, times the tick count) that holds `max`. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  // Counts have whole ticks: a step of 0.5 cases means nothing.
  const whole = Math.max(1, Math.ceil(step));
  return { top: whole * Math.ceil(max / whole), step: whole };
}

/** The ticks from 0 to `top`. */
export function ticksOf({ top, step }: { top: number; step: number }): number[] {
  return Array.from({ length: Math.floor(top / step) + 1 }, (_, i) => i * step);
}

/** The class that colours series `k` (app/styles.css: six colours, then again). */
export const seriesClass = (k: number) => `series-${k % 6}`;
