import { describe, expect, it } from "vitest";
import { buildAgenda, plannedEnd, type AgendaFacts } from "../../server/meetings/agendaBuilder.ts";
import { loadAgendaTemplate } from "../../server/meetings/agendaTemplate.ts";

const template = loadAgendaTemplate("default");
const empty: AgendaFacts = {
  meetingOn: "2026-03-10",
  horizonOn: "2026-04-10",
  lastMeetingAt: new Date("2026-02-10T18:00:00Z"),
  signals: [],
  cases: [],
  openTasks: [],
  fadeOutChecks: [],
  deferred: [],
};
const aCase = (caseId: string, over: Partial<AgendaFacts["cases"][number]> = {}): AgendaFacts["cases"][number] => ({
  caseId,
  code: `C-${caseId}`,
  stage: "active",
  nextCheckInOn: null,
  isMinor: false,
  openClosureProposal: false,
  ...over,
});
const sections = (items: ReturnType<typeof buildAgenda>) =>
  items.map((i) => `${i.section}:${i.caseId ?? "-"}:${i.reasons.join("+")}`);

describe("agenda builder", () => {
  it("always opens and ends the meeting, with the template's minutes", () => {
    const items = buildAgenda(template, empty);
    expect(sections(items)).toEqual(["opening:-:opening", "aob:-:aob"]);
    expect(items.map((i) => i.plannedMinutes)).toEqual([5, 5]);
  });

  it("lists each unrouted signal once, its source check a phase of the item", () => {
    const items = buildAgenda(template, {
      ...empty,
      signals: [
        {
          signalId: "s2",
          caseId: "b",
          code: "C-b",
          receivedAt: new Date("2026-03-01"),
          caseStage: "signal",
          routed: false,
        },
        {
          signalId: "s1",
          caseId: "a",
          code: "C-a",
          receivedAt: new Date("2026-02-20"),
          caseStage: "signal",
          routed: false,
        },
        // Routed before the meeting and received before the last one: not new.
        {
          signalId: "s0",
          caseId: "z",
          code: "C-z",
          receivedAt: new Date("2026-01-01"),
          caseStage: "assessment",
          routed: true,
        },
      ],
    });
    expect(sections(items)).toEqual(["opening:-:opening", "signals:a:new_signal", "signals:b:new_signal", "aob:-:aob"]);
    // The item's time holds both phases: the source check and the routing.
    expect(items[1]).toMatchObject({ signalId: "s1", plannedMinutes: 15, kind: "signal", title: "" });
    expect(items.filter((i) => i.caseId === "a")).toHaveLength(1);
  });

  it("a signal on a running case since the last meeting is new too", () => {
    const items = buildAgenda(template, {
      ...empty,
      signals: [
        {
          signalId: "s9",
          caseId: "r",
          code: "C-r",
          receivedAt: new Date("2026-02-28"),
          caseStage: "active",
          routed: false,
        },
      ],
    });
    expect(sections(items)).toContain("signals:r:new_signal");
  });

  it("brings check-ins due before the horizon, fade-out checks, overdue tasks and tasks left open, each saying why", () => {
    const items = buildAgenda(template, {
      ...empty,
      cases: [
        aCase("due", { nextCheckInOn: "2026-03-20" }),
        aCase("later", { nextCheckInOn: "2026-05-01" }),
        aCase("closed", { stage: "closed" }),
        aCase("overdue", { nextCheckInOn: "2026-06-01" }),
        aCase("carried", { nextCheckInOn: "2026-03-25" }),
        aCase("signalstage", { stage: "signal", nextCheckInOn: "2026-03-01" }),
      ],
      fadeOutChecks: [
        { caseId: "closed", dueOn: "2026-04-01" },
        { caseId: "later", dueOn: "2026-09-01" },
      ],
      openTasks: [
        { caseId: "overdue", dueOn: "2026-03-01", fromLastMeeting: false },
        { caseId: "later", dueOn: "2026-03-30", fromLastMeeting: false },
        { caseId: "carried", dueOn: "2026-03-30", fromLastMeeting: true },
      ],
    });
    const checkIns = items.filter((i) => i.section === "checkins");
    expect(checkIns.map((i) => `${i.caseId}:${i.reasons.join("+")}`)).toEqual([
      "overdue:overdue_tasks",
      "due:check_in_due",
      "carried:check_in_due",
      "closed:fade_out_check",
    ]);
    // The tasks left open at the last meeting come first, as one block after the opening.
    expect(items.slice(0, 2).map((i) => `${i.section}:${i.reason}:${i.caseId}`)).toEqual([
      "opening:opening:null",
      "opening:open_tasks_last_meeting:null",
    ]);
  });

  it("puts cases with children before adult-only cases", () => {
    const items = buildAgenda(template, {
      ...empty,
      cases: [
        aCase("adult", { nextCheckInOn: "2026-03-11" }),
        aCase("child", { nextCheckInOn: "2026-03-30", isMinor: true }),
      ],
    });
    expect(items.filter((i) => i.section === "checkins").map((i) => i.caseId)).toEqual(["child", "adult"]);
  });

  it("a case with a closure proposal comes under closures, not check-ins", () => {
    const items = buildAgenda(template, {
      ...empty,
      cases: [aCase("c", { nextCheckInOn: "2026-03-11", openClosureProposal: true })],
    });
    expect(sections(items)).toEqual(["opening:-:opening", "closures:c:closure_proposal", "aob:-:aob"]);
  });

  it("deferred items of the last meeting come back in their section", () => {
    const items = buildAgenda(template, {
      ...empty,
      cases: [aCase("d", { nextCheckInOn: "2026-09-01" })],
      deferred: [
        { section: "checkins", kind: "check_in", title: "", caseId: "d", signalId: null },
        { section: "aob", kind: "own", title: "Training day", caseId: null, signalId: null },
      ],
    });
    expect(sections(items)).toEqual(["opening:-:opening", "checkins:d:deferred", "aob:-:deferred", "aob:-:aob"]);
    // A typed title comes back as typed; the others are worded by each reader's language.
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ["opening", ""],
      ["check_in", ""],
      ["own", "Training day"],
      ["aob", ""],
    ]);
  });

  it("a signal deferred last meeting, as a signal or as a source check of its own, comes back once", () => {
    const signal = (signalId: string, caseId: string) => ({
      signalId,
      caseId,
      code: `C-${caseId}`,
      receivedAt: new Date("2026-01-20"),
      caseStage: "signal" as const,
      routed: false,
    });
    const items = buildAgenda(template, {
      ...empty,
      signals: [signal("s1", "a"), signal("s2", "b"), signal("s3", "c")],
      deferred: [
        { section: "signals", kind: "signal", title: "", caseId: "a", signalId: "s1" },
        { section: "reliability", kind: "source_check", title: "", caseId: "b", signalId: "s2" },
      ],
    });
    expect(sections(items)).toEqual([
      "opening:-:opening",
      "signals:a:deferred+new_signal",
      "signals:b:deferred+new_signal",
      "signals:c:new_signal",
      "aob:-:aob",
    ]);
  });

  it("gives the planned end time, leaving deferred items out", () => {
    const start = new Date("2026-03-10T14:00:00Z");
    expect(
      plannedEnd(start, [
        { plannedMinutes: 5 },
        { plannedMinutes: 10 },
        { plannedMinutes: 30, status: "deferred" },
      ]).toISOString(),
    ).toBe("2026-03-10T14:15:00.000Z");
  });
});
