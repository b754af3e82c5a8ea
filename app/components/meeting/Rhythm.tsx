import { useTranslation } from "react-i18next";
import type { AgendaItemView, MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import { ACTION_REVIEWS } from "../../contract/vocabulary.ts";
import { formatDay, type DateStyle } from "../../contract/dates.ts";
import { RefusalMessage, useCommand, type Send } from "./Refusal.tsx";

// The meeting's rhythm (MARAC and Channel practice): the last meeting's open actions
// first, as one block; a round of views on an item; raised hands the chair clears.

/** Whether an agenda item is the opening block of the last meeting's open actions. */
export const isActionsBlock = (item: AgendaItemView) => item.reason === "open_tasks_last_meeting" && !item.caseCode;

/** The last meeting's open actions: each found done, no longer possible, or not done by its agency. */
export function OpenActions({
  snapshot: s,
  mayReview,
  send,
  dates,
}: {
  snapshot: MeetingSnapshot;
  mayReview: boolean;
  send: Send;
  dates: DateStyle;
}) {
  const { t } = useTranslation();
  const command = useCommand(send);
  const running = s.meeting.status === "running";
  return (
    <section className="card open-actions" aria-labelledby="open-actions-heading" data-testid="open-actions">
      <h2 id="open-actions-heading">{t("cockpit.rhythm.actionsTitle")}</h2>
      <p className="muted">{t("cockpit.rhythm.actionsIntro")}</p>
      {s.actions.length === 0 ? (
        <p className="muted">{t("cockpit.rhythm.noActions")}</p>
      ) : (
        <ul className="action-reviews">
          {s.actions.map((a) => (
            <li key={a.taskId} data-testid="open-action">
              <p>
                <strong>{a.caseCode}</strong> · {a.what}
                <span className="muted">
                  {" · "}
                  {[a.ownerAgencyName, a.ownerPersonName, a.dueOn ? formatDay(a.dueOn, dates) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </p>
              {mayReview && running ? (
                <div
                  className="action-review-buttons"
                  role="group"
                  aria-label={t("cockpit.rhythm.reviewOf", { what: a.what })}
                >
                  {ACTION_REVIEWS.map((outcome) => (
                    <button
                      key={outcome}
                      type="button"
                      className={a.review === outcome ? "primary" : "secondary"}
                      aria-pressed={a.review === outcome}
                      onClick={() => void command.run("action:review", { taskId: a.taskId, outcome })}
                    >
                      {t(`cockpit.rhythm.review.${outcome}`)}
                    </button>
                  ))}
                </div>
              ) : (
                <p data-testid="action-review">
                  {a.review ? t(`cockpit.rhythm.review.${a.review}`) : t("cockpit.rhythm.notReviewed")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <RefusalMessage id="open-actions-refusal" refusal={command.refusal} />
    </section>
  );
}

/**
 * The round of views on the item being discussed, shown to every screen; the chair calls
 * it and passes the word on. The display is told how far the round is, not who speaks.
 */
export function RoundOfViews({
  snapshot: s,
  item,
  mayRun,
  send,
}: {
  snapshot: MeetingSnapshot;
  item: AgendaItemView | null;
  mayRun: boolean;
  send: Send;
}) {
  const { t } = useTranslation();
  const command = useCommand(send);
  const round = s.round && item && s.round.itemId === item.id ? s.round : null;
  const running = s.meeting.status === "running";
  if (!round && !(mayRun && running && item?.caseCode)) return null;
  const speaking = round?.agencies[round.turn];
  return (
    <section className="card round-of-views" aria-labelledby="round-heading" data-testid="round">
      <h2 id="round-heading">{t("cockpit.rhythm.roundTitle")}</h2>
      {round ? (
        <>
          <p role="status" data-testid="round-turn">
            {speaking
              ? t("cockpit.rhythm.speaking", { agency: speaking.agencyName, turn: round.turn + 1, size: round.size })
              : t("cockpit.rhythm.roundProgress", { turn: round.turn + 1, size: round.size })}
          </p>
          {round.agencies.length > 0 && (
            <ol className="round-agencies">
              {round.agencies.map((a, i) => (
                <li
                  key={a.agencyId}
                  className={i === round.turn ? "is-speaking" : i < round.turn ? "is-done" : undefined}
                  aria-current={i === round.turn ? "step" : undefined}
                >
                  {a.agencyName}
                </li>
              ))}
            </ol>
          )}
          {mayRun && running && (
            <button type="button" onClick={() => void command.run("round:next", {})}>
              {round.turn + 1 < round.size ? t("cockpit.rhythm.nextAgency") : t("cockpit.rhythm.endRound")}
            </button>
          )}
        </>
      ) : (
        <button type="button" onClick={() => item && void command.run("round:call", { itemId: item.id })}>
          {t("cockpit.rhythm.callRound")}
        </button>
      )}
      <RefusalMessage id="round-refusal" refusal={command.refusal} />
    </section>
  );
}

/** The queue of raised hands, first raised first; the chair clears each one. */
export function RaisedHands({ snapshot: s, mayRun, send }: { snapshot: MeetingSnapshot; mayRun: boolean; send: Send }) {
  const { t } = useTranslation();
  const command = useCommand(send);
  if (s.hands.length === 0 || s.meeting.status !== "running") return null;
  return (
    <section className="card raised-hands" aria-labelledby="hands-heading" data-testid="hands">
      <h2 id="hands-heading">{t("cockpit.rhythm.handsTitle", { count: s.hands.length })}</h2>
      <ol>
        {s.hands.map((h) => (
          <li key={h.personId}>
            {h.name} <span className="muted">· {h.agencyName}</span>
            {mayRun && (
              <button
                type="button"
                className="link-button"
                onClick={() => void command.run("hand:lower", { personId: h.personId })}
              >
                {t("cockpit.rhythm.clearHand", { name: h.name })}
              </button>
            )}
          </li>
        ))}
      </ol>
      <RefusalMessage id="hands-refusal" refusal={command.refusal} />
    </section>
  );
}

/** A participant's own hand: raise it to ask to speak, lower it when no longer needed. */
export function MyHand({ snapshot: s, personId, send }: { snapshot: MeetingSnapshot; personId: string; send: Send }) {
  const { t } = useTranslation();
  const command = useCommand(send);
  if (s.meeting.status !== "running") return null;
  const raised = s.hands.some((h) => h.personId === personId);
  return (
    <span className="my-hand">
      <button
        type="button"
        className="secondary"
        aria-pressed={raised}
        onClick={() => void command.run(raised ? "hand:lower" : "hand:raise", raised ? { personId } : {})}
      >
        {raised ? t("cockpit.rhythm.lowerHand") : t("cockpit.rhythm.raiseHand")}
      </button>
      <RefusalMessage id="my-hand-refusal" refusal={command.refusal} />
    </span>
  );
}
