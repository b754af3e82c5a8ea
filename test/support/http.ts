/**
 * A small cookie-keeping HTTP client that behaves like a browser posting forms from our
 * own pages (it sends the Origin header a browser would).
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request("GET", path, undefined, headers);
  }

  /** Posts a form as a browser would; redirects are not followed, so tests can see them. */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request("POST", path, new URLSearchParams(fields), { origin: this.baseUrl, ...headers });
  }

  async request(
    method: string,
    path: string,
    body?: URLSearchParams,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      body,
      redirect: "manual",
      headers: { ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (/max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
