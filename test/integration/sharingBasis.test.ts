import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDay } from "../../app/dates.ts";
import { useTestServer } from "../support/harness.ts";
import type { Visitor } from "../support/http.ts";
import { caseCode, seededCase, visibleText } from "../support/planForms.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { planWithPoliceAction } from "../support/meetings.ts";
import { command, detail, screen, type Screen } from "../support/room.ts";
import { eq } from "drizzle-orm";

// Consent and the legal basis on record (issue 14, rule 3): through the real pages and
// the real meeting room, as the people of the demo network would use them.

const app = useTestServer({ secondTenant: true });
let chair: Visitor;
let coordinator: Visitor;
let social: Visitor;

const member = (email: string) => app.net.members.find((m) => m.email === email)!;
const actor = (email: string) => ({ personId: member(email).personId, ip: null });
const casePage = (code: string) => `/n/${app.net.networkId}/cases/${code}?index`;
const analysisPage = (code: string) => `/n/${app.net.networkId}/cases/${code}/analysis`;
/** A day as the pages print it (the network's date style). */
const day = (d: string) => formatDay(d, { locale: "en-GB", timeZone: "UTC" });
const stateOf = async (code: string) =>
  app.services.sharingBasis.stateOf((await app.services.caseRegister.findByCode(app.net.networkId, code))!.id);
const auditOf = async (action: string) =>
  (await app.services.auditChain.listForNetwork(app.net.networkId, { limit: 5000 }))
    .filter((e) => e.action === action)
    .map((e) => ({ subjectId: e.subjectId, details: JSON.parse(e.details) as unknown }));
const page = async (v: Visitor, path: string) => visibleText(await (await v.get(path)).text());

beforeAll(async () => {
  chair = await app.signIn("chair@riverside.example");
  coordinator = await app.signIn("coordinator@riverside.example");
  social = await app.signIn("social@riverside.example");
});

/** A new signal, graded, ready to be routed: an adult unless a date of birth says otherwise. */
async function gradedSignal(dateOfBirth: string | null = null) {
  const school = member("school@riverside.example");
  const s = await app.services.signals.register(actor("school@riverside.example"), {
    networkId: app.net.networkId,
    agencyId: school.agencyId,
    receivedAt: new Date(),
    channel: "school",
    reporter: { name: "Mr Hendriks", organisation: "Riverside North College", contact: null, withheld: false },
    concern: "Statements in class about a conflict abroad.",
    summary: "School reports a change in behaviour.",
    subject: { name: "Fictional Subject", dateOfBirth, address: null, contacts: null },
  });
  const graded = await chair.post(analysisPage(s.code), {
    intent: "analyse",
    signalId: s.signalId,
    sourceGrade: "B",
    informationGrade: "2",
    gradingRationale: "Teacher known to the school for years.",
  });
  expect(graded.status).toBe(200);
  return s;
}

const intoMaw = (signalId: string, basis: Record<string, string>) => ({
  intent: "route",
  signalId,
  routing: "take_into_maw",
  rationale: "Several partners see the same change.",
  ...basis,
});

