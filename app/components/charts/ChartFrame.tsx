import { useId, type ReactNode } from "react";

/**
 * The SVG every chart draws into: an image named by its title, described by a short summary
 * (the table beside it holds the values), at `width` × `height` of its own units.
 */
export function ChartFrame({
  title,
  summary,
  width,
  height,
  children,
  legend,
}: {
  title: string;
  summary: string;
  width: number;
  height: number;
  children: ReactNode;
  legend?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {children}
      </svg>
      {legend}
    </div>
  );
}
