import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectAccessible, screenshot, notesText } from "../support/browser.ts";
import { useBrowser, useTestServer } from "../support/harness.ts";

const app = useTestServer();
const chromium = useBrowser(app);

describe.skipIf(!chromium.available)("in the browser: two people write the same notes at once", () => {
  async function openNotes(email: string): Promise<{ page: Page; problems: string[] }> {
    const { page, problems } = await chromium.signInWatching(email);
    await page.waitForURL(`${app.url}/n/${app.net.networkId}`);
    await page.goto(`${app.url}/n/${app.net.networkId}/notes/network-scratch:${app.net.networkId}`);
    await expect.poll(() => page.getByTestId("notes-status").textContent()).toBe("All changes saved");
    return { page, problems };
  }

  it("both end with the same text, see each other's cursor, with no console errors", async () => {
    const chair = await openNotes("chair@riverside.example");
    const police = await openNotes("police@riverside.example");
    const editorOf = (page: Page) => page.getByRole("textbox", { name: "Scratch notes of" });
    // The notes as text, without the other people's cursor labels drawn inside them.

    // The chair starts a heading and a list; both then type at the same time.
    const chairEditor = editorOf(chair.page);
    await chairEditor.click();
    await chair.page.getByRole("button", { name: "H2 heading" }).click();
    await chair.page.keyboard.type("Review of C-0001");
    await chair.page.keyboard.press("Enter");
    await chair.page.getByRole("button", { name: "Bulleted list" }).click();
    await expect.poll(() => editorOf(police.page).textContent()).toContain("Review of C-0001");

    await editorOf(police.page).click();
    await police.page.keyboard.press("Control+End");
    await police.page.keyboard.press("Enter");
    await Promise.all([
      chair.page.keyboard.type("School attendance is better", { delay: 15 }),
      police.page.keyboard.type("No new police contact", { delay: 15 }),
    ]);
    await police.page.getByRole("button", { name: "Bold" }).click();
    await police.page.keyboard.type(" since March", { delay: 10 });

    for (const { page } of [chair, police]) {
      await expect.poll(() => page.getByTestId("notes-status").textContent()).toBe("All changes saved");
    }
    await expect.poll(async () => (await notesText(chair.page)) === (await notesText(police.page))).toBe(true);
    const text = await notesText(chair.page);
    for (const part of ["Review of C-0001", "School attendance is better", "No new police contact"])
      expect(text).toContain(part);
    await expect.poll(() => police.page.locator(".notes-editor strong").textContent()).toContain("since March");
    await expect.poll(() => chair.page.locator("h2", { hasText: "Review of C-0001" }).count()).toBe(1);

    // Each sees the other's named cursor.
    await expect.poll(() => chair.page.getByTestId("note-caret-label").allTextContents()).toContain("Jonas Becker");
    await expect.poll(() => police.page.getByTestId("note-caret-label").allTextContents()).toContain("Elena Novak");

    // The server stored what both see.
    const stored = (await app.services.notes.readNotes(`network-scratch:${app.net.networkId}`)).text;
    expect(stored).toContain("School attendance is better");
    expect(stored).toContain("No new police contact since March");

    await expectAccessible(chair.page, "scratch notes");
    await screenshot(chair.page, "notes");
    expect(chair.problems).toEqual([]);
    expect(police.problems).toEqual([]);
  });

  it("while the database is locked elsewhere the editor says 'Not saved yet', keeps the text, and says saved only when the server has it", async () => {
    const chair = await openNotes("chair@riverside.example");
    const editor = chair.page.getByRole("textbox", { name: "Scratch notes of" });
    const other = new Database(app.server.databaseFile);
    other.exec("BEGIN IMMEDIATE");
    try {
      await editor.click();
      await chair.page.keyboard.press("Control+End");
      await chair.page.keyboard.press("Enter");
      await chair.page.keyboard.type("Written while the storage was locked", { delay: 5 });
      await expect
        .poll(() => chair.page.getByRole("status").filter({ hasText: "Not saved yet" }).textContent())
        .toBe("Not saved yet: the server's storage is busy; retrying");
      expect((await app.services.notes.readNotes(`network-scratch:${app.net.networkId}`)).text).not.toContain(
        "Written while the storage was locked",
      );
      await screenshot(chair.page, "notes-not-saved-yet");
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
    await expect
      .poll(() => chair.page.getByTestId("notes-status").textContent(), { timeout: 15_000 })
      .toBe("All changes saved");
    expect((await app.services.notes.readNotes(`network-scratch:${app.net.networkId}`)).text).toContain(
      "Written while the storage was locked",
    );
    expect(chair.problems).toEqual([]);
  });

  it("a guest cannot open the scratch notes", async () => {
    const page = await chromium.signInAs("youth@riverside.example");
    await page.waitForLoadState("networkidle");
    const res = await page.goto(`${app.url}/n/${app.net.networkId}/notes/network-scratch:${app.net.networkId}`);
    expect(res?.status()).toBe(403);
    expect(await page.locator(".notes-editor").count()).toBe(0);
  });
});
