import { eq, inArray } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { expect, it } from "vitest";
import { AgendaList } from "../../app/components/meeting/AgendaList.tsx";
import { i18n } from "../../app/i18n.ts";
import { speakEveryLanguage } from "../../app/locales/languages.ts";
import { seedDemo } from "../../server/demo/seed.ts";
import { createMeetingViews } from "../../server/meetings/meetingViews.ts";
import { useTestServer } from "../support/harness.ts";

// `npm run demo -- --lang nl` (its function, seedDemo with a language): the network, its
// people and its meetings speak Dutch, and what Casetable wrote of its own reads in Dutch.

const app = useTestServer({ seed: false });
speakEveryLanguage(i18n);

it("the demo seeded in Dutch: network, people and meetings in Dutch, the agenda worded in it", async () => {
  const { store } = app.services.database;
  const { agendaItems, meetings, memberships, networks, persons } = store.t;
  const { networkId, readyMeetingId } = await seedDemo(app.services, "a demo password that is long", {
    language: "nl",
  });
  const [network] = await store.db.select().from(networks).where(eq(networks.id, networkId));
  expect([network.language, network.locale]).toEqual(["nl", "nl-BE"]);
  const people = await store.db
    .select({ language: persons.language })
    .from(persons)
    .innerJoin(memberships, eq(memberships.personId, persons.id))
    .where(eq(memberships.networkId, networkId));
  expect(people.length).toBeGreaterThan(3);
  expect(new Set(people.map((p) => p.language))).toEqual(new Set(["nl"]));
  const held = await store.db.select().from(meetings).where(eq(meetings.networkId, networkId));
  expect(held.length).toBeGreaterThan(0);
  expect(new Set(held.map((m) => m.language))).toEqual(new Set(["nl"]));
  // No item holds English words of ours: each is worded from its kind.
  const items = await store.db
    .select()
    .from(agendaItems)
    .where(
      inArray(
        agendaItems.meetingId,
        held.map((m) => m.id),
      ),
    );
  expect(items.filter((i) => i.kind !== "own")).toEqual(items);

  const agenda = await createMeetingViews(store).itemViews(store.db, readyMeetingId);
  const text = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18n.cloneInstance({ lng: "nl" }) },
      createElement(AgendaList, { agenda, currentItemId: null, plannedEnd: "" }),
    ),
  );
  expect(text).toContain("Opening: aanwezigheid, afmeldingen, vertrouwelijkheidsverklaring");
  expect(text).toContain("Rondvraag en datum van het volgende overleg");
  expect(text).toMatch(/Signaal|Opvolgmoment|Voorstel tot afsluiting/);
  expect(text).not.toMatch(/Opening: attendance|Check-in C-|Signal C-|Closure proposal C-|Any other business/);
});
