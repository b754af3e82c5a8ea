import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PEOPLE } from "../../server/demo/seed.ts";
import { seedDemoHistory } from "../../server/demo/history.ts";
import { seedDemoStory } from "../../server/demo/story.ts";
import { toCsv } from "../../server/evaluation/csv.ts";
import { EVALUATION_EXPORTS } from "../../app/contract/evaluationExports.ts";
import { auditEntries } from "../support/audit.ts";
import { useTestServer } from "../support/harness.ts";

// Issue 14, rule 4: the evaluation page draws its figures as charts with tables beside
// them, every figure and the register (codes only) download as CSV, every export is
// audited, and nothing names a person.
const app = useTestServer({ secondTenant: true });
const report = () => `/n/${app.net.networkId}/report`;
const exports = async () => (await auditEntries(app.services, app.net.networkId, "evaluation.exported")).length;

beforeAll(async () => {
  await seedDemoStory(app.services, app.net.networkId);
  await seedDemoHistory(app.services, app.net.networkId);
});

describe("the evaluation of a year's work", () => {
  it("counts the demo's year: stages month by month, time in each stage, routings, grades, goals, closures, minutes", async () => {
    const e = await app.services.evaluation.figures(app.net.networkId);
    expect(e.stagesOverTime).toHaveLength(12);
    // The last month is today: the same counts as the register holds now.
    expect(e.stagesOverTime.at(-1)!.counts).toEqual(e.stagesToday);
    // A year ago the network's first historical cases had only just come in.
    const open = (m: (typeof e.stagesOverTime)[number]) => m.counts.signal + m.counts.assessment + m.counts.active;
    expect(open(e.stagesOverTime[0])).toBeLessThan(open(e.stagesOverTime[6]));
    for (const stage of ["signal", "assessment", "active"] as const) {
      const s = e.timeInStage.find((x) => x.stage === stage)!;
      expect(s.stays).toBeGreaterThan(0);
      expect(s.q1!).toBeLessThanOrEqual(s.median!);
      expect(s.median!).toBeLessThanOrEqual(s.q3!);
    }
    const signalsInPeriod = e.quarters.reduce((n, q) => n + q.signals, 0);
    expect(e.signalsByRouting.reduce((n, r) => n + r.signals, 0)).toBe(signalsInPeriod);
    expect(e.signalsBySourceGrade.reduce((n, g) => n + g.signals, 0)).toBe(signalsInPeriod);
    expect(e.signalsByRouting.find((r) => r.routing === "take_into_maw")!.signals).toBeGreaterThan(5);
    expect(e.quarters.reduce((n, q) => n + q.goalsAttained, 0)).toBeGreaterThan(0);
    expect(e.quarters.reduce((n, q) => n + q.closures, 0)).toBeGreaterThan(0);
    expect(e.quarters.reduce((n, q) => n + q.reopenings, 0)).toBeGreaterThan(0);
    // Eleven monthly meetings; two sets of minutes went out after three working days.
    expect(e.quarters.reduce((n, q) => n + q.meetingsEnded, 0)).toBe(11);
    expect(e.quarters.reduce((n, q) => n + q.minutesLate, 0)).toBe(2);
    expect(e.quarters.reduce((n, q) => n + q.minutesOnTime, 0)).toBe(9);
  });

  it("draws each figure as an SVG chart with a text alternative and the table beside it, naming no case and no person", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const res = await chair.get(report());
    expect(res.status).toBe(200);
    // The page's own content: the header names the person signed in.
    const html = (await res.text()).split("<h1")[1].split("</main>")[0];
    expect(html.match(/<svg[^>]*role="img"/g)?.length).toBe(8);
    expect(html.match(/<title id=/g)?.length).toBe(8);
    expect(html.match(/<desc id=/g)?.length).toBe(8);
    expect(html.match(/<table>/g)?.length).toBe(8);
    expect(html).not.toMatch(/C-\d{4}-\d{4}/);
    for (const p of DEMO_PEOPLE) expect(html).not.toContain(p.name.replace("'", "&#x27;"));
    expect(html).toContain("Download the register (case codes only) as CSV");
  });

  it("downloads every figure as CSV, each download audited without its content", async () => {
    const member = await app.signIn("police@riverside.example");
    for (const figure of EVALUATION_EXPORTS.filter((f) => f !== "register")) {
      const before = await exports();
      const res = await member.get(`${report()}/csv/${figure}`);
      expect(res.status, figure).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`attachment; filename="casetable-${figure}-`));
      expect(res.headers.get("cache-control")).toContain("no-store");
      const rows: string[][] = parse(await res.text());
      expect(rows.length, figure).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.length)).size, figure).toBe(1);
      expect(await exports()).toBe(before + 1);
    }
    const last = (await auditEntries(app.services, app.net.networkId, "evaluation.exported")).at(-1)!;
    expect(JSON.parse(last.details)).toEqual({ what: "quarters", rows: expect.any(Number) });
  });

  it("gives the register, codes only, to those who run it; a member, a guest and another network get nothing", async () => {
    const chair = await app.signIn("chair@riverside.example");
    const res = await chair.get(`${report()}/csv/register`);
    expect(res.status).toBe(200);
    const [header, ...lines] = parse(await res.text()) as string[][];
    expect(header).toEqual([
      "code",
      "stage",
      "outcome",
      "opened_on",
      "signals",
      "agencies_involved",
      "last_decision_on",
    ]);
    expect(lines.length).toBeGreaterThan(30);
    for (const l of lines) expect(l[0]).toMatch(/^C-\d{4}-\d{4}$/);

    const before = await exports();
    const member = await app.signIn("police@riverside.example");
    expect((await member.get(`${report()}/csv/register`)).status).toBe(403);
    expect((await member.get(report())).status).toBe(200);
    expect(await (await member.get(report())).text()).not.toContain("Download the register");
    const guest = await app.signIn("youth@riverside.example");
    expect((await guest.get(`${report()}/csv/stages`)).status).toBe(403);
    expect((await guest.get(report())).status).toBe(403);
    const eastport = await app.signIn(app.secondTenant.chairEmail);
    expect((await eastport.get(`${report()}/csv/register`)).status).toBe(404);
    expect((await eastport.get(`${report()}/csv/stages`)).status).toBe(404);
    expect((await chair.get(`${report()}/csv/identities`)).status).toBe(404);
    expect(await exports()).toBe(before);
  });

  it("never lets a cell run as a spreadsheet formula", () => {
    const csv = toCsv({
      header: ["name"],
      rows: [['=HYPERLINK("http://evil.example")'], ["+1"], ["-2"], ["@SUM(A1)"]],
    });
    const cells = (parse(csv) as string[][]).slice(1).map((r) => r[0]);
    for (const c of cells) expect(c).toMatch(/^'/);
  });
});
