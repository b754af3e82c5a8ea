// Issue 10, rule 4: on SIGTERM the meeting room tells the person the server is
// restarting, and the notice goes once the server is back.
import { beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";
import { prepareMeeting } from "../support/meetings.ts";

// The meeting is prepared in this process; the server the chair uses runs as its own
// process, so that it can get a real SIGTERM and be started again at the same address.
const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: the server restarts during a meeting", () => {
  let roomPath: string;

  beforeAll(async () => {
    const { meetingId } = await prepareMeeting(app.services, app.net);
    roomPath = `/n/${app.net.networkId}/meetings/${meetingId}`;
  });

  it("shows 'the server is restarting' on SIGTERM, and 'Live' again when it is back", async () => {
    const first = await app.spawn({ SHUTDOWN_GRACE_MS: "2000" });
    const url = await first.ready;
    const chair = await chromium.signInAs("chair@riverside.example");
    await chair.goto(`${url}${roomPath}`);
    await chair.getByRole("button", { name: "I accept the confidentiality statement" }).click();
    await expect.poll(() => chair.getByTestId("connection").textContent()).toContain("Live");

    first.child.kill("SIGTERM");
    await chair.getByTestId("server-restarting").waitFor();
    expect(await chair.getByTestId("server-restarting").textContent()).toBe(
      "The server is restarting. What you enter is kept and sent when it is back.",
    );
    await screenshot(chair, "server-restarting");
    expect(await first.exited).toBe(0);

    await app.spawn({ SHUTDOWN_GRACE_MS: "2000" });
    await chair.getByTestId("server-restarting").waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => chair.getByTestId("connection").textContent(), { timeout: 15_000 }).toContain("Live");
  }, 90_000);
});
