import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverTranslations } from "../../app/locales/languages.ts";
import { days } from "../../app/contract/time.ts";
import { toLocalInput } from "../../app/contract/localTime.ts";
import type { Language } from "../../app/contract/vocabulary.ts";
import { useTestServer } from "../support/harness.ts";
import { closedMeeting, deliveriesSettled, useSmtpServer } from "../support/minutes.ts";

// Issue 15: each recipient's mail and calendar entry come in their language (the one they
// chose, else the network's), with dates in that language and the network's time zone,
// through a real SMTP server; the calendar's structure (UID, SEQUENCE, METHOD) is the same
// in every language.

const smtp = useSmtpServer();
const app = useTestServer({ env: () => ({ SMTP_URL: smtp.url }) });
const person = (email: string) => app.net.members.find((m) => m.email === email)!;

type Tree = { readonly [key: string]: string | Tree };
const words = (tree: Tree): string[] =>
  Object.values(tree).flatMap((v) =>
    typeof v === "string" ? (v.replace(/\{\{[^}]*\}\}/g, " ").match(/\p{L}{4,}/gu) ?? []) : words(v),
  );
/** A language's names of the days and months, as Intl writes them. */
function calendarWords(locale: string): string[] {
  const day = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return [
    ...Array.from({ length: 7 }, (_, i) => day.format(Date.UTC(2026, 0, 5 + i))),
    ...Array.from({ length: 12 }, (_, i) => month.format(Date.UTC(2026, i, 15))),
  ];
}

/**
 * The English words of the mail namespace (and English day and month names) left in a
 * text, once the values Casetable fills in (names, titles, links) are taken out; words a
 * language shares with English ("Casetable", "version") do not count.
 */
function englishLeft(text: string, language: Language, filledIn: string[]): string[] {
  const own = new Set(
    [...words(serverTranslations[language].mail), ...calendarWords(language)].map((w) => w.toLowerCase()),
  );
  const english = new Set(
    [...words(serverTranslations.en.mail), ...calendarWords("en-GB")]
      .map((w) => w.toLowerCase())
      .filter((w) => !own.has(w)),
  );
  const rest = filledIn.reduce((t, value) => t.split(value).join(" "), text.replace(/https?:\/\/\S+/g, " "));
  return (rest.match(/\p{L}+/gu) ?? []).filter((w) => english.has(w.toLowerCase()));
}

/** The calendar message attached to a mail, parsed with ical.js. */
function calendarOf(mail: ParsedMail, contentType = "text/calendar") {
  const part = mail.attachments.find((a) => a.contentType === contentType);
  expect(part, "a calendar part").toBeDefined();
  const calendar = new ICAL.Component(ICAL.parse(part!.content.toString("utf8")));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    event: new ICAL.Event(vevent),
    description: String(vevent.getFirstPropertyValue("description") ?? ""),
    filename: part!.filename,
  };
}

async function received(match: (r: (typeof smtp.received)[number]) => boolean, count: number) {
  for (const until = Date.now() + 30_000; smtp.received.filter(match).length < count && Date.now() < until;)
    await new Promise((done) => setTimeout(done, 50));
  const got = smtp.received.filter(match);
  expect(got).toHaveLength(count);
  return got;
}

let m: Awaited<ReturnType<typeof closedMeeting>>;
let networkName: string;
beforeAll(async () => {
  networkName = (await app.services.networks.get(app.net.networkId))!.name;
  // The police officer reads Dutch, the school French, mental health English; everyone
  // else chose nothing and gets the network's language, German.
  await app.services.accounts.setLanguage(person("police@riverside.example").personId, "nl");
  await app.services.accounts.setLanguage(person("school@riverside.example").personId, "fr");
  await app.services.accounts.setLanguage(person("health@riverside.example").personId, "en");
  const admin = { personId: person("coordinator@riverside.example").personId, ip: null };
  expect(await app.services.networks.setLanguage(admin, app.net.networkId, "de")).toBe(true);
  m = await closedMeeting(app.server, app.net);
}, 90_000);
afterAll(() => m?.close());

