import { beforeAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";
import { approvedMeeting, useSmtpServer } from "../support/minutes.ts";
import { pdfToolsAvailable } from "../support/pdfTools.ts";
import { kill, type ServerProcess } from "../support/serverProcess.ts";

// The server is killed (SIGKILL) while it sends the minutes through a slow mail server,
// then started again: every invited person gets exactly one copy, or their delivery is
// shown as unknown (the mail server had the whole message when the server died).

describe.skipIf(!pdfToolsAvailable)("a server killed mid-distribution, then restarted", () => {
  const smtp = useSmtpServer({ delayMs: 1000 });
  // The meeting is held and its minutes approved in this process, then served from a process of its own.
  const app = useTestServer({ seed: false, env: () => ({ SMTP_URL: smtp.url }) }); // approvedMeeting seeds the network itself
  let child: ServerProcess;
  let m: Awaited<ReturnType<typeof approvedMeeting>>;
  let invited: string[];

  beforeAll(async () => {
    m = await approvedMeeting(app.server);
    invited = (await app.services.minutes.addressees(m.meetingId)).map((p) => p.personId);
    m.close();
    child = await app.spawn();
  }, 90_000);

  it("every person gets exactly one copy, or is shown as unknown; nothing is left pending", async () => {
    const page = `/n/${m.net.networkId}/meetings/${m.meetingId}/minutes`;
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await coordinator.post(page, { intent: "distribute" })).status).toBe(200);
    // What the minutes page lists, read through the services on the same database.
    const rows = async () => (await app.services.minutes.deliveries(m.meetingId)).map((r) => r.d);
    const total = (await rows()).length;
    expect(total).toBeGreaterThan(invited.length - 1);

    // Kill it once some mails have arrived and others are on their way.
    while (smtp.received.length < 2) await new Promise((done) => setTimeout(done, 20));
    await kill(child);
    const beforeRestart = smtp.received.length;
    expect(beforeRestart).toBeLessThan(total);
    const left = (await rows()).filter((d) => d.state === "pending" || d.state === "sending");
    expect(left.length).toBeGreaterThan(0);

    await app.spawn();
    const until = Date.now() + 60_000;
    while ((await rows()).some((d) => d.state === "pending" || d.state === "sending") && Date.now() < until)
      await new Promise((done) => setTimeout(done, 100));
    // Wait for answers still travelling from the mail server to the test's records.
    await new Promise((done) => setTimeout(done, 800));

    const settled = await rows();
    expect(settled).toHaveLength(total);
    expect(
      settled
        .filter((d) => d.kind === "minutes")
        .map((d) => d.recipientPersonId)
        .sort(),
    ).toEqual([...invited].sort());
    for (const d of settled) {
      const copies = smtp.copiesOf(d.id);
      if (d.state === "sent")
        expect({ email: d.email, kind: d.kind, copies }).toEqual({ email: d.email, kind: d.kind, copies: 1 });
      else
        expect({ email: d.email, kind: d.kind, state: d.state, atMostOne: copies <= 1 }).toEqual({
          email: d.email,
          kind: d.kind,
          state: "unknown",
          atMostOne: true,
        });
    }
    // The restarted server did send what was left: the job resumed.
    expect(smtp.received.length).toBeGreaterThan(beforeRestart);
    // The coordinator sees the unknown ones and can decide about them.
    const unknown = settled.filter((d) => d.state === "unknown").length;
    const html = await (await coordinator.get(page)).text();
    expect(html.split(`value="resend"`).length - 1).toBe(unknown);
  }, 120_000);
});
