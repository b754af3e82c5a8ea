import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatFullMoment, useDateStyle } from "../dates.ts";
import { data, Form, Link } from "react-router";
import { SECTIONS_TO_ADD, oneOf, type SectionToAdd } from "../contract/vocabulary.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { requireMeetingPage } from "../../server/meetings/access.ts";
import { agendaItemTitle } from "../contract/agendaItemTitle.ts";
import { plannedEndOf } from "../components/meeting/AgendaList.tsx";
import { useMeeting } from "../realtime/useMeeting.ts";
import { ConfidentialityStatement } from "../components/meeting/ConfidentialityStatement.tsx";
import type { Route } from "./+types/meeting-agenda";
import { CommandNotice } from "../components/meeting/CommandNotice.tsx";
import { InvitationAnswers } from "../components/meeting/InvitationAnswers.tsx";
import { tFor } from "../i18n.ts";
import { refusalText } from "../refusals.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, meeting } = await requireMeetingPage(context, request, params.networkId, params.meetingId);
  const { meetings, meetingAnswers, networks, policy } = context.services;
  const network = (await networks.get(params.networkId))!;
  const mayEdit = policy.can(viewer, "meetings:run", network.id);
  return {
    invitations: {
      answers: mayEdit ? await meetingAnswers.responsesFor(network.id, meeting.id) : [],
      own: await meetingAnswers.answerOf(network.id, meeting.id, viewer.personId),
      open: meeting.status === "scheduled" || meeting.status === "running",
      mayChange: policy.can(viewer, "meetings:schedule", network.id) && meeting.status === "scheduled",
      mails: mayEdit ? await meetings.invitationsSent(network.id, meeting.id) : [],
      maySendAgain: policy.can(viewer, "meetings:schedule", network.id),
    },
    meetingId: meeting.id,
    timeZone: network.timeZone,
    mayEdit,
    updatesPage: policy.can(viewer, "updates:post", network.id) || policy.can(viewer, "meetings:run", network.id),
    place: meeting.place,
    callLink: meeting.callLink,
    guestChoices: mayEdit ? await meetings.guestChoices(network.id) : [],
    guests: mayEdit ? await meetings.guestsOf(meeting.id) : [],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:run");
  const form = await request.formData();
  const meeting = await context.services.meetings.get(params.networkId, params.meetingId);
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  if (meeting.status === "ended" || meeting.status === "cancelled")
    throw data({ reason: "meeting_closed" }, { status: 409 });
  const itemId = String(form.get("itemId") ?? "");
  const personId = String(form.get("personId") ?? "");
  // Nobody chosen: said beside that item's form, nothing changed.
  if (!personId) return data({ itemId, error: tFor(context)("meetings.agenda.chooseGuestFirst") }, { status: 400 });
  const ok = await context.services.meetings.inviteGuest(
    actorOf(context, viewer),
    params.networkId,
    params.meetingId,
    itemId,
    personId,
    { origin: context.publicUrl ?? new URL(request.url).origin },
  );
  if (!ok) throw data({ reason: "not_found" }, { status: 404 });
  return { itemId, error: null };
}