describe("routing into multi-agency work", () => {
  it("asks for the basis, records it with the decision and shows it on the case file", async () => {
    const s = await gradedSignal();
    const without = await chair.post(analysisPage(s.code), intoMaw(s.signalId, {}));
    expect(without.status).toBe(400);
    expect(visibleText(await without.text())).toContain("Choose the basis.");
    expect((await app.services.caseRegister.findByCode(app.net.networkId, s.code))!.stage).toBe("signal");

    const routed = await chair.post(
      analysisPage(s.code),
      intoMaw(s.signalId, {
        basis: "person_consent",
        basisObtainedOn: "2026-10-02",
        basisObtainedBy: member("social@riverside.example").personId,
      }),
    );
    expect(routed.status).toBe(200);
    expect(await stateOf(s.code)).toEqual({ state: "consent", by: "person", on: "2026-10-02" });
    expect((await app.services.caseRegister.findByCode(app.net.networkId, s.code))!.stage).toBe("assessment");
    const file = await page(chair, casePage(s.code));
    expect(file).toContain(`Consent given ${day("2026-10-02")} by the person`);
    expect(file).toContain("Obtained by Aïcha Benali");
    const recorded = (await auditOf("case.sharing_basis_recorded")).find((e) => e.subjectId === s.caseId);
    expect(recorded?.details).toEqual({ code: s.code, basis: "person_consent", on: "2026-10-02" });
  });

  it("a minor's consent is a parent's or guardian's: the person's own is refused and nothing changes", async () => {
    const s = await gradedSignal("2012-05-01");
    const refused = await chair.post(
      analysisPage(s.code),
      intoMaw(s.signalId, {
        basis: "person_consent",
        basisObtainedOn: "2026-10-02",
        basisObtainedBy: member("school@riverside.example").personId,
      }),
    );
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain("A minor's consent is given by a parent or guardian");
    expect(await stateOf(s.code)).toEqual({ state: "none" });
    expect((await app.services.caseRegister.findByCode(app.net.networkId, s.code))!.stage).toBe("signal");

    const routed = await chair.post(
      analysisPage(s.code),
      intoMaw(s.signalId, {
        basis: "parent_consent",
        basisObtainedOn: "2026-10-02",
        basisObtainedBy: member("school@riverside.example").personId,
      }),
    );
    expect(routed.status).toBe(200);
    expect(await page(chair, casePage(s.code))).toContain(`Consent given ${day("2026-10-02")} by the parent`);
  });

  it("refuses a member of another network, a guest or a day to come as the one who obtained it", async () => {
    const s = await gradedSignal();
    const eastportChair = (await app.services.members.list(app.secondTenant.networkId))[0].personId;
    for (const [by, on] of [
      [eastportChair, "2026-10-02"],
      [member("youth@riverside.example").personId, "2026-10-02"],
      [member("social@riverside.example").personId, "2999-01-01"],
    ]) {
      const res = await chair.post(
        analysisPage(s.code),
        intoMaw(s.signalId, { basis: "person_consent", basisObtainedOn: on, basisObtainedBy: by }),
      );
      expect(res.status).toBe(409);
    }
    expect(await stateOf(s.code)).toEqual({ state: "none" });
  });
});

