import { beforeAll, describe, expect, it } from "vitest";
import routes from "../../app/routes.ts";
import type { Visitor } from "../support/http.ts";
import { connected, emit, meetingSocket } from "../support/meetings.ts";
import { useTestServer } from "../support/harness.ts";
import { roomWithNeedToKnow } from "../support/room.ts";
import { todayIn } from "../../app/dates.ts";
import { scratchDoc } from "../../app/contract/noteDocs.ts";

// Issue 13, rule 10: nothing told to the wrong person. Every page's loader, fetched as its
// HTML and as its data (React Router's single fetch: `GET /path.data`), as a guest of one
// item and as a member of an agency not involved: no other person's name or email, no
// other case's code beyond what that page's policy allows.

const app = useTestServer({ seed: true });
let room: Awaited<ReturnType<typeof roomWithNeedToKnow>>;
/** A meeting the guest is not invited to. */
let otherMeetingId: string;
let codes: { guestItem: string; school: string; all: string[] };

interface RouteEntry {
  path?: string;
  index?: boolean;
  children?: RouteEntry[];
}

/** Every page's address in the route config, with its parameters as written (`:meetingId`). */
function everyPath(entries: readonly RouteEntry[], prefix = ""): string[] {
  return entries.flatMap((r) => {
    const here = r.path ? `${prefix}/${r.path}`.replace(/\/+/g, "/") : prefix;
    const own = r.path !== undefined || r.index ? [here || "/"] : [];
    return [...own, ...everyPath(r.children ?? [], here)];
  });
}

const PAGES = everyPath(routes as RouteEntry[]).filter((p) => p !== "/*");

beforeAll(async () => {
  room = await roomWithNeedToKnow(app.server, app.net);
  const coordinator = room.membershipOf("coordinator@riverside.example");
  otherMeetingId = (
    await app.services.meetings.schedule({ personId: coordinator.personId, ip: null }, app.net.networkId, {
      title: "Extra case conference",
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      place: "Police station, room 4",
      callLink: null,
    })
  ).id;
  const all = await app.services.caseList.list(app.net.networkId, {}, { today: todayIn("Europe/Amsterdam") });
  const guestCase = await app.services.caseRegister.get(room.item.checkinA.caseId!);
  const schoolCase = await app.services.caseRegister.get(room.item.signal.caseId!);
  codes = { guestItem: guestCase!.code, school: schoolCase!.code, all: all.map((c) => c.code) };
  expect(codes.all.length).toBeGreaterThan(3);
});

/** The addresses of every page, filled in for this network, this meeting and each case and person given. */
function addresses(fill: { code: string[]; membershipId: string; meetingId: string[] }): string[] {
  const { networkId } = app.net;
  return PAGES.flatMap((pattern) => {
    let variants = [pattern.replace(":networkId", networkId)];
    const expand = (param: string, values: string[]) => {
      variants = variants.flatMap((v) => (v.includes(param) ? values.map((x) => v.replace(param, x)) : [v]));
    };
    expand(":meetingId", fill.meetingId);
    expand(":code", fill.code.map(encodeURIComponent));
    expand(":membershipId", [fill.membershipId]);
    expand(":procedureId", ["unknown-procedure"]);
    expand(":requestId", ["unknown-request"]);
    expand(":figure", ["stages"]);
    expand(":doc", [encodeURIComponent(scratchDoc(networkId))]);
    expand(":token", ["not-a-token"]);
    return variants;
  });
}

/** What a page tells this person: its HTML and its data, each as text, by address. */
async function everythingTold(v: Visitor, paths: string[]): Promise<{ path: string; status: number; text: string }[]> {
  const told = [];
  for (const path of paths) {
    const dataPath = path === "/" ? "/_root.data" : `${path}.data`;
    for (const p of [path, dataPath]) {
      const res = await v.get(p);
      told.push({ path: p, status: res.status, text: await res.text() });
    }
  }
  return told;
}

/** Each leak: what was told, and where. */
function leaks(told: { path: string; text: string }[], secrets: string[]): string[] {
  return told.flatMap(({ path, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${s} on ${path}`));
}

describe("a guest of one item", () => {
  const guestEmail = "youth@riverside.example";

  it("is told nobody else's name or email and no other case's code, on any page or its data", async () => {
    const guest = await app.signIn(guestEmail);
    const others = app.net.members.filter((m) => m.email !== guestEmail);
    const told = await everythingTold(
      guest,
      addresses({ code: codes.all, membershipId: others[0].id, meetingId: [room.meetingId, otherMeetingId] }),
    );
    const status = (path: string) => told.find((t) => t.path === path)?.status;
    const meeting = (id: string, page = "") => `/n/${app.net.networkId}/meetings/${id}${page}`;
    // Their meeting's pages answer; a meeting they are not a guest in is not found.
    for (const page of ["", "/agenda", "/answer"]) {
      expect(status(`${meeting(room.meetingId, page)}.data`), page).toBe(200);
      expect(status(`${meeting(otherMeetingId, page)}.data`), page).toBe(404);
      expect(status(meeting(otherMeetingId, page)), page).toBe(404);
    }
    const secrets = [
      ...others.flatMap((m) => [m.email, m.name]),
      ...codes.all.filter((c) => c !== codes.guestItem),
      // The meeting they are not invited to.
      "Extra case conference",
      "Police station, room 4",
    ];
    expect(leaks(told, secrets)).toEqual([]);
  });

  it("is not let into the network's presence: who is online there is not theirs to know", async () => {
    const guest = await app.signIn(guestEmail);
    const socket = meetingSocket(app.url, guest.cookieHeader);
    try {
      await connected(socket);
      const ack = await emit<{ ok: boolean; error?: { code: string } }>(socket, "presence:join", {
        networkId: app.net.networkId,
      });
      expect(ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    } finally {
      socket.disconnect();
    }
  });
});

describe("a member of an agency not involved", () => {
  const email = "school@riverside.example";
  /** Pages whose policy names other agencies' people to a member: the members page, the room (task owners), a case their agency works on. */
  const namesOthers = (path: string) =>
    /\/members(\.data)?$/.test(path) ||
    new RegExp(`/meetings/${room.meetingId}(\\.data)?$`).test(path) ||
    path.includes(`/cases/${encodeURIComponent(codes.school)}`);

  it("is told no other agency's people beyond what each page allows, and no code of a case their agency is not in", async () => {
    const member = await app.signIn(email);
    const me = app.net.members.find((m) => m.email === email)!;
    const otherAgencies = app.net.members.filter((m) => m.agencyId !== me.agencyId);
    const told = await everythingTold(
      member,
      addresses({ code: codes.all, membershipId: otherAgencies[0].id, meetingId: [room.meetingId] }),
    );
    expect(told.filter((t) => t.status === 200).length).toBeGreaterThan(30);
    const people = otherAgencies.flatMap((m) => [m.email, m.name]);
    expect(
      leaks(
        told.filter((t) => !namesOthers(t.path)),
        people,
      ),
    ).toEqual([]);
    const notTheirs = codes.all.filter((c) => c !== codes.school);
    expect(leaks(told, notTheirs)).toEqual([]);
  });
});
