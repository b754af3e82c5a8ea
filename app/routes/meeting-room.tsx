import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { requireNetworkAction } from "../../server/auth/guards.ts";
import { gradesOf, usesHandling } from "../contract/grading.ts";
import { AgendaList, plannedEndOf } from "../components/meeting/AgendaList.tsx";
import { CaptureForms } from "../components/meeting/CaptureForms.tsx";
import { ItemPanel } from "../components/meeting/ItemPanel.tsx";
import { MeetingTimer } from "../components/meeting/MeetingTimer.tsx";
import { useItemDetail, useMeeting } from "../realtime/useMeeting.ts";
import { useServerRestarting } from "../realtime/useServerRestarting.ts";
import { agendaItemDoc } from "../../server/realtime/meetingProtocol.ts";
import { CollaborativeNotes } from "../components/CollaborativeNotes.tsx";
import { ConfidentialityStatement } from "../components/meeting/ConfidentialityStatement.tsx";
import type { Route } from "./+types/meeting-room";
import { CommandNotice } from "../components/meeting/CommandNotice.tsx";
import { AttendanceList } from "../components/attendance/AttendanceList.tsx";
import { MyAttendance } from "../components/attendance/MyAttendance.tsx";
import { useArrival } from "../realtime/useArrival.ts";
import { GuestWay } from "../components/guest/GuestWay.tsx";
import { guestStage } from "../components/guest/guestStage.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = requireNetworkAction(context, request, params.networkId, "meetings:view");
  const { meetings, networks, policy, actionPlans, analysis } = context.services;
  const meeting = await meetings.get(params.networkId, params.meetingId);
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const network = (await networks.get(params.networkId))!;
  const scale = await analysis.gradingScale(network.id);
  const choices = await actionPlans.choices(network.id);
  const membership = viewer.memberships[network.id];
  return {
    meetingId: meeting.id,
    networkId: network.id,
    timeZone: network.timeZone,
    dates: { locale: network.locale, timeZone: network.timeZone },
    me: { personId: viewer.personId, name: viewer.name, agencyId: membership.agencyId, role: membership.role },
    may: {
      correct: policy.can(viewer, "meetings:correct", network.id),
      run: policy.can(viewer, "meetings:run", network.id),
      capture: policy.can(viewer, "meetings:capture", network.id),
      editAgenda: policy.can(viewer, "meetings:run", network.id),
    },
    agencies: choices.agencies,
    people: (await meetings.guestChoices(network.id)).filter((p) => choices.people.some((c) => c.id === p.id)),
    peopleAgency: Object.fromEntries((await networks.listAgencies(network.id)).map((a) => [a.id, a.name])),
    members: (await context.services.members.list(network.id)).map((m) => ({
      personId: m.personId,
      agencyId: m.agencyId,
      name: m.name,
    })),
    grading: {
      scale,
      source: gradesOf(scale, "source"),
      information: gradesOf(scale, "information"),
      handling: usesHandling(scale) ? gradesOf(scale, "handling") : [],
    },
  };
}

