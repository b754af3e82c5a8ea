import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import type { MeetingAnswer } from "../../contract/vocabulary.ts";
import { deliveryReason } from "../../deliveryReason.ts";

export interface InviteeAnswerView {
  personId: string;
  name: string;
  agencyName: string;
  answer: MeetingAnswer | null;
  delegateName: string | null;
}

/** One invitation mail (the newest per person counts): where it is. */
export interface InvitationMailView {
  id: string;
  personId: string;
  state: "pending" | "sending" | "sent" | "failed" | "refused" | "unknown";
  reason: string | null;
}

/** How an answer reads: "Will attend", "Apologies, delegate: …", "No answer yet". */
export function useAnswerLabel() {
  const { t } = useTranslation();
  return (a: Pick<InviteeAnswerView, "answer" | "delegateName">) =>
    a.answer === "attending"
      ? t("meetingInvites.answers.attending")
      : a.answer === "apologies"
        ? a.delegateName
          ? t("meetingInvites.answers.apologiesWithDelegate", { name: a.delegateName })
          : t("meetingInvites.answers.apologies")
        : t("meetingInvites.answers.none");
}

/**
 * The answers to a meeting's invitations: every invitee's for those who run the meeting,
 * the person's own (with the link to give or change it) for everyone invited.
 */
export function InvitationAnswers({
  base,
  answers,
  own,
  open,
  mayChange,
  mails,
  maySendAgain,
}: {
  /** `/n/<network>/meetings/<meeting>` */
  base: string;
  answers: InviteeAnswerView[];
  own: InviteeAnswerView | null;
  /** The meeting has not ended or been cancelled: answers may still be given. */
  open: boolean;
  mayChange: boolean;
  /** Every invitation mail of the meeting, oldest first (the same deliveries as the minutes'). */
  mails: InvitationMailView[];
  /** May send a failed or unknown invitation again. */
  maySendAgain: boolean;
}) {
  const { t } = useTranslation();
  const labelOf = useAnswerLabel();
  const newest = new Map(mails.map((m) => [m.personId, m]));
  const mailState = (m: InvitationMailView | undefined) =>
    !m
      ? t("meetingInvites.answers.noMail")
      : t(`minutes.deliveries.${m.state}`, { reason: deliveryReason(t, m.reason), defaultValue: m.state });
  const count = (a: MeetingAnswer | null) => answers.filter((x) => x.answer === a).length;
  return (
    <section className="card" aria-labelledby="answers-heading">
      <div className="row-between">
        <h2 id="answers-heading">{t("meetingInvites.answers.title")}</h2>
        {mayChange && <Link to={`${base}/change`}>{t("meetingInvites.change.link")}</Link>}
      </div>
      {own && (
        <p>
          {t("meetingInvites.answers.yours", { answer: labelOf(own) })}{" "}
          {open && <Link to={`${base}/answer`}>{t("meetingInvites.answers.change")}</Link>}
        </p>
      )}
      {answers.length > 0 && (
        <>
          <p className="muted">
            {t("meetingInvites.answers.summary", {
              attending: count("attending"),
              apologies: count("apologies"),
              none: count(null),
            })}
          </p>
          <table className="table" data-testid="invitation-answers">
            <thead>
              <tr>
                <th scope="col">{t("meetingInvites.answers.person")}</th>
                <th scope="col">{t("meetingInvites.answers.agency")}</th>
                <th scope="col">{t("meetingInvites.answers.reply")}</th>
                <th scope="col">{t("meetingInvites.answers.mail")}</th>
              </tr>
            </thead>
            <tbody>
              {answers.map((a) => (
                <tr key={a.personId}>
                  <td>{a.name}</td>
                  <td>{a.agencyName}</td>
                  <td>{labelOf(a)}</td>
                  <td>
                    {mailState(newest.get(a.personId))}
                    {maySendAgain && <SendAgain base={base} mail={newest.get(a.personId)} name={a.name} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** "Try again now" for a failed invitation, "Send again anyway" for one that may have arrived. */
function SendAgain({ base, mail, name }: { base: string; mail: InvitationMailView | undefined; name: string }) {
  const { t } = useTranslation();
  if (!mail || (mail.state !== "failed" && mail.state !== "unknown")) return null;
  const label = mail.state === "failed" ? "retry" : "resend";
  return (
    <Form method="post" action={`${base}/change`} className="inline-form">
      <input type="hidden" name="intent" value="sendAgain" />
      <input type="hidden" name="deliveryId" value={mail.id} />
      <button
        type="submit"
        className="secondary"
        aria-label={t(`minutes.deliveries.${label}Label`, { what: t("meetingInvites.answers.invitation"), name })}
      >
        {t(`minutes.deliveries.${label}`)}
      </button>
    </Form>
  );
}
