import type { AddressInfo } from "node:net";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { eq } from "drizzle-orm";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll } from "vitest";
import * as Y from "yjs";
import { noteSchema, NOTE_FRAGMENT } from "../../app/contract/noteSchema.ts";
import { seedNetwork, type Network } from "./fixtures.ts";
import { planWithPoliceAction, prepareMeeting, seatedRoom } from "./meetings.ts";
import { caseCode, seededCase } from "./planForms.ts";
import type { TestServer } from "./server.ts";
import { days } from "../../app/contract/time.ts";

/**
 * A real SMTP server on port 0 that keeps what it receives. While `refusing` is set it
 * answers the message with that code; with `delayMs` it answers only after that long (a
 * slow server); while `stalling` is set it takes the whole message and never answers
 * (kept in `stalled`), as a server that dies after the data.
 */
export async function smtpServer(initial: { refusing?: { code: number; message: string }; delayMs?: number } = {}) {
  const received: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  const stalled: { envelopeTo: string[]; mail: ParsedMail }[] = [];
  const state = {
    refusing: initial.refusing ?? (null as null | { code: number; message: string }),
    delayMs: initial.delayMs ?? 0,
    stalling: false,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", async () => {
        const mail = {
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          mail: await simpleParser(Buffer.concat(chunks)),
        };
        if (state.stalling) return stalled.push(mail);
        if (state.delayMs) await new Promise((done) => setTimeout(done, state.delayMs));
        if (state.refusing)
          return callback(Object.assign(new Error(state.refusing.message), { responseCode: state.refusing.code }));
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stalled,
    state,
    /** How many copies of one delivery's message arrived (by its Message-ID). */
    copiesOf: (deliveryId: string) => received.filter((r) => r.mail.messageId === `<${deliveryId}@casetable>`).length,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

type SmtpServer = Awaited<ReturnType<typeof smtpServer>>;

/**
 * A test mail server for the file (or the describe around it): call it before
 * `useTestServer`, whose env can then name `smtp.url`; it starts first and stops last.
 */
export function useSmtpServer(initial: Parameters<typeof smtpServer>[0] = {}) {
  let smtp: SmtpServer | undefined;
  beforeAll(async () => {
    smtp = await smtpServer(initial);
  });
  afterAll(() => smtp?.close());
  const ready = () => {
    if (!smtp) throw new Error("The mail server is not there: use it inside a test or a hook after its beforeAll");
    return smtp;
  };
  return {
    get url() {
      return ready().url;
    },
    get received() {
      return ready().received;
    },
    get stalled() {
      return ready().stalled;
    },
    get state() {
      return ready().state;
    },
    copiesOf: (deliveryId: string) => ready().copiesOf(deliveryId),
  };
}

/** Waits until no delivery of the meeting is pending or being sent (the mail worker is done). */
export async function deliveriesSettled(server: TestServer, meetingId: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await server.services.minutes.deliveries(meetingId);
    if (rows.every((r) => r.d.state !== "pending" && r.d.state !== "sending")) return rows.map((r) => r.d);
    if (Date.now() > until)
      throw new Error(`deliveries still pending: ${rows.map((r) => `${r.d.email} ${r.d.state}`).join(", ")}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * A meeting held and closed through the real meeting room: case 3 (police involved, the
 * youth worker as guest) gets a check-in decision, a task and notes; case 5 (police and
 * mental health) is kept open with a rationale only they may read; the school attends,
 * mental health sends apologies. A next meeting is scheduled. Seeds the demo network
 * unless it is given the harness's.
 */
export async function closedMeeting(server: TestServer, seeded?: Network) {
  const { services } = server;
  const net = seeded ?? (await seedNetwork(services));
  const member = (email: string) => net.members.find((m) => m.email === email)!;
  const police = member("police@riverside.example");
  const coordinator = member("coordinator@riverside.example");
  await planWithPoliceAction(services, net);
  const prepared = await prepareMeeting(services, net);
  const { meetingId } = prepared;
  const { store } = services.database;
  const items = await store.db.select().from(store.t.agendaItems).where(eq(store.t.agendaItems.meetingId, meetingId));
  const case3 = await seededCase(services, net.networkId, 3);
  const case5 = await seededCase(services, net.networkId, 5);
  const item3 = items.find((i) => i.caseId === case3.id)!;
  const item5 = items.find((i) => i.caseId === case5.id && i.section === "closures")!;
  if (
    !(await services.meetings.inviteGuest(
      { personId: null, ip: null },
      net.networkId,
      meetingId,
      item3.id,
      member("youth@riverside.example").personId,
    ))
  )
    throw new Error("guest");
  await services.meetings.schedule({ personId: coordinator.personId, ip: null }, net.networkId, {
    title: "Next case conference",
    startsAt: new Date(Date.now() + days(28)),
    place: "Town hall, room 3",
    callLink: null,
  });

  const { join, cmd, close } = seatedRoom(server.url, meetingId);
  const chair = await join("chair@riverside.example");
  await cmd(chair, "meeting:start");
  const attend = (email: string, attendance: string) =>
    cmd(chair, "attendance:set", { personId: member(email).personId, attendance });
  await attend("chair@riverside.example", "in_room");
  await attend("coordinator@riverside.example", "in_room");
  await attend("police@riverside.example", "in_room");
  await attend("school@riverside.example", "on_screen");
  await attend("youth@riverside.example", "in_room");
  await attend("health@riverside.example", "apologies");
  const d3 = await cmd(chair, "decision:record", {
    itemId: item3.id,
    outcome: "continue",
    rationale: "Training attendance is rising; the plan holds.",
    views: [{ agencyId: police.agencyId, view: "agree", comment: "Fine by us." }],
  });
  await cmd(chair, "task:add", {
    itemId: item3.id,
    what: "Visit the training centre with Zoë",
    ownerAgencyId: police.agencyId,
    ownerPersonId: police.personId,
    dueOn: "2030-06-01",
  });
  const d5 = await cmd(chair, "decision:record", {
    itemId: item5.id,
    outcome: "keep_open",
    rationale: "Mental health asks for one more month of sessions.",
  });
  const notes = prosemirrorJSONToYDoc(
    noteSchema(),
    {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Attendance at training" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Four of five days, " },
            { type: "text", text: "since April", marks: [{ type: "bold" }] },
          ],
        },
      ],
    },
    NOTE_FRAGMENT,
  );
  await services.notes.edit(
    { personId: member("chair@riverside.example").personId, ip: null },
    `agenda-item:${item3.id}`,
    Y.encodeStateAsUpdate(notes),
  );
  await cmd(chair, "meeting:end");
  const coordinatorSocket = await join("coordinator@riverside.example");
  return {
    net,
    member,
    meetingId,
    codes: { case3: caseCode(3), case5: caseCode(5) },
    items: { item3, item5 },
    decisions: {
      d3: (d3 as { decision: { id: string } }).decision.id,
      d5: (d5 as { decision: { id: string } }).decision.id,
    },
    /** Corrects a decision's rationale after the meeting, as the coordinator. */
    correct: (decisionId: string, rationale: string, reason: string) =>
      cmd(coordinatorSocket, "record:correct", { decisionId, rationale, reason }),
    close,
  };
}

/** `closedMeeting`, and its minutes approved by the chair (version 1): ready to distribute. */
export async function approvedMeeting(server: TestServer, seeded?: Network) {
  const held = await closedMeeting(server, seeded);
  const approved = await server.services.minutes.approve(
    { personId: held.member("chair@riverside.example").personId, ip: null },
    held.meetingId,
  );
  if (!approved.ok) throw new Error(`approve: ${JSON.stringify(approved)}`);
  return { ...held, approved: approved.version };
}
