import { describe, expect, it } from "vitest";
import { renderMinutesPdf } from "../../server/documents/minutesPdf.ts";
import { redact } from "../../server/documents/redact.ts";
import { useTestServer } from "../support/harness.ts";
import { pdfText, pdfToolsAvailable } from "../support/pdfTools.ts";
import { command, roomWithNeedToKnow, screen } from "../support/room.ts";

// A task proposal is working material of the room: somebody at the table suggests a task,
// the chair takes it (then it is a task, on the record) or not. The minutes hold the tasks
// agreed, each once, and no proposal left open: not as a task, not under any other name.

const app = useTestServer();

describe("task proposals and the minutes", () => {
  it("a proposal the chair took is a task in the minutes, once; one left open is nowhere in any copy", async () => {
    const room = await roomWithNeedToKnow(app.server, app.net);
    const chair = await screen(app.server, room.meetingId, "chair@riverside.example");
    const police = await screen(app.server, room.meetingId, "police@riverside.example");
    const guest = await screen(app.server, room.meetingId, "youth@riverside.example");
    const run = (sc: typeof chair, name: string, payload: Record<string, unknown> = {}) =>
      command(sc, room.meetingId, name, payload);
    const task = (what: string) => ({
      itemId: room.item.checkinA.id,
      what,
      ownerAgencyId: room.agency("police"),
      dueOn: "2030-02-01",
    });
    expect(await run(chair, "meeting:start")).toMatchObject({ ok: true });
    const taken = await run(police, "task:propose", task("Visit the gym with him"));
    expect(taken).toMatchObject({ ok: true });
    expect(await run(guest, "task:propose", task("Ask the imam to call round"))).toMatchObject({ ok: true });
    expect(
      await run(chair, "task:add", {
        ...task("Visit the gym with him"),
        proposalId: (taken.data!.data.proposal as { id: string }).id,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await run(chair, "decision:record", {
        itemId: room.item.checkinA.id,
        outcome: "continue",
        rationale: "The plan holds.",
      }),
    ).toMatchObject({ ok: true });
    expect(await run(chair, "meeting:end")).toMatchObject({ ok: true });
    [chair, police, guest].forEach((sc) => sc.s.disconnect());

    const { minutes } = app.services;
    const approved = await minutes.approve(
      { personId: room.membershipOf("chair@riverside.example").personId, ip: null },
      room.meetingId,
    );
    expect(approved.ok).toBe(true);
    const model = (await minutes.model(room.meetingId, 1))!;
    const whole = JSON.stringify(model);
    /** Where in the minutes a text stands. */
    const placesOf = (text: string) => {
      const places: string[] = [];
      const walk = (v: unknown, at: string) => {
        if (typeof v === "string" && v.includes(text)) places.push(at);
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`);
      };
      walk(model, "");
      return places;
    };
    // The task taken: once among its item's tasks, once in the list of actions agreed.
    expect(placesOf("Visit the gym with him").map((p) => p.replace(/\d+/g, "N"))).toEqual([
      ".items.N.tasks.N.what",
      ".actionList.N.what",
    ]);
    expect(whole).not.toContain("Ask the imam");
    for (const addressee of await minutes.addressees(room.meetingId)) {
      const copy = JSON.stringify(redact(model, addressee));
      expect(copy, addressee.name).not.toContain("Ask the imam");
      expect(copy, addressee.name).not.toContain("proposedBy");
    }
    if (!pdfToolsAvailable) return;
    const chairCopy = (await minutes.addressees(room.meetingId)).find((a) => a.seesAll)!;
    const text = pdfText(await renderMinutesPdf(redact(model, chairCopy))).replace(/\s+/g, " ");
    expect(text).toContain("Visit the gym with him");
    expect(text).not.toContain("Ask the imam");
  }, 90_000);
});
