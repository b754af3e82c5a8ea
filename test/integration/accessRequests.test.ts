import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoStory } from "../../server/demo/story.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";
import { pdfCatalog, pdfText, pdfToolsAvailable, qpdfCheck } from "../support/pdfTools.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { createCaseExport } from "../../server/access/caseExport.ts";
import { renderAccessExportPdf } from "../../server/documents/accessExportPdf.ts";
import { everyStoredValue } from "../support/storeTables.ts";

// Issue 13, rule 7: a person's requests about their case. The coordinator asks, another
// person holding the accountable officer's task confirms; the export holds that case and
// nothing of another; a restriction hides the case; an erasure removes it and the audit
// chain still verifies. Tried as an attacker would: another network, an uninvolved
// member, a guest, the asker confirming their own request, a demoted coordinator.

const app = useTestServer({ secondTenant: true });
const page = () => `/n/${app.net.networkId}/access-requests`;

interface CaseFacts {
  id: string;
  code: string;
  name: string;
}
let cases: CaseFacts[] = [];

beforeAll(async () => {
  const { services, net } = app;
  await seedDemoStory(services, net.networkId);
  const chair = { personId: net.byRole("chair").personId, ip: null };
  const { db, t } = services.database.store;
  const withIdentity = await db.select({ caseId: t.caseSubjects.caseId }).from(t.caseSubjects);
  cases = [];
  for (const { caseId } of withIdentity) {
    const c = (await services.caseRegister.get(caseId))!;
    cases.push({ id: c.id, code: c.code, name: (await services.caseRegister.viewIdentity(chair, c))!.name });
  }
  // The richest case first: the one with most decisions and a plan.
  const weight = new Map<string, number>();
  for (const { id } of cases)
    weight.set(
      id,
      (await db.select().from(t.decisions).where(eq(t.decisions.caseId, id))).length +
        10 * (await db.select().from(t.planVersions).where(eq(t.planVersions.caseId, id))).length,
    );
  cases.sort((a, b) => weight.get(b.id)! - weight.get(a.id)!);
  expect(cases.length).toBeGreaterThanOrEqual(3);
});

async function ask(code: string, kind: string, who = "coordinator@riverside.example") {
  const visitor = await app.signIn(who);
  const res = await visitor.post(page(), { intent: "ask", code, kind });
  const request = (await app.services.accessRequests.list(app.net.networkId)).find(
    (r) => r.code === code && r.kind === kind && r.status === "open",
  );
  return { res, request, visitor };
}

async function answer(who: string, requestId: string, intent = "confirm", path = page()) {
  const visitor = await app.signIn(who);
  return visitor.post(path, { intent, requestId });
}

