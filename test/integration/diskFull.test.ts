// Issue 10, rule 4: /healthz says `degraded` and names the disk-write check when the file
// system under the database is full, and `ok` again once there is room. The file
// system is a real, size-limited tmpfs; mounting one needs privileges a CI container
// may lack, in which case this file is skipped with a warning.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { useTestServer } from "../support/harness.ts";

const mountPoint = mkdtempSync(join(tmpdir(), "casetable-smallfs-"));
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "none", mountPoint]).status === 0;
if (!mounted) console.warn("diskFull.test.ts skipped: cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN).");

describe.skipIf(!mounted)("a full disk under the database", () => {
  // Registered first, so it runs after the harness has stopped the server on the small disk.
  afterAll(() => {
    spawnSync("umount", [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });
  const app = useTestServer({ seed: false, env: { DATABASE_URL: join(mountPoint, "casetable.db") } });

  it("makes /healthz report degraded, naming the disk-write check, and ok again once there is room", async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const filler = join(mountPoint, "filler");
    try {
      writeFileSync(filler, Buffer.alloc(16 * 1024 * 1024));
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC"); // the disk is full now
    }
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "degraded", failed: "disk-write", code: "ENOSPC" });
    rmSync(filler);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
if (!mounted) rmSync(mountPoint, { recursive: true, force: true });
