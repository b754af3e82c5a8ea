import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaItemView, ItemDetailView, MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import { formatDay, formatMoment, useDateStyle } from "../../dates.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import { readerLanguage, textIn } from "../../contract/templateText.ts";
import { sharingLine } from "../case/sharingLine.ts";

/** What every screen shows of the item under discussion, as far as it may see it. */
export function ItemPanel({
  item,
  detail,
  snapshot,
  onCorrect,
}: {
  item: AgendaItemView;
  detail: ItemDetailView | null;
  snapshot: MeetingSnapshot;
  /** The coordinator corrects the record during minutes review (audited). */
  onCorrect?: (decisionId: string, rationale: string, reason: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const dateStyle = useDateStyle();
  if (item.hidden) {
    return (
      <section className="card item-panel" aria-labelledby="item-heading">
        <h2 id="item-heading">
          {t(`meetings.sections.${item.section}`)}: {t("meetings.agenda.hiddenItem")}
        </h2>
      </section>
    );
  }
  const decisions = snapshot.decisions.filter((x) => x.itemId === item.id);
  const tasks = snapshot.tasks.filter((x) => x.itemId === item.id);
  const proposals = snapshot.proposals.filter((x) => x.itemId === item.id && x.status === "open");
  const restricted = item.access === "summary";
  return (
    <section className="card item-panel" aria-labelledby="item-heading" data-testid="current-item">
      <p className="eyebrow">
        {t(`meetings.sections.${item.section}`)} · {t(`meetings.reasons.${item.reason}`, { defaultValue: item.reason })}
        {/* Said on the item too: on a phone the agenda that marks it is at the bottom. */}
        {item.status !== "pending" && <strong> · {t(`meetings.agenda.status.${item.status}`)}</strong>}
      </p>
      <h2 id="item-heading">{item.caseCode ?? agendaItemTitle(t, item)}</h2>
      {item.summary && (
        <>
          <h3>{t("meetings.room.summary")}</h3>
          <p>{item.summary}</p>
        </>
      )}
      {restricted && <p className="muted">{t("meetings.room.notShared")}</p>}
      {detail?.sharingBasis && (
        <p data-testid="sharing-basis">
          {t("sharing.title")}: <strong>{sharingLine(t, detail.sharingBasis, dateStyle)}</strong>
        </p>
      )}
      {detail?.isMinor && <p className="badge warning">{t("cockpit.item.minor")}</p>}
      {detail?.signal && <SignalFacts signal={detail.signal} />}
      {detail && detail.goals.length > 0 && (
        <>
          <h3>{t("meetings.room.goals")}</h3>
          <ul>
            {detail.goals.map((g, i) => (
              <li key={i}>
                {g.what}{" "}
                <span className="muted">
                  ({g.measure}, {DAY.test(g.byWhen) ? formatDay(g.byWhen, dateStyle) : g.byWhen})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {detail && !restricted && (item.section === "checkins" || detail.openTasks.length > 0) && (
        <>
          <h3>{t("meetings.room.openTasks")}</h3>
          {detail.openTasks.length === 0 ? (
            <p className="muted">{t("meetings.room.noTasks")}</p>
          ) : (
            <ul>
              {detail.openTasks.map((x, i) => (
                <li key={i}>
                  {x.what}{" "}
                  <span className="muted">
                    ·{" "}
                    {[x.agencyName, x.ownerName, x.dueOn && formatDay(x.dueOn, dateStyle)].filter(Boolean).join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {detail?.closure && (
        <>
          <h3>{t("meetings.room.closureChecklist")}</h3>
          <p>{detail.closure.rationale}</p>
          <ul className="checklist">
            {detail.closure.checklist.map((c) => (
              <li key={c.key}>
                {c.question ? textIn(c.question, readerLanguage(i18n.language)) : c.key}{" "}
                <strong>{t(`closure.answers.${c.answer}`, { defaultValue: c.answer })}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
      {!restricted && <h3>{t("meetings.room.decisions")}</h3>}
      {restricted ? null : decisions.length === 0 ? (
        <p className="muted">{t("meetings.room.noDecisions")}</p>
      ) : (
        <ul className="decision-list" data-testid="decisions">
          {decisions.map((x) => (
            <li key={x.id}>
              <strong>{t(`meetings.decision.outcomes.${x.outcome}`, { defaultValue: x.outcome })}</strong>:{" "}
              {x.rationale} <span className="muted">· {x.decidedByName}</span>
              {onCorrect && <CorrectDecision decisionId={x.id} rationale={x.rationale} onCorrect={onCorrect} />}
              {x.views.length > 0 && (
                <ul>
                  {x.views.map((v) => (
                    <li key={v.agencyId} className={`view-${v.view}`}>
                      {v.agencyName}: {t(`meetings.decision.view.${v.view}`)}
                      {v.comment && ` · ${v.comment}`}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {(tasks.length > 0 || proposals.length > 0) && (
        <>
          <h3>{t("meetings.room.tasks")}</h3>
          <ul data-testid="tasks">
            {tasks.map((x) => (
              <li key={x.id}>
                {x.what}{" "}
                <span className="muted">
                  ·{" "}
                  {[x.ownerAgencyName, x.ownerPersonName, x.dueOn && formatDay(x.dueOn, dateStyle)]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function CorrectDecision({
  decisionId,
  rationale,
  onCorrect,
}: {
  decisionId: string;
  rationale: string;
  onCorrect: (decisionId: string, rationale: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(rationale);
  const [reason, setReason] = useState("");
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t("meetings.correct.open")}
      </button>
    );
  return (
    <form
      className="form correct-form"
      onSubmit={(e) => {
        e.preventDefault();
        onCorrect(decisionId, text, reason);
        setOpen(false);
      }}
    >
      <div className="field">
        <label htmlFor={`${decisionId}-fix`}>{t("meetings.decision.rationale")}</label>
        <textarea id={`${decisionId}-fix`} value={text} onChange={(e) => setText(e.target.value)} required rows={2} />
      </div>
      <div className="field">
        <label htmlFor={`${decisionId}-why`}>{t("meetings.correct.reason")}</label>
        <input
          type="text"
          id={`${decisionId}-why`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
        />
      </div>
      <button type="submit">{t("meetings.correct.submit")}</button>
    </form>
  );
}

/** What came in and from where, never who it is about nor who reported it. */
function SignalFacts({ signal }: { signal: NonNullable<ItemDetailView["signal"]> }) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  return (
    <div className="signal-facts">
      <dl className="facts">
        <dt>{t("cockpit.item.received")}</dt>
        <dd>{formatMoment(signal.receivedAt, dateStyle)}</dd>
        <dt>{t("cockpit.item.channel")}</dt>
        <dd>{t(`signals.channels.${signal.channel}`, { defaultValue: signal.channel })}</dd>
        <dt>{t("cockpit.item.source")}</dt>
        <dd>
          {signal.sourceWithheld
            ? t("cockpit.item.sourceWithheld")
            : (signal.source ?? t("cockpit.item.sourceUnknown"))}
        </dd>
        <dt>{t("cockpit.item.reporterRole")}</dt>
        <dd>
          {signal.via === "intake"
            ? t("cockpit.item.viaIntake", { label: signal.viaName ?? "" })
            : signal.via === "member"
              ? t("cockpit.item.viaMember", { agency: signal.viaName ?? "" })
              : t("cockpit.item.sourceUnknown")}
        </dd>
        <dt>{t("meetings.room.grade")}</dt>
        <dd>
          <strong data-testid="signal-grade">{signal.grade ?? t("meetings.room.notGraded")}</strong>
        </dd>
      </dl>
      {signal.concern && (
        <>
          <h3>{t("signals.analysis.concern")}</h3>
          <blockquote className="concern">{signal.concern}</blockquote>
        </>
      )}
    </div>
  );
}
