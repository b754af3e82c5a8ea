import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { formatFullMoment, readerDateStyle } from "../../app/contract/dates.ts";
import { expectAccessible, screenshot, watchConsole } from "../support/browser.ts";
import { prepareMeeting } from "../support/meetings.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

// Issue 15: one meeting, two languages. The chair's account says Dutch, the police
// officer's French (decision 0037); each reads the room in their own language, and both
// see the same decision and the same task the moment they are recorded.
describe.skipIf(!chromium.available)("in the browser: a Dutch chair and a French participant", () => {
  let prepared: Awaited<ReturnType<typeof prepareMeeting>>;
  let chair: Page;
  let police: Page;
  const problems: string[] = [];
  const rationale = "Het plan loopt; de school meldt vooruitgang.";

  beforeAll(async () => {
    prepared = await prepareMeeting(app.services, app.net);
    await prepared.involvePolice();
    await app.services.accounts.setLanguage(prepared.member("chair@riverside.example").personId, "nl");
    await app.services.accounts.setLanguage(prepared.member("police@riverside.example").personId, "fr");
  });

  const roomUrl = () => `${app.url}/n/${app.net.networkId}/meetings/${prepared.meetingId}`;
  const currentHeading = (page: Page) => page.getByTestId("current-item").getByRole("heading", { level: 2 });

  async function enter(email: string, acceptLabel: string) {
    const page = await chromium.signInAs(email, { width: 1366, height: 768 });
    problems.push(...watchConsole(page));
    await page.goto(roomUrl());
    await page.getByRole("button", { name: acceptLabel }).click();
    await page.locator(".agenda-list").waitFor();
    return page;
  }

  it("each enters the room in their own language", async () => {
    chair = await enter("chair@riverside.example", "Ik aanvaard de vertrouwelijkheidsverklaring");
    police = await enter("police@riverside.example", "J'accepte la déclaration de confidentialité");
    expect(await chair.locator("html").getAttribute("lang")).toBe("nl");
    expect(await police.locator("html").getAttribute("lang")).toBe("fr");
    // The meeting's date in each reader's language, in the network's time zone.
    const network = (await app.services.networks.get(app.net.networkId))!;
    const startsAt = (await app.services.meetings.get(app.net.networkId, prepared.meetingId))!.startsAt;
    const inLanguage = (language: "nl" | "fr") =>
      formatFullMoment(startsAt, readerDateStyle(language, { locale: network.locale, timeZone: network.timeZone }));
    expect(await chair.locator(".meeting-head").textContent()).toContain(inLanguage("nl"));
    expect(await police.locator(".meeting-head").textContent()).toContain(inLanguage("fr"));
    await chair.getByRole("button", { name: "Het overleg starten" }).click();
    await chair.getByRole("button", { name: /^Volgend punt/ }).waitFor();
    await police.getByRole("button", { name: "Lever la main" }).waitFor();
    await expectAccessible(chair, "Dutch chair's room");
    await expectAccessible(police, "French participant's room");
  });

  it("a decision on a check-in and a task: the same on both screens, each in its language", async () => {
    const code = (await app.services.caseRegister.get((await prepared.firstCheckIn()).caseId!))!.code;
    // From the opening past the signal to the first check-in, from the keyboard.
    await chair.locator("body").press("n");
    await chair.locator("body").press("n");
    await expect.poll(() => currentHeading(police).textContent()).toBe(code);
    await expect.poll(() => currentHeading(chair).textContent()).toBe(code);

    await chair.getByLabel("Besluit", { exact: true }).selectOption({ label: "Het plan voortzetten" });
    await chair.getByLabel("Motivering", { exact: true }).fill(rationale);
    await chair.getByRole("button", { name: "Het besluit vastleggen" }).click();
    await expect
      .poll(() => chair.getByTestId("decisions").textContent())
      .toContain(`Het plan voortzetten: ${rationale}`);
    await expect
      .poll(() => police.getByTestId("decisions").textContent())
      .toContain(`Poursuivre le plan: ${rationale}`);

    // The police give their agency's view on it in French; the chair reads it in Dutch.
    await police.getByLabel("Avis", { exact: true }).selectOption({ label: "Pour" });
    await police.getByRole("button", { name: "Donner notre avis" }).click();
    await expect.poll(() => chair.getByTestId("decisions").textContent()).toContain("Riverside Police: Akkoord");
    await expect.poll(() => police.getByTestId("decisions").textContent()).toContain("Riverside Police: Pour");

    const task = chair.getByRole("form", { name: "Een actie toevoegen" });
    await task.getByLabel("Wat", { exact: true }).fill("Huisbezoek bij het gezin");
    await task.getByLabel("Organisatie", { exact: true }).selectOption({ label: "Riverside Police" });
    await task.getByRole("button", { name: "De actie toevoegen" }).click();
    await expect.poll(() => police.getByTestId("tasks").textContent()).toContain("Huisbezoek bij het gezin");
    await expect.poll(() => chair.getByTestId("tasks").textContent()).toContain("Huisbezoek bij het gezin");

    // A few known words of each language, none of the other's.
    const chairText = (await chair.locator("main").textContent())!;
    const policeText = (await police.locator("main").textContent())!;
    for (const word of ["Besluiten", "Agenda", "Een actie toevoegen"]) expect(chairText).toContain(word);
    for (const word of ["Décisions", "Ordre du jour", "Proposer une tâche"]) expect(policeText).toContain(word);
    expect(chairText).not.toContain("Décisions");
    expect(policeText).not.toContain("Besluiten");
    await expectAccessible(chair, "Dutch chair after the decision");
    await expectAccessible(police, "French participant after the decision");
    await screenshot(chair, "two-languages-chair-nl");
    await screenshot(police, "two-languages-participant-fr");
    expect(problems).toEqual([]);
  });
});
