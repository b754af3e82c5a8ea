import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { deliveries } from "../../db/schema/index.ts";
import { databaseBefore } from "../support/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "casetable-deliveries-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("the deliveries of minutes already sent move into the one record of mail, keeping their mail id", () => {
  const { file, sqlite } = databaseBefore(dir, "0008_deliveries");
  const person = sqlite.prepare("insert into persons (id, email, name, password_hash) values (?, ?, ?, 'x')");
  person.run("p-police", "police@x.example", "Police");
  person.run("p-nobody", "nobody@x.example", "Nobody");
  sqlite
    .prepare(
      "insert into meetings (id, network_id, title, starts_at, template, created_by) values ('meeting-1', 'net-1', 'Monthly', 0, '{}', 'p')",
    )
    .run();
  sqlite
    .prepare(
      "insert into minutes_versions (id, meeting_id, version, model, pdf_sha256, pdf_path, approved_by) values ('v1', 'meeting-1', 1, '{}', 'h', 'net-1/meeting-1/minutes-v1-v1.pdf', 'p')",
    )
    .run();
  const row = sqlite.prepare(
    "insert into minutes_deliveries (id, version_id, kind, recipient_person_id, email, mail_id, status, reason, retryable, attempts, created_at, updated_at, sent_at) values (?, 'v1', ?, ?, ?, ?, ?, ?, ?, ?, 1000, 2000, ?)",
  );
  row.run("d1", "minutes", "p-police", "police@x.example", "mail-1", "sent", null, 0, 1, 1500);
  row.run("d2", "action_plan:C-2026-0003", "p-police", "police@x.example", "mail-2", "failed", "451 busy", 1, 2, null);
  row.run("d3", "minutes", "p-nobody", "nobody@x.example", "mail-3", "failed", "550 no such mailbox", 0, 1, null);
  sqlite.close();

  const database = openDatabase(file);
  try {
    const rows = database.db.select().from(deliveries).orderBy(asc(deliveries.id)).all();
    expect(
      rows.map((d) => ({
        id: d.id,
        kind: d.kind,
        payload: d.payload,
        state: d.state,
        attempts: d.attempts,
        reason: d.reason,
        meetingId: d.meetingId,
        minutesVersionId: d.minutesVersionId,
        sentAt: d.sentAt?.getTime() ?? null,
      })),
    ).toEqual([
      {
        id: "mail-1",
        kind: "minutes",
        payload: {},
        state: "sent",
        attempts: 1,
        reason: null,
        meetingId: "meeting-1",
        minutesVersionId: "v1",
        sentAt: 1500,
      },
      {
        id: "mail-2",
        kind: "action_plan",
        payload: { caseCode: "C-2026-0003" },
        state: "failed",
        attempts: 2,
        reason: "451 busy",
        meetingId: "meeting-1",
        minutesVersionId: "v1",
        sentAt: null,
      },
      {
        id: "mail-3",
        kind: "minutes",
        payload: {},
        state: "refused",
        attempts: 1,
        reason: "550 no such mailbox",
        meetingId: "meeting-1",
        minutesVersionId: "v1",
        sentAt: null,
      },
    ]);
    // A failed one waits for a person, not for an automatic retry nobody planned.
    expect(rows.every((d) => d.nextAttemptAt === null)).toBe(true);
  } finally {
    database.close();
  }
});
