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

/**
 * Colours for up to six series, each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of
 * graphics) and told apart by more than hue: the legend and the table name every value.
 */
export const SERIES_COLOURS = ["#1f4e79", "#b3500b", "#2e6b30", "#6b2f8f", "#8a5a00", "#4a5566"] as const;
