import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { MeetingAnswer } from "../../contract/vocabulary.ts";

export interface InviteeAnswerView {
  personId: string;
  name: string;
  agencyName: string;
  answer: MeetingAnswer | null;
  delegateName: string | null;
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
}: {
  /** `/n/<network>/meetings/<meeting>` */
  base: string;
  answers: InviteeAnswerView[];
  own: InviteeAnswerView | null;
  /** The meeting has not ended or been cancelled: answers may still be given. */
  open: boolean;
  mayChange: boolean;
}) {
  const { t } = useTranslation();
  const labelOf = useAnswerLabel();
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
              </tr>
            </thead>
            <tbody>
              {answers.map((a) => (
                <tr key={a.personId}>
                  <td>{a.name}</td>
                  <td>{a.agencyName}</td>
                  <td>{labelOf(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
