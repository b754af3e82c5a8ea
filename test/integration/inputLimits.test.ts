import { request } from "node:http";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "../support/fixtures.ts";
import { Visitor } from "../support/http.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ secondTenant: true });

/** Posts `bytes` of form body in 64 kB chunks, stopping once the server has answered. */
function postHuge(
  url: string,
  bytes: number,
  language = "en-GB,en;q=0.9",
): Promise<{ status: number; body: string; ms: number; sent: number }> {
  const started = Date.now();
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      `${url}/sign-in`,
      {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": String(bytes),
          origin: url,
          "accept-language": language,
        },
      },
      (res) => {
        answered = true;
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body, ms: Date.now() - started, sent }));
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent >= bytes) req.end();
    };
    pump();
  });
}

describe("limits on every input", () => {
  it("the refusal page speaks the browser's language (issue 15): French words, French lang", async () => {
    const res = await postHuge(app.url, 2 * 1024 * 1024, "fr-BE,fr;q=0.9,en;q=0.5");
    expect(res.status).toBe(413);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain("C'est trop pour un envoi");
    expect(res.body).toContain("au plus 1 MB");
    expect(res.body).not.toContain("too much");
  });

  it("an unauthenticated 100 MB form post is refused at once with a clear page, without growing the server", async () => {
    const before = process.memoryUsage().rss;
    const res = await postHuge(app.url, 100 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.body).toContain("This is too much to send");
    expect(res.body).toContain("at most 1 MB");
    expect(res.ms).toBeLessThan(2000);
    // Only what was in flight before the answer was sent, not the 100 MB.
    expect(res.sent).toBeLessThan(20 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(res.body).toContain('<html lang="en">');
    // A form of normal size still works.
    expect(
      (await new Visitor(app.url).post("/sign-in", { email: "chair@riverside.example", password: PASSWORD })).status,
    ).toBe(302);
  });

  it("redirects after sign-in only to paths of this site", async () => {
    const chair = await app.signIn("chair@riverside.example");
    for (const next of [
      "/%5Cevil.example",
      "/%09/evil.example",
      "//evil.example",
      "/%5C%5Cevil.example/x",
      "https://evil.example",
    ]) {
      const res = await chair.get(`/sign-in?next=${next}`);
      expect(res.status, next).toBe(302);
      expect(res.headers.get("location"), next).toBe("/");
    }
    const own = await chair.get(`/sign-in?next=${encodeURIComponent("/account?tab=1")}`);
    expect(own.headers.get("location")).toBe("/account?tab=1");
  });

  it("no page, data or file response may be kept by a browser or proxy", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const networkId = app.net.networkId;
    for (const path of [
      "/sign-in",
      "/account",
      "/account.data",
      `/n/${networkId}/cases`,
      `/n/${networkId}/members`,
      "/healthz",
      "/no-such-page",
    ]) {
      const res = await chair.get(path);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("a new password that is common or repetitive is refused with the reason, and nothing changes", async () => {
    const member = await app.signIn("school@riverside.example");
    for (const [password, reason] of [
      ["aaaaaaaaaaaa", "Repeated characters like &quot;aaa&quot; are easy to guess."],
      ["password1234", "This is similar to a commonly used password."],
    ]) {
      const res = await member.post("/account", { current: PASSWORD, password, confirm: password });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(reason);
    }
    // The old password still works.
    await app.signIn("school@riverside.example", PASSWORD);
  });

  it("the invitation page does not tell whether the email already has an account", async () => {
    const admin = { personId: app.net.byRole("admin").personId, ip: null };
    const agencyId = app.net.byRole("admin").agencyId;
    const pageFor = async (email: string) => {
      const invite = await app.services.invitations.create(admin, app.net.networkId, {
        email,
        agencyId,
        role: "member",
        mandate: "decides",
      });
      if (!invite.ok) throw new Error(`invitation for ${email} refused`);
      const res = await new Visitor(app.url).get(`/invite/${invite.token}`);
      expect(res.status).toBe(200);
      return (
        (await res.text())
          .replaceAll(email, "EMAIL")
          .replaceAll(invite.token, "TOKEN")
          // The page's nonce is new on each response.
          .replace(/[A-Za-z0-9+/]{22}==/g, "")
          .replace(/"[A-Za-z0-9_-]{20,}"/g, "")
      );
    };
    // Eastport's chair has an account (in another network); the other address has none.
    const withAccount = await pageFor(app.secondTenant.chairEmail);
    const without = await pageFor("nobody-yet@riverside.example");
    expect(withAccount).not.toContain("accountExists");
    expect(withAccount.split(/(?=<)/)).toEqual(without.split(/(?=<)/));
  });
});