describe.skipIf(!pdfToolsAvailable)("an access request's export in each language", () => {
  // Our words in the network's language, none left in English; page images to look at.
  const THEIRS: Record<Exclude<Language, "en">, string[]> = {
    nl: ["Wat over de betrokkene van casus", "Identiteit", "Casusdossier", "Signalen", "Besluiten", "Pagina 1 van"],
    fr: ["Ce qui est conservé sur la personne du cas", "Identité", "Dossier du cas", "Signalements", "Page 1 sur"],
    de: ["Was über die Person des Falls", "Identität", "Fallakte", "Hinweise", "Beschlüsse", "Seite 1 von"],
  };
  const ENGLISH = ["What is held about", "Identity", "Case file", "Signals", "Decisions", "Exported", "Confirmed by"];
  it.each(["nl", "fr", "de"] as const)("%s: its words, not English", async (language) => {
    const { database, keyring, notes } = app.services;
    const held = await createCaseExport({
      store: database.store,
      keyring,
      readNotes: (doc) => notes.readNotes(doc),
    }).gather(cases[0].id);
    const pdf = await renderAccessExportPdf(held, {
      askedBy: "Ann",
      confirmedBy: "Bo",
      exportedAt: new Date("2030-03-16T09:00:00Z"),
      language,
      locale: "en-GB",
      timeZone: "Europe/Brussels",
    });
    const text = pdfText(pdf).replace(/\s+/g, " ");
    for (const word of THEIRS[language]) expect(text, word).toContain(word);
    for (const word of ENGLISH) expect(text, word).not.toContain(word);
    expect(pdfCatalog(pdf)).toMatch(new RegExp(`/Lang \\(${language}[-)]`));
    const dir = join(tmpdir(), "casetable-access-export");
    mkdirSync(dir, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", "-", join(dir, language)], { input: pdf });
  });
});

describe("an access request's export", () => {
  it("is asked by the coordinator, confirmed by the accountable officer, and holds the case and nothing of another", async () => {
    const [mine, ...others] = cases;
    const { res, request, visitor: coordinator } = await ask(mine.code, "export");
    expect(res.status).toBe(200);
    expect(request).toMatchObject({ status: "open", kind: "export" });

    // Nothing to download before the accountable officer confirms.
    expect((await coordinator.get(`${page()}/${request!.id}/export`)).status).toBe(404);
    // The coordinator cannot confirm what they asked (they are not the accountable officer).
    expect((await answer("coordinator@riverside.example", request!.id)).status).toBe(403);
    expect((await answer("chair@riverside.example", request!.id)).status).toBe(200);
    expect((await app.services.accessRequests.get(app.net.networkId, request!.id))!.status).toBe("confirmed");

    const download = await coordinator.get(`${page()}/${request!.id}/export`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/zip");
    expect(download.headers.get("cache-control")).toContain("no-store");
    const files = unzipSync(new Uint8Array(await download.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([`${mine.code}.pdf`, "data.json"]);
    const json = strFromU8(files["data.json"]);
    const held = JSON.parse(json);
    expect(held.case.code).toBe(mine.code);
    expect(held.identity.name).toBe(mine.name);
    expect(held.decisions.length).toBeGreaterThan(0);
    expect(held.decisions.every((d: { views: unknown[] }) => Array.isArray(d.views))).toBe(true);
    expect(held.plans.length).toBeGreaterThan(0);
    // Nothing of another case: no code, no identity.
    for (const other of others) {
      expect(json).not.toContain(other.code);
      expect(json).not.toContain(other.name);
    }
    if (pdfToolsAvailable) {
      const pdf = Buffer.from(files[`${mine.code}.pdf`]);
      expect(qpdfCheck(pdf)).toContain("No syntax or stream encoding errors");
      const text = pdfText(pdf);
      expect(text).toContain(mine.code);
      expect(text).toContain(mine.name);
      for (const other of others) {
        expect(text).not.toContain(other.code);
        expect(text).not.toContain(other.name);
      }
    }

    // Each step audited, without content.
    const steps = (
      await Promise.all(
        ["access_request.asked", "access_request.confirmed", "access_request.exported"].map((a) =>
          auditEntries(app.services, app.net.networkId, a, mine.id),
        ),
      )
    ).flat();
    expect(steps).toHaveLength(3);
    const details = steps.map((e) => e.details).join("\n");
    expect(details).not.toContain(mine.name);
    expect(details).not.toContain(held.decisions[0].rationale);
  });

  it("refuses another network, an uninvolved member, a guest, the asker confirming their own request, and a demoted coordinator", async () => {
    const [, mine] = cases;
    const { request } = await ask(mine.code, "export");
    const id = request!.id;
    // Another network's chair: nothing of this network's page or request.
    const eastport = await app.signIn(app.secondTenant.chairEmail);
    expect((await eastport.get(page())).status).toBe(404);
    expect((await eastport.post(page(), { intent: "confirm", requestId: id })).status).toBe(404);
    // An id from this network, answered on another network's page: not found there.
    const eastportPage = `/n/${app.secondTenant.networkId}/access-requests`;
    const eastportOfficer = app.services.policy.handlesAccessRequests(
      { personId: "", isInstanceAdmin: false, memberships: {} },
      app.secondTenant.networkId,
    );
    expect(eastportOfficer).toBe(false);
    const crossed = await eastport.post(eastportPage, { intent: "confirm", requestId: id });
    expect([403, 404]).toContain(crossed.status);
    // An uninvolved member and a guest: no page, no asking, no answering.
    for (const who of ["police@riverside.example", "youth@riverside.example"]) {
      const visitor = await app.signIn(who);
      expect((await visitor.get(page())).status).toBe(403);
      expect((await visitor.post(page(), { intent: "ask", code: mine.code, kind: "erase" })).status).toBe(403);
      expect((await visitor.post(page(), { intent: "confirm", requestId: id })).status).toBe(403);
    }
    // The asker holding the accountable officer's task too still cannot confirm their own request.
    const { store } = app.services.database;
    const { memberships } = store.t;
    const coordinator = app.net.byRole("coordinator");
    const officerTask = (isAccountableOfficer: boolean) =>
      store.transaction((tx) =>
        tx
          .update(memberships)
          .set({ isAccountableOfficer })
          .where(and(eq(memberships.personId, coordinator.personId), eq(memberships.networkId, app.net.networkId))),
      );
    await officerTask(true);
    expect((await answer("coordinator@riverside.example", id)).status).toBe(403);
    await officerTask(false);
    expect((await app.services.accessRequests.get(app.net.networkId, id))!.status).toBe("open");

    // A coordinator demoted a second ago can neither ask nor withdraw nor open the page.
    const visitor = await app.signIn("coordinator@riverside.example");
    const admin = { personId: app.net.byRole("admin").personId, ip: null };
    const demoted = await app.services.members.change(admin, app.net.networkId, coordinator.id, {
      role: "member",
      agencyId: coordinator.agencyId,
      mandate: coordinator.mandate,
      isAccountableOfficer: false,
    });
    expect(demoted.ok).toBe(true);
    try {
      expect((await visitor.get(page())).status).toBe(403);
      expect((await visitor.post(page(), { intent: "withdraw", requestId: id })).status).toBe(403);
      expect((await visitor.post(page(), { intent: "ask", code: mine.code, kind: "erase" })).status).toBe(403);
    } finally {
      await store.transaction((tx) =>
        tx.update(memberships).set({ role: "coordinator" }).where(eq(memberships.id, coordinator.id)),
      );
    }
    // Nothing changed by any of it; every refusal is audited.
    expect((await app.services.accessRequests.get(app.net.networkId, id))!.status).toBe("open");
    expect((await app.services.accessRequests.list(app.net.networkId)).filter((r) => r.kind === "erase")).toEqual([]);
    expect((await auditEntries(app.services, app.net.networkId, "access.refused")).length).toBeGreaterThan(0);
  });
});

describe("restriction and erasure", () => {
  it("a restriction hides the case from all but the coordinator and the accountable officer until it is lifted", async () => {
    const [, , mine] = cases;
    const c = (await app.services.caseRegister.get(mine.id))!;
    const involved = app.net.members.find(
      (m) => m.role === "member" && c.scope.involvedAgencyIds.includes(m.agencyId),
    )!;
    const member = await app.signIn(involved.email);
    const casePage = `/n/${app.net.networkId}/cases/${mine.code}`;
    expect((await member.get(casePage)).status).toBe(200);

    const { request } = await ask(mine.code, "restrict");
    expect((await answer("chair@riverside.example", request!.id)).status).toBe(200);
    expect((await app.services.caseRegister.get(mine.id))!.restrictedAt).not.toBeNull();

    // The involved member no longer sees it, on its page or in the register.
    expect((await member.get(casePage)).status).not.toBe(200);
    expect(await (await member.get(`/n/${app.net.networkId}/cases`)).text()).not.toContain(mine.code);
    // The coordinator does, and the accountable officer; neither may change it.
    const coordinator = await app.signIn("coordinator@riverside.example");
    expect((await coordinator.get(casePage)).status).toBe(200);
    expect(await (await coordinator.get(`/n/${app.net.networkId}/cases`)).text()).toContain(mine.code);
    const restricted = (await app.services.caseRegister.get(mine.id))!;
    const viewer = (email: string) => {
      const m = app.net.members.find((x) => x.email === email)!;
      return {
        personId: m.personId,
        isInstanceAdmin: false,
        memberships: {
          [app.net.networkId]: { role: m.role, agencyId: m.agencyId, isAccountableOfficer: m.isAccountableOfficer },
        },
      };
    };
    const { canOnCase } = app.services.policy;
    expect(canOnCase(viewer("chair@riverside.example"), "case:view", restricted.scope)).toBe(true);
    expect(canOnCase(viewer("coordinator@riverside.example"), "plan:edit", restricted.scope)).toBe(false);
    expect(canOnCase(viewer(involved.email), "case:view", restricted.scope)).toBe(false);
    // No agenda takes it.
    const meeting = await app.services.meetings.schedule(
      { personId: app.net.byRole("coordinator").personId, ip: null },
      app.net.networkId,
      {
        title: "After the restriction",
        startsAt: new Date(Date.now() + 7 * 86_400_000),
        place: "Town hall",
        callLink: null,
      },
    );
    const agenda = await coordinator.get(`/n/${app.net.networkId}/meetings/${meeting.id}/agenda`);
    expect(agenda.status).toBe(200);
    expect(await agenda.text()).not.toContain(mine.code);
    expect((await auditEntries(app.services, app.net.networkId, "case.restricted", mine.id)).length).toBe(1);

    // Lifted (four eyes again): the member sees it again.
    const lift = await ask(mine.code, "lift");
    expect((await answer("chair@riverside.example", lift.request!.id)).status).toBe(200);
    expect((await member.get(casePage)).status).toBe(200);
  });

  it("an erasure removes the case's content and identity now, audited without content; the chain verifies", async () => {
    const [mine, ...others] = cases;
    const { store } = app.services.database;
    const { db, t } = store;
    const rationales = (await db.select().from(t.decisions).where(eq(t.decisions.caseId, mine.id)))
      .map((d) => d.rationale)
      .filter((r) => r.length > 20);
    expect(rationales.length).toBeGreaterThan(0);
    // The search finds them before the erasure, so finding none after means they are gone.
    const stored = await everyStoredValue(store);
    expect(rationales.every((r) => stored.includes(r))).toBe(true);
    const othersBefore = (await db.select().from(t.caseSubjects)).filter((s) => s.caseId !== mine.id);

    const { request } = await ask(mine.code, "erase");
    // Declined once: nothing happens.
    expect((await answer("chair@riverside.example", request!.id, "decline")).status).toBe(200);
    expect(await db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, mine.id))).toHaveLength(1);
    const again = await ask(mine.code, "erase");
    expect((await answer("chair@riverside.example", again.request!.id)).status).toBe(200);

    const erased = (await app.services.caseRegister.get(mine.id))!;
    expect(erased.contentPurgedAt).not.toBeNull();
    expect(erased.code).toBe(mine.code);
    expect(await db.select().from(t.caseSubjects).where(eq(t.caseSubjects.caseId, mine.id))).toEqual([]);
    expect(await db.select().from(t.planVersions).where(eq(t.planVersions.caseId, mine.id))).toEqual([]);
    // Gone from every table; on SQLite from the file's pages too (its free pages, its log).
    const left = await everyStoredValue(store);
    expect(rationales.filter((r) => left.includes(r))).toEqual([]);
    const { sqlite } = app.services.database;
    if (sqlite) {
      const bytes = Buffer.from(sqlite.sqlite.serialize());
      expect(rationales.filter((r) => bytes.includes(r))).toEqual([]);
    }
    expect((await db.select().from(t.caseSubjects)).filter((s) => s.caseId !== mine.id)).toEqual(othersBefore);
    expect(others.length).toBeGreaterThan(0);
    // Nothing more can be asked for it; the export confirmed earlier is no longer there.
    const refused = await ask(mine.code, "export");
    expect(await refused.res.text()).toContain("content has been erased");
    const earlier = (await app.services.accessRequests.list(app.net.networkId)).find(
      (r) => r.code === mine.code && r.kind === "export" && r.status === "confirmed",
    )!;
    expect((await refused.visitor.get(`${page()}/${earlier.id}/export`)).status).toBe(404);

    const entries = await auditEntries(app.services, app.net.networkId, "case.erased", mine.id);
    expect(entries).toHaveLength(1);
    expect(rationales.filter((r) => entries[0].details.includes(r))).toEqual([]);
    expect((await app.services.auditChain.verify()).intact).toBe(true);
  });
});