describe("routing into multi-agency work in the room and in writing", () => {
  const roomScreens: Screen[] = [];
  afterAll(() => roomScreens.forEach((sc) => sc.s.disconnect()));
  const consent = (email: string) => ({
    basis: "person_consent",
    obtainedOn: "2026-10-02",
    obtainedBy: member(email).personId,
  });
  const decisionsOf = (caseId: string) => {
    const { db, t } = app.services.database.store;
    return db.select().from(t.decisions).where(eq(t.decisions.caseId, caseId));
  };
  const basesOf = (caseId: string) => {
    const { db, t } = app.services.database.store;
    return db.select().from(t.caseSharingBases).where(eq(t.caseSharingBases.caseId, caseId));
  };

  it("the room asks for the basis: without one a clear refusal and nothing stored; with one the case shows it", async () => {
    const s = await gradedSignal();
    const { id: meetingId } = await app.services.meetings.schedule(
      actor("coordinator@riverside.example"),
      app.net.networkId,
      {
        title: "Routing conference",
        startsAt: new Date(),
        place: null,
        callLink: null,
      },
    );
    const runner = await screen(app.server, meetingId, "chair@riverside.example");
    roomScreens.push(runner);
    expect((await command(runner, meetingId, "meeting:start")).ok).toBe(true);
    const item = runner.snapshot!.agenda.find((i) => i.caseCode === s.code)!;
    expect(item.section).toBe("signals");
    const route = (extra: Record<string, unknown>) =>
      command(runner, meetingId, "decision:record", {
        itemId: item.id,
        outcome: "take_into_maw",
        rationale: "Several partners see the same change.",
        ...extra,
      });

    expect(await route({})).toMatchObject({
      ok: false,
      error: { code: "invalid_payload", reason: "sharing_basis_needed" },
    });
    // A basis that does not fit an adult: the register's own refusal, by code.
    expect(await route({ basis: { ...consent("social@riverside.example"), basis: "parent_consent" } })).toMatchObject({
      ok: false,
      error: { code: "refused", reason: "basis_does_not_fit" },
    });
    expect(await decisionsOf(s.caseId)).toEqual([]);
    expect(await basesOf(s.caseId)).toEqual([]);
    expect(await stateOf(s.code)).toEqual({ state: "none" });
    expect((await app.services.caseRegister.findByCode(app.net.networkId, s.code))!.stage).toBe("signal");

    expect(await route({ basis: consent("social@riverside.example") })).toMatchObject({ ok: true });
    expect(await stateOf(s.code)).toEqual({ state: "consent", by: "person", on: "2026-10-02" });
    expect((await app.services.caseRegister.findByCode(app.net.networkId, s.code))!.stage).toBe("assessment");
    expect((await detail(runner, meetingId, item.id)).data?.sharingBasis).toEqual({
      state: "consent",
      by: "person",
      on: "2026-10-02",
    });
    const file = await page(chair, casePage(s.code));
    expect(file).toContain(`Consent given ${day("2026-10-02")} by the person`);
  });

  it("a proposal in writing to take a case in needs the basis too, and the decision records it", async () => {
    const s = await gradedSignal();
    const chairPerson = (await app.services.sessions.lookup(chair.cookieHeader.split("=")[1]))!;
    const open = (proposal: Record<string, unknown>) =>
      app.services.written.open(
        actor("chair@riverside.example"),
        chairPerson,
        app.net.networkId,
        {
          caseCode: s.code,
          reason: "security_signal",
          deadline: new Date(Date.now() + 2 * 86_400_000),
          proposal: { outcome: "take_into_maw", rationale: "It cannot wait for the next meeting.", ...proposal },
        } as never,
        app.url,
      );
    expect(await open({})).toMatchObject({
      ok: false,
      error: { code: "invalid_payload", reason: "sharing_basis_needed" },
    });
    const opened = await open({ basis: consent("social@riverside.example") });
    expect(opened.ok).toBe(true);
    expect(await basesOf(s.caseId)).toEqual([]);
    const concluded = await app.services.written.conclude(
      actor("chair@riverside.example"),
      chairPerson,
      app.net.networkId,
      opened.ok ? opened.data.id : "",
      { result: "adopted", note: null },
    );
    expect(concluded.ok).toBe(true);
    expect(await stateOf(s.code)).toEqual({ state: "consent", by: "person", on: "2026-10-02" });
    expect((await decisionsOf(s.caseId)).map((d) => d.outcome)).toEqual(["take_into_maw"]);
  });
});

