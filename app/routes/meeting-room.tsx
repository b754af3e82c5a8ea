import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatFullMoment } from "../contract/dates.ts";
import { todayIn, useReaderDates } from "../dates.ts";
import { Link } from "react-router";
import { peopleOfTheRoom, requireMeetingPage } from "../../server/meetings/access.ts";
import { gradesOf, usesHandling } from "../contract/grading.ts";
import { AgendaList, plannedEndOf } from "../components/meeting/AgendaList.tsx";
import { CaptureForms } from "../components/meeting/CaptureForms.tsx";
import { ItemPanel } from "../components/meeting/ItemPanel.tsx";
import { ItemUpdates } from "../components/updates/ItemUpdates.tsx";
import { MeetingTimer } from "../components/meeting/MeetingTimer.tsx";
import { useItemDetail, useMeeting } from "../realtime/useMeeting.ts";
import { useServerRestarting } from "../realtime/useServerRestarting.ts";
import { agendaItemDoc } from "../contract/meetingProtocol.ts";
import { NotesPanel } from "../components/NotesPanel.tsx";
import { ConfidentialityStatement } from "../components/meeting/ConfidentialityStatement.tsx";
import type { Route } from "./+types/meeting-room";
import { CommandNotice } from "../components/meeting/CommandNotice.tsx";
import { AttendanceList } from "../components/meeting/AttendanceList.tsx";
import { ChairControls } from "../components/meeting/ChairControls.tsx";
import { DecisionReadBack } from "../components/meeting/DecisionReadBack.tsx";
import { KeyboardHelp } from "../components/meeting/KeyboardHelp.tsx";
import { SAID_IN_PLACE, useCommand } from "../components/meeting/Refusal.tsx";
import { RoomPanel } from "../components/meeting/RoomPanel.tsx";
import { useArrival } from "../realtime/useArrival.ts";
import { GuestWay } from "../components/guest/GuestWay.tsx";
import { MyHand, OpenActions, RaisedHands, RoundOfViews, isActionsBlock } from "../components/meeting/Rhythm.tsx";
import { guestStage } from "../components/guest/guestStage.ts";
import { useRoomKeys, useShortcutsSetting, type RoomKey } from "../components/meeting/useRoomKeys.ts";
import { refusalText } from "../refusals.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, meeting, membership } = await requireMeetingPage(
    context,
    request,
    params.networkId,
    params.meetingId,
  );
  const { networks, policy, actionPlans, analysis } = context.services;
  const network = (await networks.get(meeting.networkId))!;
  const scale = await analysis.gradingScale(network.id);
  const me = { personId: viewer.personId, name: viewer.name, agencyId: membership.agencyId, role: membership.role };
  const people = peopleOfTheRoom(me, {
    agencies: (await actionPlans.choices(network.id)).agencies,
    members: (await context.services.members.list(network.id)).map((m) => ({
      personId: m.personId,
      agencyId: m.agencyId,
      name: m.name,
    })),
  });
  return {
    meetingId: meeting.id,
    networkId: network.id,
    timeZone: network.timeZone,
    dates: { locale: network.locale, timeZone: network.timeZone },
    me,
    may: {
      correct: policy.can(viewer, "meetings:correct", network.id),
      run: policy.can(viewer, "meetings:run", network.id),
      capture: policy.can(viewer, "meetings:capture", network.id),
      editAgenda: policy.can(viewer, "meetings:run", network.id),
    },
    agencies: people.agencies,
    members: people.members,
    // For a routing into multi-agency work: the bases the network lists (to those who capture).
    sharing: {
      listed: policy.can(viewer, "meetings:capture", network.id)
        ? await context.services.sharingBasis.listedBases(network.id)
        : [],
      today: todayIn(network.timeZone),
    },
    grading: {
      scale,
      source: gradesOf(scale, "source"),
      information: gradesOf(scale, "information"),
      handling: usesHandling(scale) ? gradesOf(scale, "handling") : [],
    },
  };
}

