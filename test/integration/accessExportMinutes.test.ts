import { describe, expect, it } from "vitest";
import { createCaseExport } from "../../server/access/caseExport.ts";
import { useTestServer } from "../support/harness.ts";
import { approvedMeeting } from "../support/minutes.ts";

// A data subject's export (decision 0038) of a case discussed in a meeting whose minutes
// were approved: the minutes' items about the case, and the item's notes (kept apart, read
// after the snapshot), are in it; nothing of the other cases of those minutes.

const app = useTestServer({ seed: false });

describe("an access request's export, of a case discussed in a meeting", () => {
  it("holds the approved minutes' items about the case and the item's notes, and nothing of the other cases", async () => {
    const m = await approvedMeeting(app.server);
    const { services } = app;
    const held = await createCaseExport({
      store: services.database.store,
      keyring: services.keyring,
      readNotes: (doc) => services.notes.readNotes(doc),
    }).gather(m.items.item3.caseId!);
    expect(held.minutes.map((v) => v.version)).toEqual([1]);
    expect(held.minutes[0].items.map((i) => i.caseCode)).toEqual([m.codes.case3]);
    expect(held.meetings.find((i) => i.meeting === held.minutes[0].meeting)?.notes).toContain("Attendance at training");
    expect(JSON.stringify(held.minutes)).not.toContain(m.codes.case5);
    m.close();
  });
});