describe("another basis the network lists", () => {
  it("is listed in the settings with its reference, shown as 'not sought', and only the network's own", async () => {
    const before = (await auditOf("network.listed_basis_added")).length;
    const added = await coordinator.post(`/n/${app.net.networkId}/settings`, {
      intent: "basis-add",
      name: "Child protection duty",
      reference: "Children Act 1989 s.47",
    });
    expect(added.status).toBe(200);
    expect((await auditOf("network.listed_basis_added")).length).toBe(before + 1);
    const [listed] = await app.services.sharingBasis.listedBases(app.net.networkId);
    expect(listed).toMatchObject({ name: "Child protection duty", reference: "Children Act 1989 s.47" });
    const eastportBasis = await app.services.sharingBasis.addListedBasis(
      { personId: null, ip: null },
      app.secondTenant.networkId,
      { name: "Eastport covenant", reference: "EC-1" },
    );

    const code = caseCode(2);
    const fields = (basisListedId: string) => ({
      intent: "basis",
      basis: "listed_basis",
      basisListedId,
      basisReference: "Order 2026/14",
      basisObtainedOn: "2026-11-02",
      basisObtainedBy: member("coordinator@riverside.example").personId,
    });
    const foreign = await chair.post(casePage(code), fields(eastportBasis));
    expect(foreign.status).toBe(409);
    expect(visibleText(await foreign.text())).toContain("That basis is not (or no longer) listed by the network.");
    expect(await stateOf(code)).toEqual({ state: "none" });

    expect((await chair.post(casePage(code), fields(listed.id))).status).toBe(200);
    expect(await page(chair, casePage(code))).toContain(
      "Consent not sought: basis Child protection duty (Children Act 1989 s.47; Order 2026/14)",
    );

    // A retired basis is no longer offered, but the case keeps what it was recorded on.
    expect(
      (await coordinator.post(`/n/${app.net.networkId}/settings`, { intent: "basis-retire", basisId: listed.id }))
        .status,
    ).toBe(200);
    expect((await chair.post(casePage(caseCode(3)), fields(listed.id))).status).toBe(409);
    expect(await stateOf(code)).toMatchObject({ state: "not_sought", basis: "Child protection duty" });
    // Another network's coordinator cannot retire or add ours.
    expect(
      (
        await coordinator.post(`/n/${app.secondTenant.networkId}/settings`, {
          intent: "basis-retire",
          basisId: eastportBasis,
        })
      ).status,
    ).toBe(404);
  });
});

describe("withdrawal", () => {
  let meetingScreens: Screen[] = [];
  afterAll(() => meetingScreens.forEach((sc) => sc.s.disconnect()));

  it("is a recorded, audited event on the case file, and only consent can be withdrawn", async () => {
    const code = caseCode(4);
    const c = (await app.services.caseRegister.findByCode(app.net.networkId, code))!;
    await app.services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, c, [
      member("social@riverside.example").agencyId,
    ]);
    const recorded = await app.services.sharingBasis.record(actor("social@riverside.example"), c, {
      basis: "person_consent",
      listedBasisId: null,
      caseReference: null,
      obtainedOn: "2026-09-14",
      obtainedBy: member("social@riverside.example").personId,
    });
    expect(recorded.ok).toBe(true);

    const future = await social.post(casePage(code), { intent: "withdraw", withdrawnOn: "2999-01-01" });
    expect(future.status).toBe(409);
    expect(await stateOf(code)).toEqual({ state: "consent", by: "person", on: "2026-09-14" });

    const withdrawn = await social.post(casePage(code), {
      intent: "withdraw",
      withdrawnOn: "2026-11-20",
      note: "Told the social worker by phone.",
    });
    expect(withdrawn.status).toBe(200);
    expect(await stateOf(code)).toEqual({ state: "withdrawn", by: "person", on: "2026-11-20" });
    const file = await page(social, casePage(code));
    expect(file).toContain(`Consent withdrawn ${day("2026-11-20")} (given by the person)`);
    expect(file).toContain("Share nothing new about this case until a basis is recorded again.");
    expect(file).toContain("Told the social worker by phone.");
    const audited = (await auditOf("case.consent_withdrawn")).filter((e) => e.subjectId === c.id);
    expect(audited.map((e) => e.details)).toEqual([{ code, basis: "person_consent", on: "2026-11-20" }]);

    const again = await social.post(casePage(code), { intent: "withdraw", withdrawnOn: "2026-11-21" });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain("There is no consent on record to withdraw.");
    expect((await auditOf("case.consent_withdrawn")).filter((e) => e.subjectId === c.id)).toHaveLength(1);
  });

  it("shows on the next agenda, in full only to those who see the case in full", async () => {
    const code = caseCode(4);
    const { id: meetingId } = await app.services.meetings.schedule(
      actor("coordinator@riverside.example"),
      app.net.networkId,
      {
        title: "Next monthly conference",
        startsAt: new Date(Date.now() + 60 * 60_000),
        place: null,
        callLink: null,
      },
    );
    const [runner, involved, uninvolved, guest] = (meetingScreens = await Promise.all(
      [
        "chair@riverside.example",
        "social@riverside.example",
        "police@riverside.example",
        "youth@riverside.example",
      ].map((email) => screen(app.server, meetingId, email)),
    ));
    const itemOf = (sc: Screen) => sc.snapshot?.agenda.find((i) => i.caseCode === code);
    const item = itemOf(runner)!;
    expect(item).toMatchObject({ section: "checkins", reason: "consent_withdrawn", access: "full" });
    expect(itemOf(involved)).toMatchObject({ reason: "consent_withdrawn", access: "full" });
    // The police are not involved: the case by code and summary, and no word of consent.
    expect(itemOf(uninvolved)).toMatchObject({ reason: "check_in_due", access: "summary" });
    expect(JSON.stringify(uninvolved.snapshot)).not.toContain("consent_withdrawn");
    // The guest is invited to nothing here.
    expect(guest.snapshot === null || itemOf(guest) === undefined).toBe(true);
    expect(JSON.stringify(guest.snapshot ?? guest.joinAck)).not.toContain("consent_withdrawn");

    const full = await detail(runner, meetingId, item.id);
    expect(full.data?.sharingBasis).toEqual({ state: "withdrawn", by: "person", on: "2026-11-20" });
    expect((await detail(involved, meetingId, item.id)).data?.sharingBasis).toMatchObject({ state: "withdrawn" });
    const summary = await detail(uninvolved, meetingId, item.id);
    expect(summary.data?.caseCode).toBe(code);
    expect(summary.data?.sharingBasis ?? null).toBeNull();
    const guestDetail = await detail(guest, meetingId, item.id);
    expect(guestDetail.data?.sharingBasis ?? null).toBeNull();
  });
});

