import { eq } from "drizzle-orm";
import { seedNetwork, type Network } from "./fixtures.ts";
import { personConsent, planWithPoliceAction, prepareMeeting, seatedRoom } from "./meetings.ts";
import { caseCode, seededCase } from "./planForms.ts";
import type { TestServer } from "./server.ts";
import { dayAfter } from "../../app/contract/time.ts";

/**
 * A meeting with every kind of item, held through the real meeting room and ended:
 * - the new signal of case 6, analysed before (B2 on the Admiralty scale, motives
 *   checked) and routed into multi-agency working;
 * - the check-in of case 3 (police and social services involved): its earlier actions
 *   done, stopped as circumstances changed, and not done by the agency; a decision with
 *   social services dissenting; a task for the police officer;
 * - the closure of case 5 (police and mental health): every view, mental health
 *   dissenting, signed off by the chair as accountable officer in her own words;
 * - an item of other business the chair deferred, and the check-ins of cases 2 and 4 not reached;
 * - attendance: in the room, on screen, social services' apologies with a delegate
 *   (their answer to the invitation), the school invited
 *   (involved in no case: the signal of case 6 is the police's) invited but absent, the
 *   youth worker as guest of case 3; mental health leaving before the end.
 */
export async function fullMeeting(server: TestServer, seeded?: Network) {
  const { services } = server;
  const net = seeded ?? (await seedNetwork(services));
  const member = (email: string) => net.members.find((m) => m.email === email)!;
  const coordinator = member("coordinator@riverside.example");
  const police = member("police@riverside.example");
  const social = member("social@riverside.example");
  const system = { personId: coordinator.personId, ip: null };
  await planWithPoliceAction(services, net);
  const case3 = await seededCase(services, net.networkId, 3);
  await services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, case3, [
    police.agencyId,
    social.agencyId,
  ]);
  // The plan's actions from before this meeting: one done, one no longer possible, one the agency has not done.
  const latest = (await services.actionPlans.latest(case3.id))!;
  const earlier = [
    ["Meet the father at home", "done", null],
    ["Enrol at the boxing club", "stopped", "circumstances_changed"],
    ["Send the school report", "stopped", "agency_not_done"],
  ] as const;
  const saved = await services.actionPlans.save(
    system,
    await seededCase(services, net.networkId, 3),
    {
      socialContext: latest.content.socialContext,
      goals: latest.content.goals,
      actions: [
        ...latest.content.actions.map((a) => ({
          id: a.id,
          goalId: a.goalId,
          what: a.what,
          ownerAgencyId: a.ownerAgency.id,
          ownerPersonId: a.ownerPerson?.id ?? null,
          startOn: a.startOn,
          dueOn: a.dueOn,
          status: a.status,
          stopReason: a.stopReason,
        })),
        ...earlier.map(([what, status, stopReason]) => ({
          goalId: latest.content.goals[0]!.id,
          what,
          ownerAgencyId: what.startsWith("Send") ? social.agencyId : police.agencyId,
          ownerPersonId: null,
          startOn: null,
          dueOn: dayAfter(-3),
          status,
          stopReason,
        })),
      ],
      agencyIds: [police.agencyId, social.agencyId],
      nextCheckInOn: dayAfter(5),
    },
    latest.version,
  );
  if (!saved.ok) throw new Error(`plan: ${JSON.stringify(saved)}`);

  const prepared = await prepareMeeting(services, net);
  const { meetingId } = prepared;
  const case6 = await seededCase(services, net.networkId, 6);
  // The signal is the police's to follow: the school that reported it is involved in no case here.
  await services.caseRegister.setInvolvedAgencies({ personId: null, ip: null }, case6, [police.agencyId]);
  const { store } = services.database;
  const { t } = store;
  const signal = (await store.db.select().from(t.signals).where(eq(t.signals.caseId, case6.id))).at(-1)!;
  const analysed = await services.analysis.recordAnalysis(system, case6, signal.id, {
    isSecuritySignal: false,
    sourceGrade: "B",
    informationGrade: "2",
    handling: null,
    gradingRationale: "The teacher reported first-hand; a colleague heard the same remarks.",
    knownConflict: "None known between the teacher and the family.",
    reporterInterest: "No personal interest: a duty to report.",
    corroboration: "A second teacher confirms the remarks.",
  });
  if (!analysed.ok) throw new Error(`analysis: ${JSON.stringify(analysed)}`);
  const items = () => store.db.select().from(t.agendaItems).where(eq(t.agendaItems.meetingId, meetingId));
  const agenda = await items();
  const item3 = agenda.find((i) => i.caseId === case3.id && i.section === "checkins")!;
  const case5 = await seededCase(services, net.networkId, 5);
  const item5 = agenda.find((i) => i.caseId === case5.id && i.section === "closures")!;
  const item6 = agenda.find((i) => i.caseId === case6.id && i.section === "signals")!;
  if (!item3 || !item5 || !item6) throw new Error(`agenda: ${JSON.stringify(agenda.map((i) => i.title))}`);
  if (
    !(await services.meetings.inviteGuest(
      system,
      net.networkId,
      meetingId,
      item3.id,
      member("youth@riverside.example").personId,
    ))
  )
    throw new Error("guest");

  // Social services answer the invitation: apologies, and a delegate comes in their place.
  const answered = await services.meetingAnswers.answer(
    { personId: social.personId, ip: null },
    net.networkId,
    meetingId,
    {
      answer: "apologies",
      delegateName: "Marta Kowalska",
    },
  );
  if (!answered.ok) throw new Error(`answer: ${JSON.stringify(answered)}`);

  const { join, cmd, close } = seatedRoom(server.url, meetingId);
  const chair = await join("chair@riverside.example");
  await cmd(chair, "meeting:start");
  const attend = (email: string, attendance: string) =>
    cmd(chair, "attendance:set", { personId: member(email).personId, attendance });
  await attend("chair@riverside.example", "in_room");
  await attend("coordinator@riverside.example", "in_room");
  await attend("police@riverside.example", "in_room");
  await attend("health@riverside.example", "on_screen");
  await attend("youth@riverside.example", "in_room");

  await cmd(chair, "decision:record", {
    itemId: item6.id,
    outcome: "take_into_maw",
    rationale: "The remarks recur and the school asks for support.",
    views: [],
    basis: personConsent(member("school@riverside.example").personId),
  });
  await cmd(chair, "decision:record", {
    itemId: item3.id,
    outcome: "continue",
    rationale: "Training attendance is rising; the plan holds.",
    views: [
      { agencyId: police.agencyId, view: "agree", comment: "Fine by us." },
      { agencyId: social.agencyId, view: "disagree", comment: "We see no progress at home." },
    ],
  });
  await cmd(chair, "task:add", {
    itemId: item3.id,
    what: "Visit the training centre with the family",
    ownerAgencyId: police.agencyId,
    ownerPersonId: police.personId,
    dueOn: "2030-09-30",
  });
  const policeSocket = await join("police@riverside.example");
  const healthSocket = await join("health@riverside.example");
  await cmd(policeSocket, "view:give", { itemId: item5.id, view: "agree", comment: "Nothing new on our side." });
  await cmd(healthSocket, "view:give", {
    itemId: item5.id,
    view: "disagree",
    comment: "One more month of sessions would be safer.",
  });
  await cmd(chair, "decision:record", {
    itemId: item5.id,
    outcome: "close",
    rationale: "I support closing: the remaining risk is carried by the fade-out checks.",
    views: [],
  });
  // Mental health leaves before the end (their screen says so): a late leaver in the minutes.
  await cmd(healthSocket, "attendance:leave");
  await cmd(chair, "agenda:add", { section: "aob", title: "Room booking for next year", minutes: 5 });
  const aob = (await items()).find((i) => i.title === "Room booking for next year")!;
  await cmd(chair, "item:complete", { itemId: aob.id, outcome: "deferred" });
  const case4 = await seededCase(services, net.networkId, 4);
  const item4 = (await items()).find((i) => i.caseId === case4.id && i.section === "checkins")!;
  await cmd(chair, "meeting:end");
  close();
  return {
    net,
    member,
    meetingId,
    codes: { case3: caseCode(3), case4: caseCode(4), case5: caseCode(5), case6: caseCode(6) },
    items: { item3, item4, item5, item6, aob },
  };
}
