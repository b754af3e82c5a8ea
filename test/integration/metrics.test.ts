import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseCounts } from "../../server/metrics.ts";
import { connected, emit, meetingSocket, op } from "../support/meetings.ts";
import { closedMeeting, deliveriesSettled } from "../support/minutes.ts";
import { useTestServer } from "../support/harness.ts";

const TOKEN = "metrics-token-for-the-test-0123456789";
// Two servers in one process: each has its own registry. closedMeeting seeds the first.
const app = useTestServer({ seed: false });
const guarded = useTestServer({ seed: false, env: { METRICS_TOKEN: TOKEN } });
let m: Awaited<ReturnType<typeof closedMeeting>>;

beforeAll(async () => {
  m = await closedMeeting(app.server);
}, 90_000);
afterAll(() => m?.close());

const scrape = (s: { url: string }, headers: Record<string, string> = {}) => fetch(`${s.url}/metrics`, { headers });
/** The value of one sample, or undefined when there is no such line. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}
const settle = () => new Promise((r) => setTimeout(r, 150));

describe("/metrics", () => {
  it("counts sockets, live meetings, commands by result with their latency, deliveries by state and event-loop delay", async () => {
    const actor = (email: string) => ({ personId: m.member(email).personId, ip: null });
    expect((await app.services.minutes.approve(actor("chair@riverside.example"), m.meetingId)).ok).toBe(true);
    expect((await app.services.minutes.distribute(actor("coordinator@riverside.example"), m.meetingId)).ok).toBe(true);
    // The mail worker sends in the background: compare the gauge with the table once it is done.
    await deliveriesSettled(app.server, m.meetingId);

    // The demo has a meeting in progress. A second one, started twice: once done, once refused.
    const liveBefore = sample(await (await scrape(app)).text(), "casetable_meetings_live")!;
    expect(liveBefore).toBe(1);
    const { id: meetingId } = await app.services.meetings.schedule(
      actor("coordinator@riverside.example"),
      m.net.networkId,
      {
        title: "Extra case conference",
        startsAt: new Date(),
        place: "Town hall",
        callLink: null,
      },
    );
    const chair: Socket = meetingSocket(app.url, (await app.signIn("chair@riverside.example")).cookieHeader);
    await connected(chair);
    await emit(chair, "meeting:join", { meetingId });
    await emit(chair, "confidentiality:accept", { meetingId, opId: op(), version: 1 });
    expect(await emit(chair, "meeting:start", { meetingId, opId: op() })).toMatchObject({ ok: true });
    expect(await emit(chair, "meeting:start", { meetingId, opId: op() })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    // An event nobody listens to is not a command, and makes no label.
    chair.emit("made:up", {}, () => {});
    await settle();

    const res = await scrape(app);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // closedMeeting left two sockets open (chair and coordinator); this test opened one.
    expect(sample(text, "casetable_sockets_connected")).toBe(3);
    expect(sample(text, "casetable_meetings_live")).toBe(liveBefore + 1);
    expect(sample(text, "casetable_commands_total", '{command="meeting:start",result="ok"}')).toBe(2);
    expect(sample(text, "casetable_commands_total", '{command="meeting:start",result="conflict"}')).toBe(1);
    expect(sample(text, "casetable_commands_total", '{command="decision:record",result="ok"}')).toBe(2);
    expect(sample(text, "casetable_commands_total", '{command="meeting:end",result="ok"}')).toBe(1);
    expect(sample(text, "casetable_commands_total", '{command="meeting:join",result="ok"}')).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain("made:up");
    expect(sample(text, "casetable_command_duration_seconds_count", '{command="meeting:start"}')).toBe(3);
    expect(sample(text, "casetable_command_duration_seconds_bucket", '{le="+Inf",command="meeting:start"}')).toBe(3);
    const deliveries = await databaseCounts(app.services.database.store).deliveriesByState();
    expect(Object.values(deliveries).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    for (const [state, n] of Object.entries(deliveries))
      expect(sample(text, "casetable_deliveries", `{state="${state}"}`)).toBe(n);
    expect(sample(text, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(sample(text, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThan(0);

    expect(await emit(chair, "meeting:end", { meetingId, opId: op() })).toMatchObject({ ok: true });
    chair.disconnect();
    m.close();
    await settle();
    const after = await (await scrape(app)).text();
    expect(sample(after, "casetable_sockets_connected")).toBe(0);
    expect(sample(after, "casetable_meetings_live")).toBe(liveBefore);
    // The other server counted none of this.
    const other = await (await scrape(guarded, { authorization: `Bearer ${TOKEN}` })).text();
    expect(sample(other, "casetable_commands_total", '{command="meeting:start",result="ok"}')).toBeUndefined();
    expect(sample(other, "casetable_sockets_connected")).toBe(0);
  });

  it("without a token, answers only this machine: a request relayed by a proxy finds no such page", async () => {
    expect((await scrape(app)).status).toBe(200);
    for (const header of <Record<string, string>[]>[
      { "x-forwarded-for": "203.0.113.9" },
      { forwarded: "for=203.0.113.9" },
      { "x-real-ip": "203.0.113.9" },
    ]) {
      const res = await scrape(app, header);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("casetable_");
    }
  });

  it("with METRICS_TOKEN, asks everyone for the bearer token", async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: "Bearer wrong-token" },
      { authorization: TOKEN },
      { authorization: `Basic ${TOKEN}` },
    ]) {
      const res = await scrape(guarded, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain("casetable_");
    }
    const res = await scrape(guarded, { authorization: `Bearer ${TOKEN}`, "x-forwarded-for": "203.0.113.9" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("# TYPE casetable_commands_total counter");
  });

  it("keeps a request id given by a proxy and makes one otherwise", async () => {
    const kept = await fetch(`${app.url}/sign-in`, { headers: { "x-request-id": "proxy-7f3a.42" } });
    expect(kept.headers.get("x-request-id")).toBe("proxy-7f3a.42");
    const made = await fetch(`${app.url}/sign-in`, { headers: { "x-request-id": "not an id; <script>" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect((await fetch(`${app.url}/sign-in`)).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