export default function MeetingRoom({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const d = loaderData;
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
  const [help, setHelp] = useState(false);
  const decisionRef = useRef<HTMLElement>(null);
  const taskRef = useRef<HTMLElement>(null);
  const closeHelpRef = useRef<HTMLButtonElement>(null);
  const running = s?.meeting.status === "running";
  const me = s?.participants.find((p) => p.personId === d.me.personId);
  const [leftOnPurpose, setLeftOnPurpose] = useState(false);
  useArrival(me, running && !leftOnPurpose, live.status === "online", live.send);
  const guest = s?.level === "guest" && me ? guestStage(s, me.guestOf) : null;

  useEffect(() => {
    setViewedId(null);
  }, [s?.meeting.currentItemId]);

  // The help dialog takes the focus when it opens, so Escape and Tab work inside it.
  useEffect(() => {
    if (help) closeHelpRef.current?.focus();
  }, [help]);

  useEffect(() => {
    if (!d.may.run) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true]") || e.ctrlKey || e.metaKey || e.altKey)
        return;
      if (e.key === "?") setHelp((h) => !h);
      else if (e.key === "Escape") setHelp(false);
      else if (!running) return;
      else if (e.key === "n" || e.key === "ArrowRight") void live.send("item:open", { to: "next" });
      else if (e.key === "p" || e.key === "ArrowLeft") void live.send("item:open", { to: "previous" });
      else if (e.key === "t" || e.key === " ")
        void live.send(s?.meeting.timer.startedAt === null ? "timer:start" : "timer:pause", {});
      else if (e.key === "d") decisionRef.current?.querySelector<HTMLElement>("select, textarea")?.focus();
      else if (e.key === "a") taskRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [d.may.run, running, live, s?.meeting.timer.startedAt]);

  const plannedEnd = useMemo(
    () => (s ? plannedEndOf(s.meeting.startsAt, s.agenda, i18n.language, d.timeZone) : ""),
    [s, i18n.language, d.timeZone],
  );

  if (!s) {
    return (
      <div className="page">
        <h1>{t("meetings.list.title")}</h1>
        <p role="status">{live.lastError?.message ?? t("meetings.room.connecting")}</p>
      </div>
    );
  }

  return (
    <div className="meeting-room">
      <title>{`${s.meeting.title} · ${t("app.name")}`}</title>
      <header className="meeting-head">
        <div>
          <h1>{s.meeting.title}</h1>
          <p className="muted">
            {new Intl.DateTimeFormat(i18n.language, {
              dateStyle: "full",
              timeStyle: "short",
              timeZone: d.timeZone,
            }).format(s.meeting.startsAt)}{" "}
            · {t(`meetings.status.${s.meeting.status}`)}
          </p>
        </div>
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
      </header>
      {restarting && (
        <p className="notice info" role="status" data-testid="server-restarting">
          {t("meetings.room.restarting")}
        </p>
      )}
      <CommandNotice error={live.lastError} />

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
        <div className="meeting-grid">
          <aside className="meeting-side">
            <AgendaList
              agenda={s.level === "guest" ? s.agenda.filter((i) => !i.hidden) : s.agenda}
              currentItemId={s.meeting.currentItemId}
              onOpen={(id) =>
                d.may.run && running ? void live.send("item:open", { to: { itemId: id } }) : setViewedId(id)
              }
              plannedEnd={plannedEnd}
            />
            {d.may.editAgenda && (
              <p>
                <Link to="agenda">{t("meetings.list.agenda")}</Link>
              </p>
            )}
            <AttendanceList
              participants={s.participants}
              dates={d.dates}
              onCorrect={
                d.may.run && s.meeting.status !== "ended"
                  ? (personId, attendance) => void live.send("attendance:set", { personId, attendance })
                  : undefined
              }
            />
            {me && s.meeting.status !== "ended" && (
              <MyAttendance
                attendance={me.attendance}
                onChoose={(attendance) => void live.send("attendance:set", { personId: d.me.personId, attendance })}
              />
            )}
          </aside>

          <div className="meeting-main">
            {d.may.run && (
              <div className="chair-controls" role="toolbar" aria-label={t("meetings.room.help")}>
                {s.meeting.status === "scheduled" && (
                  <button type="button" className="primary" onClick={() => void live.send("meeting:start", {})}>
                    {t("meetings.room.start")}
                  </button>
                )}
                {running && (
                  <>
                    <button
                      type="button"
                      onClick={() => void live.send("item:open", { to: "previous" })}
                      aria-keyshortcuts="p"
                    >
                      ← {t("meetings.room.previous")}
                    </button>
                    <button
                      type="button"
                      onClick={() => void live.send("item:open", { to: "next" })}
                      aria-keyshortcuts="n"
                    >
                      {t("meetings.room.next")} →
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        void live.send(s.meeting.timer.startedAt === null ? "timer:start" : "timer:pause", {})
                      }
                      aria-keyshortcuts="t"
                    >
                      {s.meeting.timer.startedAt === null
                        ? t("meetings.room.timerStart")
                        : t("meetings.room.timerPause")}
                    </button>
                    {current && (
                      <>
                        <button
                          type="button"
                          onClick={() => void live.send("item:complete", { itemId: current.id, outcome: "done" })}
                        >
                          {t("meetings.room.done")}
                        </button>
                        <button
                          type="button"
                          onClick={() => void live.send("item:complete", { itemId: current.id, outcome: "deferred" })}
                        >
                          {t("meetings.room.defer")}
                        </button>
                      </>
                    )}
                    <button
                      type="button"
                      className="danger"
                      onClick={() => window.confirm(t("meetings.room.end")) && void live.send("meeting:end", {})}
                    >
                      {t("meetings.room.end")}
                    </button>
                  </>
                )}
                <button type="button" className="secondary" onClick={() => setHelp(true)} aria-keyshortcuts="?">
                  ?
                </button>
              </div>
            )}
            {s.meeting.status === "scheduled" && <p className="muted">{t("meetings.room.notStarted")}</p>}
            {s.meeting.status === "ended" && (
              <p className="notice info">
                {t("meetings.room.ended")}{" "}
                <Link to={`/n/${d.networkId}/meetings/${d.meetingId}/minutes`}>{t("minutes.link")}</Link>
              </p>
            )}
            {current && running && <MeetingTimer timer={s.meeting.timer} plannedMinutes={current.plannedMinutes} />}
            {viewedId && (
              <button type="button" className="link-button" onClick={() => setViewedId(null)}>
                {t("meetings.room.current")}
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
            {shown && !shown.hidden && shown.caseCode && running && (
              <CaptureForms
                item={shown}
                detail={detail}
                snapshot={s}
                may={d.may}
                me={d.me}
                agencies={d.agencies}
                members={d.members}
                grading={d.grading}
                send={live.send}
                decisionRef={decisionRef}
                taskRef={taskRef}
              />
            )}
            {shown && shown.access === "full" && (
              <div className="card notes-slot">
                {/* The server decides read or write on need to know; ended meetings are read-only. */}
                <CollaborativeNotes
                  key={shown.id}
                  doc={agendaItemDoc(shown.id)}
                  label={t("meetings.room.notes")}
                  user={{ personId: d.me.personId, name: d.me.name }}
                  readOnly={s.meeting.status === "ended"}
                />
              </div>
            )}
          </div>
        </div>
      )}
      {help && (
        <div className="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-heading">
          <div className="card">
            <h2 id="help-heading">{t("meetings.room.help")}</h2>
            <dl className="keys">
              {(
                [
                  ["n / →", "next"],
                  ["p / ←", "previous"],
                  ["t / space", "timer"],
                  ["d", "decision"],
                  ["a", "task"],
                  ["?", "help"],
                ] as const
              ).map(([k, what]) => (
                <div key={what}>
                  <dt>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd>{t(`meetings.room.keys.${what}`)}</dd>
                </div>
              ))}
            </dl>
            <button type="button" onClick={() => setHelp(false)} ref={closeHelpRef}>
              {t("meetings.room.helpClose")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