export default function MeetingAgenda({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  /** The item whose guest form was sent with nobody chosen. */
  const refused = actionData?.error ? actionData.itemId : null;
  // Whoever prepares the agenda sees it as the room's display does, case codes only,
  // before and after the statement: enough to plan, nothing of the cases' content.
  const live = useMeeting(d.meetingId, { display: d.mayEdit });
  const s = live.snapshot;
  const [add, setAdd] = useState<{ title: string; section: SectionToAdd; minutes: number; caseCode: string }>({
    title: "",
    section: "aob",
    minutes: 5,
    caseCode: "",
  });
  const [addError, setAddError] = useState<string | null>(null);
  const [retimed, setRetimed] = useState<Record<string, "saving" | "saved" | string>>({});
  if (!s) return <p role="status">{t("meetings.room.connecting")}</p>;
  const items = s.agenda;
  const move = (index: number, by: number) => {
    const ids = items.map((i) => i.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved);
    void live.send("agenda:reorder", { itemIds: ids });
  };
  const editable = d.mayEdit && (s.meeting.status === "scheduled" || s.meeting.status === "running");
  const retime = async (itemId: string, minutes: number) => {
    setRetimed((r) => ({ ...r, [itemId]: "saving" }));
    const ack = await live.send("agenda:retime", { itemId, minutes });
    setRetimed((r) => ({ ...r, [itemId]: ack?.ok ? "saved" : ack ? refusalText(t, ack.error) : "" }));
  };
  return (
    <div className="page">
      <title>{`${t("meetings.agenda.title")} · ${s.meeting.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={`/n/${s.meeting.networkId}/meetings/${d.meetingId}`}>← {t("meetings.agenda.back")}</Link>
      </p>
      <h1>
        {t("meetings.agenda.title")}: {s.meeting.title}
      </h1>
      <p className="lead">
        {formatFullMoment(s.meeting.startsAt, dateStyle)}
        {d.place && ` · ${d.place}`} ·{" "}
        <strong data-testid="planned-end">
          {t("meetings.agenda.plannedEnd", {
            time: plannedEndOf(s.meeting.startsAt, items, dateStyle),
          })}
        </strong>
      </p>
      {s.meeting.status !== "cancelled" && d.updatesPage && (
        <p>
          <Link to={`/n/${s.meeting.networkId}/meetings/${d.meetingId}/updates`}>{t("updates.link")}</Link>
        </p>
      )}
      <CommandNotice error={live.lastError?.name === "agenda:add" ? null : live.lastError} />
      {s.level === "display" && <p className="muted">{t("meetings.agenda.codesOnly")}</p>}
      {s.level === "lobby" && (
        <ConfidentialityStatement
          className="notice info"
          version={s.meeting.confidentiality.version}
          statement={s.meeting.confidentiality.statement}
          onAccept={async () => {
            const ack = await live.send("confidentiality:accept", { version: s.meeting.confidentiality.version });
            if (ack?.ok) live.refresh();
          }}
        />
      )}
      <ol className="agenda-editor">
        {items.map((item, index) => {
          const label = item.hidden
            ? `${t(`meetings.sections.${item.section}`)}: ${t("meetings.agenda.hiddenItem")}`
            : agendaItemTitle(t, item);
          const guestsHere = d.guests.filter((g) => g.itemId === item.id);
          return (
            <li key={item.id} className={`card agenda-row is-${item.status}`}>
              <div className="row-between">
                <span>
                  <span className="eyebrow">{t(`meetings.sections.${item.section}`)}</span> <strong>{label}</strong>{" "}
                  <span className="muted">{t(`meetings.reasons.${item.reason}`, { defaultValue: item.reason })}</span>
                </span>
                {editable ? (
                  <span className="row-actions">
                    <label className="inline-field">
                      <span>{t("meetings.agenda.retime")}</span>
                      <input
                        type="number"
                        min={1}
                        max={240}
                        defaultValue={item.plannedMinutes}
                        key={`${item.id}-${item.plannedMinutes}`}
                        aria-label={`${t("meetings.agenda.retime")}: ${label}`}
                        aria-describedby={`retimed-${item.id}`}
                        onBlur={(e) =>
                          Number(e.target.value) !== item.plannedMinutes && void retime(item.id, Number(e.target.value))
                        }
                      />
                    </label>
                    <span
                      id={`retimed-${item.id}`}
                      role="status"
                      className={`save-state${retimed[item.id] && retimed[item.id] !== "saving" && retimed[item.id] !== "saved" ? " field-error" : ""}`}
                    >
                      {retimed[item.id] === "saving"
                        ? t("meetings.agenda.saving")
                        : retimed[item.id] === "saved"
                          ? `✓ ${t("meetings.agenda.saved")}`
                          : (retimed[item.id] ?? "")}
                    </span>
                    <button
                      type="button"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                      aria-label={`${t("meetings.agenda.moveUp")}: ${label}`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      disabled={index === items.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={`${t("meetings.agenda.moveDown")}: ${label}`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => void live.send("agenda:remove", { itemId: item.id })}
                      aria-label={`${t("meetings.agenda.remove")}: ${label}`}
                    >
                      {t("meetings.agenda.remove")}
                    </button>
                  </span>
                ) : (
                  <span className="muted">{t("meetings.agenda.minutes", { count: item.plannedMinutes })}</span>
                )}
              </div>
              {editable && item.caseCode && (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="itemId" value={item.id} />
                  <label className="inline-field">
                    <span>{t("meetings.agenda.inviteGuest")}</span>
                    <select
                      // Anew once a guest is added: the choice is cleared for the next one.
                      key={guestsHere.length}
                      name="personId"
                      aria-label={`${t("meetings.agenda.inviteGuest")}: ${label}`}
                      defaultValue=""
                      required
                      aria-invalid={refused === item.id ? true : undefined}
                      aria-describedby={refused === item.id ? `guest-error-${item.id}` : undefined}
                    >
                      <option value="">{t("meetings.agenda.chooseGuest")}</option>
                      {d.guestChoices.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name} ({p.agencyName})
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" className="secondary">
                    {t("meetings.agenda.inviteSubmit")}
                  </button>
                  {refused === item.id && (
                    <p id={`guest-error-${item.id}`} className="field-error" role="alert">
                      {actionData?.error}
                    </p>
                  )}
                  {guestsHere.length > 0 && (
                    <span className="muted">
                      {t("meetings.agenda.guests")}:{" "}
                      {guestsHere.map((g) => d.guestChoices.find((p) => p.id === g.personId)?.name).join(", ")}
                    </span>
                  )}
                </Form>
              )}
            </li>
          );
        })}
      </ol>
      <InvitationAnswers base={`/n/${s.meeting.networkId}/meetings/${d.meetingId}`} {...d.invitations} />
      {editable && (
        <form
          className="card form"
          aria-labelledby="add-heading"
          onSubmit={async (e) => {
            e.preventDefault();
            setAddError(null);
            const ack = await live.send("agenda:add", {
              title: add.title,
              section: add.section,
              minutes: add.minutes,
              ...(add.caseCode ? { caseCode: add.caseCode } : {}),
            });
            // Refused (e.g. an unknown case code): the form keeps what was typed, the reason beside the code.
            if (ack && !ack.ok) return setAddError(refusalText(t, ack.error));
            setAdd({ ...add, title: "", caseCode: "" });
          }}
        >
          <h2 id="add-heading">{t("meetings.agenda.add")}</h2>
          <div className="field">
            <label htmlFor="add-title">{t("meetings.agenda.addTitle")}</label>
            <input
              type="text"
              id="add-title"
              value={add.title}
              onChange={(e) => setAdd({ ...add, title: e.target.value })}
              required
              maxLength={200}
            />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="add-section">{t("meetings.agenda.addSection")}</label>
              <select
                id="add-section"
                value={add.section}
                onChange={(e) => setAdd({ ...add, section: oneOf(SECTIONS_TO_ADD, e.target.value) ?? add.section })}
              >
                {SECTIONS_TO_ADD.map((x) => (
                  <option key={x} value={x}>
                    {t(`meetings.sections.${x}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="add-case">{t("meetings.agenda.addCase")}</label>
              <input
                type="text"
                id="add-case"
                value={add.caseCode}
                onChange={(e) => setAdd({ ...add, caseCode: e.target.value })}
                aria-invalid={addError ? true : undefined}
                aria-describedby={addError ? "add-case-error" : undefined}
              />
              {addError && (
                <p id="add-case-error" className="field-error" role="alert">
                  {addError}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="add-minutes">{t("meetings.agenda.addMinutes")}</label>
              <input
                id="add-minutes"
                type="number"
                min={1}
                max={240}
                value={add.minutes}
                onChange={(e) => setAdd({ ...add, minutes: Number(e.target.value) })}
              />
            </div>
          </div>
          <button type="submit">{t("meetings.agenda.addSubmit")}</button>
        </form>
      )}
    </div>
  );
}
