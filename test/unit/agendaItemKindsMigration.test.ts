import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client.ts";
import { agendaItems } from "../../db/schema/index.ts";
import { databaseBefore } from "../support/migrations.ts";

const dir = mkdtempSync(join(tmpdir(), "casetable-item-kinds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("agenda items stored with English titles get their kind, and a title someone typed stays as typed", () => {
  const { file, sqlite } = databaseBefore(dir, "0026_agenda_item_kinds");
  sqlite
    .prepare(
      "insert into cases (id, network_id, code, stage, summary) values ('c1', 'n', 'C-2026-0001', 'active', ''), ('c2', 'n', 'C-2026-0002', 'signal', '')",
    )
    .run();
  sqlite
    .prepare(
      "insert into meetings (id, network_id, title, starts_at, template, created_by) values ('m', 'n', 'Monthly', 0, 'default', 'p')",
    )
    .run();
  const item = sqlite.prepare(
    "insert into agenda_items (id, meeting_id, position, section, reason, title, case_id, planned_minutes) values (?, 'm', ?, ?, ?, ?, ?, 5)",
  );
  const rows: [string, string, string, string | null][] = [
    ["opening", "opening", "Opening: attendance, apologies, confidentiality statement", null],
    ["opening", "open_tasks_last_meeting", "Open actions from the last meeting", null],
    ["opening", "decided_between_meetings", "Decided between meetings C-2026-0001", "c1"],
    ["signals", "new_signal", "Signal C-2026-0002", "c2"],
    ["reliability", "reliability_check", "Source check C-2026-0002", "c2"],
    ["checkins", "deferred", "Check-in C-2026-0001", "c1"],
    ["closures", "closure_proposal", "Closure proposal C-2026-0001", "c1"],
    // Typed by a chair: kept, even when it reads like one of ours, or names another case.
    ["checkins", "added", "Check-in C-2026-0001", "c1"],
    ["checkins", "deferred", "Check-in C-2026-0002", "c1"],
    ["aob", "deferred", "Training day", null],
    ["aob", "aob", "Any other business and the date of the next meeting", null],
  ];
  rows.forEach(([section, reason, title, caseId], n) => item.run(`i${n}`, n, section, reason, title, caseId));
  sqlite.close();

  const database = openDatabase(file);
  try {
    const after = database.db.select().from(agendaItems).orderBy(asc(agendaItems.position)).all();
    expect(after.map((i) => [i.kind, i.title])).toEqual([
      ["opening", ""],
      ["open_tasks", ""],
      ["decided_between_meetings", ""],
      ["signal", ""],
      ["source_check", ""],
      ["check_in", ""],
      ["closure_proposal", ""],
      ["own", "Check-in C-2026-0001"],
      ["own", "Check-in C-2026-0002"],
      ["own", "Training day"],
      ["aob", ""],
    ]);
  } finally {
    database.close();
  }
});
