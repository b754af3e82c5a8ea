// Issue 10, rule 4: on SIGTERM the meeting room tells the person the server is
// restarting, and the notice goes once the server is back.
import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, screenshot, signInAs } from "../support/browser.ts";
import { seedNetwork } from "../support/fixtures.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { startTestServer } from "../support/server.ts";
import { spawnServer, type ServerProcess } from "../support/serverProcess.ts";

const run = chromiumAvailable();

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

describe.skipIf(!run)("in the browser: the server restarts during a meeting", () => {
  let browser: Browser;
  let env: Record<string, string>;
  let roomPath: string;
  let dir: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    const seeding = await startTestServer();
    const net = await seedNetwork(seeding.services);
    const { meetingId } = await prepareMeeting(seeding.services, net);
    await seeding.close();
    dir = seeding.dir;
    roomPath = `/n/${net.networkId}/meetings/${meetingId}`;
    env = {
      DATABASE_URL: seeding.databaseFile,
      OUTBOX_DIR: `${dir}/outbox`,
      ARCHIVE_DIR: `${dir}/archive`,
      PORT: String(await freePort()),
      SHUTDOWN_GRACE_MS: "2000",
    };
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    servers.forEach((s) => s.child.kill("SIGKILL"));
  });

  it("shows 'the server is restarting' on SIGTERM, and 'Live' again when it is back", async () => {
    const first = spawnServer(env);
    servers.push(first);
    const url = await first.ready;
    const chair = await signInAs(browser, url, "chair@riverside.example");
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

    const second = spawnServer(env);
    servers.push(second);
    await second.ready;
    await chair.getByTestId("server-restarting").waitFor({ state: "detached", timeout: 15_000 });
    await expect.poll(() => chair.getByTestId("connection").textContent(), { timeout: 15_000 }).toContain("Live");
  }, 90_000);
});