export default function MeetingRoom({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const d = loaderData;
  const dates = useReaderDates(d.dates);
  const live = useMeeting(d.meetingId);
  const restarting = useServerRestarting();
  const s = live.snapshot;
  const current = s?.agenda.find((i) => i.id === s.meeting.currentItemId) ?? null;
  const [viewedId, setViewedId] = useState<string | null>(null);
  // The chair's screen follows the meeting; anyone may look at another item, and comes back with "Now".
  const shownId = viewedId ?? current?.id ?? null;
  const shown = s?.agenda.find((i) => i.id === shownId) ?? null;
  const recordVersion = (s?.decisions.length ?? 0) + (s?.tasks.length ?? 0) + (s?.seq ?? 0);
  const detail = useItemDetail(d.meetingId, shown && !shown.hidden ? shown.id : null, recordVersion);
  const [panel, setPanel] = useState<"attendance" | "keys" | null>(null);
  const [shortcutsOn, setShortcutsOn] = useShortcutsSetting();
  const decisionRef = useRef<HTMLElement>(null);
  const taskRef = useRef<HTMLElement>(null);
  const controls = useCommand(live.send);
  const running = s?.meeting.status === "running";
  const me = s?.participants.find((p) => p.personId === d.me.personId);
  const [leftOnPurpose, setLeftOnPurpose] = useState(false);
  useArrival(me, running && !leftOnPurpose, live.status === "online", live.send);
  const guest = s?.level === "guest" && me ? guestStage(s, me.guestOf) : null;

  useEffect(() => {
    setViewedId(null);
  }, [s?.meeting.currentItemId]);

  const act = useCallback(
    (key: RoomKey) => {
      if (key === "help") return setPanel((p) => (p === "keys" ? null : "keys"));
      if (!running) return;
      if (key === "next") void controls.run("item:open", { to: "next" });
      else if (key === "previous") void controls.run("item:open", { to: "previous" });
      else if (key === "timer")
        void controls.run(s?.meeting.timer.startedAt === null ? "timer:start" : "timer:pause", {});
      else if (key === "done" && current) void controls.run("item:complete", { itemId: current.id, outcome: "done" });
      else if (key === "decision") decisionRef.current?.querySelector<HTMLElement>("select, input, textarea")?.focus();
      else if (key === "task") taskRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
    },
    [running, controls, s?.meeting.timer.startedAt, current],
  );
  useRoomKeys(d.may.run && shortcutsOn && panel === null, act);

  const plannedEnd = useMemo(() => (s ? plannedEndOf(s.meeting.startsAt, s.agenda, dates) : ""), [s, dates]);

  if (!s) {
    return (
      <div className="page">
        <h1>{t("meetings.list.title")}</h1>
        <p role="status">{live.lastError ? refusalText(t, live.lastError) : t("meetings.room.connecting")}</p>
      </div>
    );
  }

  const lastError =
    live.lastError && !live.lastError.retrying && SAID_IN_PLACE.includes(live.lastError.name as never)
      ? null
      : live.lastError;
  return (
    <div className="meeting-room">
      <title>{`${s.meeting.title} · ${t("app.name")}`}</title>
      <header className="meeting-head">
        <div className="meeting-title">
          <Link to={`/n/${d.networkId}/meetings`} className="back-link">
            ← {t("cockpit.toMeetings")}
          </Link>
          <h1>{s.meeting.title}</h1>
          <p className="muted">
            {formatFullMoment(s.meeting.startsAt, dates)} · {t(`meetings.status.${s.meeting.status}`)}
          </p>
        </div>
        <div className="meeting-head-tools">
          <div className="meeting-connection" role="status" data-testid="connection">
            <span className={`dot is-${live.status}`} aria-hidden="true" />{" "}
            {live.status === "online"
              ? t("meetings.room.online")
              : live.status === "offline"
                ? t("meetings.room.offline")
                : t("meetings.room.connecting")}
            {live.pending.length > 0 && (
              <span className="badge pending-badge" data-testid="pending">
                {t("meetings.room.pending", { count: live.pending.length })}
              </span>
            )}
          </div>
          {s.level !== "lobby" && !d.may.run && <MyHand snapshot={s} personId={d.me.personId} send={live.send} />}
          {s.level !== "lobby" && (
            <button type="button" className="secondary" onClick={() => setPanel("attendance")} aria-haspopup="dialog">
              {t("cockpit.attendance")}
            </button>
          )}
          {d.may.run && (
            <button
              type="button"
              className="secondary"
              onClick={() => setPanel("keys")}
              aria-haspopup="dialog"
              aria-keyshortcuts={shortcutsOn ? "?" : undefined}
            >
              {t("cockpit.keys")}
            </button>
          )}
        </div>
      </header>
      {restarting && (
        <p className="notice info" role="status" data-testid="server-restarting">
          {t("meetings.room.restarting")}
        </p>
      )}
      <CommandNotice error={lastError} />

      {s.level === "lobby" ? (
        <ConfidentialityStatement
          className="card confidentiality"
          version={s.meeting.confidentiality.version}
          statement={s.meeting.confidentiality.statement}
          onAccept={async () => {
            const ack = await live.send("confidentiality:accept", { version: s.meeting.confidentiality.version });
            if (ack?.ok) live.refresh();
          }}
        />
      ) : guest && guest.kind !== "now" ? (
        <GuestWay
          stage={guest}
          left={leftOnPurpose}
          onLeave={() => {
            setLeftOnPurpose(true);
            void live.send("attendance:leave", {});
          }}
        />
      ) : (
        <div className="cockpit">
          <aside className="cockpit-agenda">
            {current && running && <MeetingTimer timer={s.meeting.timer} plannedMinutes={current.plannedMinutes} />}
            <AgendaList
              agenda={s.level === "guest" ? s.agenda.filter((i) => !i.hidden) : s.agenda}
              currentItemId={s.meeting.currentItemId}
              onOpen={(id) =>
                d.may.run && running ? void controls.run("item:open", { to: { itemId: id } }) : setViewedId(id)
              }
              plannedEnd={plannedEnd}
            />
            {d.may.editAgenda && (
              <p className="agenda-edit-link">
                <Link to="agenda">{t("meetings.list.agenda")}</Link>
              </p>
            )}
          </aside>

          <div className="cockpit-item">
            {d.may.run && <ChairControls snapshot={s} currentItemId={current?.id ?? null} command={controls} />}
            {s.meeting.status === "scheduled" && <p className="muted">{t("meetings.room.notStarted")}</p>}
            {s.meeting.status === "ended" && (
              <p className="notice info">
                {t("meetings.room.ended")}{" "}
                <Link to={`/n/${d.networkId}/meetings/${d.meetingId}/minutes`}>{t("minutes.link")}</Link>
              </p>
            )}
            <RaisedHands snapshot={s} mayRun={d.may.run} send={live.send} />
            <RoundOfViews snapshot={s} item={current} mayRun={d.may.run} send={live.send} />
            {viewedId && (
              <button type="button" className="link-button" onClick={() => setViewedId(null)}>
                {t("cockpit.now")}
              </button>
            )}
            {shown ? (
              <ItemPanel
                item={shown}
                detail={detail}
                snapshot={s}
                onCorrect={
                  d.may.correct && s.meeting.status === "ended"
                    ? (decisionId, rationale, reason) => live.send("record:correct", { decisionId, rationale, reason })
                    : undefined
                }
              />
            ) : (
              <p className="muted">{t("meetings.room.nothingSelected")}</p>
            )}
            {shown && detail && <ItemUpdates detail={detail} mayConfirm={d.may.capture && running} send={live.send} />}
          </div>

          <div className="cockpit-capture">
            {shown && isActionsBlock(shown) && (
              <OpenActions snapshot={s} mayReview={d.may.capture} send={live.send} dates={dates} />
            )}
            {shown && !shown.hidden && shown.caseCode && running && (
              <CaptureForms
                key={shown.id}
                item={shown}
                detail={detail}
                snapshot={s}
                may={d.may}
                me={d.me}
                agencies={d.agencies}
                members={d.members}
                sharing={d.sharing}
                grading={d.grading}
                send={live.send}
                decisionRef={decisionRef}
                taskRef={taskRef}
              />
            )}
          </div>

          {shown && shown.access === "full" && (
            <div className="card notes-slot cockpit-notes">
              {/* The server decides read or write on need to know; ended meetings are read-only. */}
              <NotesPanel
                key={shown.id}
                doc={agendaItemDoc(shown.id)}
                label={t("meetings.room.notes")}
                user={{ personId: d.me.personId, name: d.me.name }}
                readOnly={s.meeting.status === "ended"}
              />
            </div>
          )}
        </div>
      )}
      <DecisionReadBack decisions={s.decisions} />
      {panel === "attendance" && (
        <RoomPanel id="attendance-panel" title={t("meetings.room.present")} onClose={() => setPanel(null)}>
          <AttendanceList
            snapshot={s}
            pending={live.pending}
            myPersonId={d.me.personId}
            mayCorrect={d.may.run}
            send={live.send}
            dates={dates}
          />
        </RoomPanel>
      )}
      {panel === "keys" && (
        <RoomPanel id="keys-panel" title={t("meetings.room.help")} onClose={() => setPanel(null)}>
          <KeyboardHelp on={shortcutsOn} onChange={setShortcutsOn} />
        </RoomPanel>
      )}
    </div>
  );
}
