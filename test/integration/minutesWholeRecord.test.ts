import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fullMeeting } from "../support/fullMeeting.ts";
import { useTestServer } from "../support/harness.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { redact } from "../../server/documents/redact.ts";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";

// Issue 12, rule 1: the minutes hold the whole record, each item as far as the recipient
// may see it. Built from a meeting held through the real room; proven on the text of the
// approved PDFs, the chair's full copy and the copy of an agency involved in no case.

const t = useTestServer({ seed: false });
let m: Awaited<ReturnType<typeof fullMeeting>>;
let chairText = "";
let uninvolvedText = "";
/** The same, laid out as on the page: a label and its value on one line. */
let chairRows = "";
let uninvolvedRows = "";
let uninvolvedAgency = "";

/** The text layer with its line breaks and runs of spaces made single spaces. */
const flat = (s: string) => s.replace(/\s+/g, " ");

describe.skipIf(!pdfToolsAvailable)("minutes hold the whole record (issue 12, rule 1)", () => {
  it("approves minutes of a meeting with every item kind, and renders the chair's and an uninvolved agency's copy", async () => {
    m = await fullMeeting(t.server);
    const { minutes } = t.services;
    const chair = m.member("chair@riverside.example");
    const approved = await minutes.approve({ personId: chair.personId, ip: null }, m.meetingId);
    expect(approved.ok).toBe(true);
    const model = (await minutes.model(m.meetingId, 1))!;
    const involved = new Set(model.items.flatMap((i) => i.involvedAgencyIds));
    const outsider = (await minutes.addressees(m.meetingId)).find(
      (a) => !a.seesAll && a.role === "member" && !involved.has(a.agency.id),
    )!;
    expect(outsider, "an invited member whose agency is in no case of the meeting").toBeDefined();
    uninvolvedAgency = outsider.agency.name;
    const chairCopy = (await minutes.addressees(m.meetingId)).find((a) => a.personId === chair.personId)!;
    const chairPdf = await renderMinutesPdf(redact(model, chairCopy));
    const uninvolvedPdf = await renderMinutesPdf(redact(model, outsider));
    if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, chairPdf);
    chairText = flat(pdfText(chairPdf));
    uninvolvedText = flat(pdfText(uninvolvedPdf));
    chairRows = flat(pdfText(chairPdf, { layout: true }));
    uninvolvedRows = flat(pdfText(uninvolvedPdf, { layout: true }));
  });

  it("the kind of every item, and the deferred ones marked with their reason", () => {
    for (const kind of [
      "Agenda section: New signals",
      "Agenda section: Check-ins",
      "Agenda section: Closure proposals",
      "Agenda section: Any other business",
    ])
      expect(chairText).toContain(kind);
    expect(chairText).toContain("Deferred to the next meeting by the chair.");
    expect(chairText).toContain("Deferred to the next meeting: not reached before the meeting ended.");
    // The uninvolved agency sees the general item deferred, and no case item at all.
    expect(uninvolvedText).toContain("Room booking for next year");
    expect(uninvolvedText).toContain("Deferred to the next meeting by the chair.");
    for (const kind of [
      "Agenda section: New signals",
      "Agenda section: Check-ins",
      "Agenda section: Closure proposals",
    ])
      expect(uninvolvedText).not.toContain(kind);
    for (const code of Object.values(m.codes)) expect(uninvolvedText).not.toContain(code);
    expect(uninvolvedText).toMatch(new RegExp(`Copy for ${uninvolvedAgency}`));
  });

  it("a signal: the grading with its scale and meaning, the motives check, the security answer, the routing in words", () => {
    const present = [
      "B2 on the Admiralty scale Source B: Usually reliable Information 2: Probably true",
      "The teacher reported first-hand; a colleague heard the same remarks.",
      "None known between the teacher and the family.",
      "No personal interest: a duty to report.",
      "A second teacher confirms the remarks.",
      "Decision 1 (Routing): Take into multi-agency working",
      "The remarks recur and the school asks for support.",
    ];
    for (const s of present) {
      expect(chairText).toContain(s);
      expect(uninvolvedText).not.toContain(s);
    }
    expect(chairRows).toContain("Security signal No");
    expect(uninvolvedRows).not.toContain("Security signal");
    expect(chairText).not.toMatch(/Take into maw/i);
  });

  it("a check-in: the decision with rationale, each agency's view and the dissent, tasks with owner, agency, goal and due date, the earlier actions' state", () => {
    const present = [
      "Decision 1 (Check-in): Continue the plan",
      "Training attendance is rising; the plan holds.",
      "Fine by us.",
      "Dissent: Riverside Social Services disagrees (We see no progress at home.)",
      "Visit the training centre with the family Back in vocational training Jonas Becker Riverside Police 30 Sept 2030",
      "Meet the father at home",
      "Not possible: circumstances changed",
      "Not done by the agency",
    ];
    for (const s of present) {
      expect(chairText).toContain(s);
      expect(uninvolvedText).not.toContain(s);
    }
  });

  it("a closure: the checklist answers, every agency's view and the dissent, the sign-off in the officer's words, the fade-out dates", async () => {
    const present = [
      "Are the goals of the action plan attained?",
      "Goals attained; youth work carries on.",
      "Nothing new on our side.",
      "disagrees (One more month of sessions would be safer.)",
      "Signed off by Elena Novak, the accountable officer",
      "I support closing: the remaining risk is carried by the fade-out checks.",
      "Fade-out checks:",
    ];
    for (const s of present) {
      expect(chairText).toContain(s);
      expect(uninvolvedText).not.toContain(s);
    }
    const fadeOut = (await t.services.minutes.model(m.meetingId, 1))!.items.find((i) => i.id === m.items.item5.id)!
      .closure!.fadeOutDates;
    expect(fadeOut.length).toBeGreaterThan(0);
  });

  it("attendance in the room and on screen, apologies, the invited who did not come; actual times; who took the minutes and who approved when, in every copy", async () => {
    const model = (await t.services.minutes.model(m.meetingId, 1))!;
    expect(model.meeting.startedAt).not.toBeNull();
    expect(model.meeting.endsAt).not.toBeNull();
    expect(model.absent.map((a) => a.name)).toContain("Sofia Papadopoulou");
    expect(model.apologies.map((a) => a.name)).toEqual(["Aïcha Benali"]);
    const clock = (at: string) =>
      new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: model.network.timeZone }).format(new Date(at));
    for (const [text, rows] of [
      [chairText, chairRows],
      [uninvolvedText, uninvolvedRows],
    ]) {
      expect(text).toContain("In the room");
      // The late leaver, with the time they left; the others stayed.
      const left = model.attendance.find((a) => a.name === "Łukasz Zieliński")!.leftAt;
      expect(left).not.toBeNull();
      expect(rows).toMatch(new RegExp(`Łukasz Zieliński .*On screen ${clock(left!)}`));
      expect(model.attendance.filter((a) => a.leftAt !== null).map((a) => a.name)).toEqual(["Łukasz Zieliński"]);
      expect(text).toContain("On screen");
      expect(text).toMatch(/Apologies Name Agency Delegate Aïcha Benali Riverside Social Services Marta Kowalska/);
      expect(text).toMatch(/Invited, did not attend .*Sofia Papadopoulou/);
      expect(rows).toContain(`Held ${clock(model.meeting.startedAt!)} – ${clock(model.meeting.endsAt!)}`);
      expect(rows).toContain("Minutes taken by Tomás Ruiz");
      expect(rows).toMatch(/Approved by Elena Novak \([^)]*\), \w+day/);
    }
  });
});