describe("need to know", () => {
  it("an uninvolved member, a guest and another network's chair can neither see nor change it", async () => {
    const code = caseCode(4);
    const before = await stateOf(code);
    const changes = async () =>
      (await auditOf("case.sharing_basis_recorded")).length + (await auditOf("case.consent_withdrawn")).length;
    const changesBefore = await changes();
    const outsiders = [
      await app.signIn("police@riverside.example"),
      await app.signIn("youth@riverside.example"),
      await app.signIn(app.secondTenant.chairEmail),
    ];
    for (const v of outsiders) {
      const file = await v.get(casePage(code));
      expect(file.status).toBe(404);
      expect(await file.text()).not.toContain("Consent withdrawn");
      for (const fields of [
        {
          intent: "basis",
          basis: "person_consent",
          basisObtainedOn: "2026-11-25",
          basisObtainedBy: member("police@riverside.example").personId,
        },
        { intent: "withdraw", withdrawnOn: "2026-11-25" },
      ] as Record<string, string>[])
        expect((await v.post(casePage(code), fields)).status).toBe(404);
    }
    expect(await stateOf(code)).toEqual(before);
    expect(await changes()).toBe(changesBefore);
  });
});

describe("the action plan PDF", () => {
  it.skipIf(!pdfToolsAvailable)("says on what basis the case's information is shared", async () => {
    await planWithPoliceAction(app.services, app.net);
    const c = (await seededCase(app.services, app.net.networkId, 3))!;
    await app.services.sharingBasis.record(actor("coordinator@riverside.example"), c, {
      basis: "person_consent",
      listedBasisId: null,
      caseReference: null,
      obtainedOn: "2026-10-02",
      obtainedBy: member("police@riverside.example").personId,
    });
    const doc = await app.services.documents.actionPlanPdf(c, "en");
    const text = pdfText(doc!.pdf).replace(/\s+/g, " ");
    expect(text).toContain("Information shared on");
    expect(text).toContain("Consent given 2 October 2026 by the person");
  });
});
