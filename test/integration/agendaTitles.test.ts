import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { AgendaList } from "../../app/components/meeting/AgendaList.tsx";
import type { Language } from "../../app/contract/vocabulary.ts";
import { i18n } from "../../app/i18n.ts";
import { speakEveryLanguage } from "../../app/locales/languages.ts";
import { CLOSURE_DIR, closureTemplate } from "../../server/cases/closureTemplate.ts";
import { createMeetingViews } from "../../server/meetings/meetingViews.ts";
import { useTestServer } from "../support/harness.ts";
import { prepareMeeting } from "../support/meetings.ts";

// Issue 15: an agenda holds what each item is and its case code, not words; each reader's
// screen words the titles in its language. The agenda is built by scheduling, as the
// network does, and read back through the room's own list.

const app = useTestServer();
speakEveryLanguage(i18n);

/** The room's agenda list as a reader in `language` sees it. */
async function agendaIn(language: Language, meetingId: string): Promise<string> {
  const { store } = app.services.database;
  const agenda = await createMeetingViews(store).itemViews(store.db, meetingId);
  const t = i18n.cloneInstance({ lng: language });
  return renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: t },
      createElement(AgendaList, { agenda, currentItemId: null, plannedEnd: "" }),
    ),
  )
    .replace(/<[^>]+>/g, "")
    .replaceAll("&#x27;", "'");
}

const TITLES: Record<Language, (signal: string, closing: string) => string[]> = {
  en: (signal, closing) => [
    "Opening: attendance, apologies, confidentiality statement",
    `Signal ${signal}`,
    "Check-in C-",
    `Closure proposal ${closing}`,
    "Any other business and the date of the next meeting",
  ],
  nl: (signal, closing) => [
    "Opening: aanwezigheid, afmeldingen, vertrouwelijkheidsverklaring",
    `Signaal ${signal}`,
    "Opvolgmoment C-",
    `Voorstel tot afsluiting ${closing}`,
    "Rondvraag en datum van het volgende overleg",
  ],
  fr: (signal, closing) => [
    "Ouverture\u00a0: présences, excusés, déclaration de confidentialité",
    `Signalement ${signal}`,
    "Point d'étape C-",
    `Proposition de clôture ${closing}`,
    "Divers et date de la prochaine réunion",
  ],
  de: (signal, closing) => [
    "Eröffnung: Anwesenheit, Absagen, Vertraulichkeitserklärung",
    `Hinweis ${signal}`,
    "Überprüfung C-",
    `Abschlussvorschlag ${closing}`,
    "Verschiedenes und Termin der nächsten Sitzung",
  ],
};

let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
beforeAll(async () => {
  // Scheduled while the network speaks French; it changes to German afterwards.
  const coordinator = app.net.members.find((m) => m.email === "coordinator@riverside.example")!;
  await app.services.networks.setLanguage({ personId: coordinator.personId, ip: null }, app.net.networkId, "fr");
  prepared = await prepareMeeting(app.services, app.net);
  await app.services.networks.setLanguage({ personId: coordinator.personId, ip: null }, app.net.networkId, "de");
});

describe("agenda item titles", () => {
  it("are stored as what the item is and read in each reader's language, none left in English", async () => {
    const signal = (await app.services.caseRegister.get(prepared.signal.caseId))!.code;
    const english = TITLES.en(signal, prepared.closingCode);
    for (const language of ["en", "nl", "fr", "de"] as const) {
      const text = await agendaIn(language, prepared.meetingId);
      for (const title of TITLES[language](signal, prepared.closingCode)) expect(text, language).toContain(title);
      if (language !== "en") for (const title of english) expect(text, language).not.toContain(title);
    }
  });
});

describe("templates per language", () => {
  it("record the network's language with the meeting when it is scheduled; its minutes keep the closure questions in it", async () => {
    const { store } = app.services.database;
    const [meeting] = await store.db.select().from(store.t.meetings).where(eq(store.t.meetings.id, prepared.meetingId));
    expect(meeting.language).toBe("fr");
    const closure = (await app.services.minutes.model(prepared.meetingId))!.items.find(
      (i) => i.caseCode === prepared.closingCode,
    )!.closure!;
    expect(closure.checklist[0].question).toBe("Les objectifs du plan d'action sont-ils atteints\u00a0?");
  });

  it("are refused when a language is missing, with the file named", () => {
    const template = JSON.parse(readFileSync(join(CLOSURE_DIR, "default.json"), "utf8")) as {
      items: { question: Record<string, string> }[];
    };
    delete template.items[0].question.de;
    const dir = mkdtempSync(join(tmpdir(), "casetable-closure-"));
    writeFileSync(join(dir, "partial.json"), JSON.stringify(template));
    expect(() => closureTemplate("partial", dir)).toThrow(/partial\.json is not valid.*de/s);
  });
});
