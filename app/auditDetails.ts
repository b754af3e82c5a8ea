/**
 * Turns an audit entry's JSON details into short readable lines for the audit page:
 * ids of agencies become their names, and a before/after pair shows only what changed.
 */
export function describeDetails(json: string, names: ReadonlyMap<string, string>): string[] {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return [json];
  }
  const show = (value: unknown) => (typeof value === "string" ? (names.get(value) ?? value) : JSON.stringify(value));
  const label = (key: string) => key.replace(/Id$/, "");
  const { before, after, ...rest } = details;
  const lines = Object.entries(rest).map(([key, value]) => `${label(key)}: ${show(value)}`);
  if (before && after && typeof before === "object" && typeof after === "object") {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    for (const key of Object.keys(a)) {
      if (JSON.stringify(b[key]) !== JSON.stringify(a[key]))
        lines.push(`${label(key)}: ${show(b[key])} → ${show(a[key])}`);
    }
  }
  return lines;
}