describe("mail in each recipient's language", () => {
  let meetingId: string;
  const invitationTo = (email: string) =>
    received(
      (r) =>
        r.envelopeTo.includes(email) &&
        r.mail.attachments.some((a) => a.content.toString("utf8").includes(`meeting-${meetingId}@casetable`)),
      1,
    ).then(([r]) => r.mail);

  it("a Dutch member gets a Dutch invitation, its calendar entry in Dutch with the UID and SEQUENCE every copy has", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const body = new URLSearchParams({
      title: "Extra overleg",
      startsAt: toLocalInput(new Date(Date.now() + days(9)), "Europe/Amsterdam").slice(0, 10) + "T14:00",
      place: "Stadhuis, zaal 2",
      callLink: "https://call.example/extra",
    });
    for (const email of ["police@riverside.example", "health@riverside.example", "school@riverside.example"])
      body.append("invitees", person(email).personId);
    const res = await coordinator.request("POST", `/n/${app.net.networkId}/meetings/new`, body, { origin: app.url });
    expect(res.status).toBe(302);
    meetingId = res.headers.get("location")!.split("/meetings/")[1].split("/")[0];

    const dutch = await invitationTo("police@riverside.example");
    const english = await invitationTo("health@riverside.example");
    const german = await invitationTo("chair@riverside.example");
    expect(dutch.subject).toMatch(/^Uitnodiging: Extra overleg, \p{L}+dag \d+ \p{L}+ \d{4}$/u);
    expect(dutch.text).toContain("Beste Jonas Becker,");
    expect(dutch.text).toContain("  Ik ben aanwezig: http");
    expect(dutch.text).toContain("Link om online deel te nemen: https://call.example/extra");
    const names = ["Jonas Becker", "Extra overleg", "Stadhuis, zaal 2", networkName, "Europe/Brussels"];
    expect(englishLeft(`${dutch.subject}\n${dutch.text}`, "nl", names)).toEqual([]);
    // The check sees English where there is some: the English copy of the same invitation.
    expect(englishLeft(`${english.subject}\n${english.text}`, "nl", names).length).toBeGreaterThan(10);

    const nl = calendarOf(dutch);
    expect(nl.event.summary).toBe(`Casusoverleg ${networkName}: Extra overleg`);
    expect(nl.description).toBe("Link om online deel te nemen: https://call.example/extra");
    const en = calendarOf(english);
    expect(en.event.summary).toBe(`Case conference ${networkName}: Extra overleg`);
    expect(calendarOf(german).event.summary).toBe(`Fallkonferenz ${networkName}: Extra overleg`);
    expect(german.subject).toMatch(/^Einladung: Extra overleg, /);
    // The language changes the words, not the calendar: the same UID, SEQUENCE, METHOD and times.
    for (const key of ["uid", "sequence"] as const) expect(nl.event[key]).toEqual(en.event[key]);
    expect(nl.event.uid).toBe(`meeting-${meetingId}@casetable`);
    expect(nl.event.sequence).toBe(0);
    expect(nl.method).toBe("REQUEST");
    expect(nl.event.startDate.toJSDate()).toEqual(en.event.startDate.toJSDate());
    expect(nl.event.endDate.toJSDate()).toEqual(en.event.endDate.toJSDate());
    expect(english.text).toContain("Dear ");
    expect(english.text).toContain("  I will attend: http");
  });

  it("a member who changes their language gets the next mail in it", async () => {
    await app.services.accounts.setLanguage(person("police@riverside.example").personId, "fr");
    const coordinator = await app.signIn("coordinator@riverside.example");
    const res = await coordinator.post(`/n/${app.net.networkId}/meetings/${meetingId}/change`, {
      intent: "cancel",
      confirm: "on",
    });
    expect(res.status).toBe(200);
    const [cancelled] = await received(
      (r) => r.envelopeTo.includes("police@riverside.example") && !!r.mail.subject?.startsWith("Annulée"),
      1,
    );
    const fr = calendarOf(cancelled.mail);
    expect(fr.method).toBe("CANCEL");
    expect(fr.event.uid).toBe(`meeting-${meetingId}@casetable`);
    expect(fr.event.summary).toBe(`Concertation de cas ${networkName}\u00a0: Extra overleg`);
    expect(cancelled.mail.text).toContain("L'entrée d'agenda jointe la retire de votre agenda.");
    await app.services.accounts.setLanguage(person("police@riverside.example").personId, "nl");
  });

  it("the overdue-minutes reminder goes in the network's language to whoever chose none", async () => {
    expect(await app.services.minutes.deadlines.remindOverdue(new Date(Date.now() + days(10)))).toBe(2);
    const reminders = await received((r) => !!r.mail.subject?.includes("] Protokoll überfällig: "), 2);
    for (const { mail } of reminders) {
      expect(mail.text).toMatch(/^Guten Tag /);
      expect(mail.text).toContain("ist noch nicht vom Vorsitz genehmigt.");
      const names = ["Monthly case conference", networkName, "RESTRICTED", mail.text!.split("\n")[0]];
      expect(englishLeft(`${mail.subject}\n${mail.text}`, "de", names)).toEqual([]);
    }
  });

  it("a French member gets a French minutes notice, with the next meeting's calendar entry in French", async () => {
    const coordinator = await app.signIn("coordinator@riverside.example");
    const settings = `/n/${app.net.networkId}/settings`;
    expect((await coordinator.post(settings, { intent: "minutes", dueDays: "3", delivery: "link" })).status).toBe(200);
    const chair = await app.signIn("chair@riverside.example");
    const base = `/n/${app.net.networkId}/meetings/${m.meetingId}/minutes`;
    expect((await chair.post(base, { intent: "approve" })).status).toBe(200);
    expect((await coordinator.post(base, { intent: "distribute" })).status).toBe(200);
    await deliveriesSettled(app.server, m.meetingId);

    const [school] = await received(
      (r) => r.envelopeTo.includes("school@riverside.example") && !!r.mail.subject?.includes("Procès-verbal"),
      1,
    );
    const { mail } = school;
    // The network set no marking of its own, so the copy carries French's default marking.
    expect(mail.subject).toBe("[DIFFUSION RESTREINTE] Procès-verbal\u00a0: Monthly case conference");
    expect(mail.text).toMatch(/^Bonjour /);
    expect(mail.text).toContain(`${app.url}${base}.pdf?version=1`);
    expect(mail.text).toContain("Votre téléchargement vaut accusé de réception.");
    expect(mail.text).toMatch(/La prochaine réunion aura lieu le \p{L}+ \d+ \p{L}+ \d{4}, \d\d:\d\d/u);
    for (const secret of [m.codes.case3, m.codes.case5]) expect(mail.text).not.toContain(secret);
    const names = ["Monthly case conference", networkName, "RESTRICTED", mail.text!.split("\n")[0]];
    const { store } = app.services.database;
    const { t } = store;
    const next = await store.db
      .select({ place: t.meetings.place })
      .from(t.meetings)
      .where(and(ne(t.meetings.id, m.meetingId), eq(t.meetings.status, "scheduled")));
    names.push(...next.flatMap((n) => (n.place ? [n.place] : [])));
    expect(englishLeft(`${mail.subject}\n${mail.text}`, "fr", names)).toEqual([]);

    const ics = calendarOf(mail, "text/calendar");
    expect(ics.filename).toBe("prochaine-reunion.ics");
    expect(ics.method).toBe("PUBLISH");
    expect(ics.event.summary).toBe(`Concertation de cas ${networkName}`);
    expect(ics.event.uid).toBe(`next-${m.meetingId}@casetable`);

    const [police] = await received(
      (r) => r.envelopeTo.includes("police@riverside.example") && !!r.mail.subject?.includes("Verslag"),
      1,
    );
    expect(police.mail.text).toContain("Log in om uw eigen exemplaar te downloaden:");
    expect(police.mail.text).toContain(`${app.url}${base}#action-plans`);
  });
});
