import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedMeeting } from "../support/minutes.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { useTestServer } from "../support/harness.ts";

const app = useTestServer({ seed: false }); // closedMeeting seeds the network itself

// Issue 9, rule 5: the record names who approved the minutes and who signed off a closure.
let m: Awaited<ReturnType<typeof closedMeeting>>;

beforeAll(async () => {
  m = await closedMeeting(app.server);
}, 60_000);
afterAll(async () => {
  m?.close();
});

describe.skipIf(!pdfToolsAvailable)("the minutes' approver in the record", () => {
  it("is named on the minutes page and in the approved PDF (full and redacted copies); a draft names nobody", async () => {
    const url = `/n/${m.net.networkId}/meetings/${m.meetingId}`;
    const chair = await app.signIn("chair@riverside.example");
    const draft = pdfText(Buffer.from(await (await chair.get(`${url}/minutes.pdf`)).arrayBuffer()));
    expect(draft).not.toContain("Approved by ");
    expect((await chair.post(`${url}/minutes`, { intent: "approve" })).status).toBe(200);

    const coordinator = await app.signIn("coordinator@riverside.example");
    const page = await (await coordinator.get(`${url}/minutes`)).text();
    expect(page).toContain("Approved by");
    expect(page).toContain("<td>Elena Novak</td>");
    const full = pdfText(Buffer.from(await (await coordinator.get(`${url}/minutes.pdf?version=1`)).arrayBuffer()), {
      layout: true,
    });
    expect(full).toMatch(/Approved by\s+Elena Novak \(Municipality of Riverside\)/);

    expect((await coordinator.post(`${url}/minutes`, { intent: "distribute" })).status).toBe(200);
    const school = await app.signIn("school@riverside.example");
    const own = pdfText(Buffer.from(await (await school.get(`${url}/minutes.pdf?version=1`)).arrayBuffer()), {
      layout: true,
    });
    expect(own).toMatch(/Approved by\s+Elena Novak \(Municipality of Riverside\)/);
  });
});
