const BASE = "http://casetable.invalid";

/**
 * A path on this site to go to after sign-in, or `fallback`. Browsers read a backslash as
 * a slash and drop tabs and newlines, so `/\evil.example` and `/\t/evil.example` would
 * leave the site: anything with those is refused, and what remains must resolve to our
 * own origin.
 */
export function sameOriginPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  return url.origin === BASE ? url.pathname + url.search + url.hash : fallback;
}
