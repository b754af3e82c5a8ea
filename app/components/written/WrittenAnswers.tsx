import { useTranslation } from "react-i18next";
import type { WrittenDetail } from "../../contract/writtenProcedure.ts";
import { formatMoment } from "../../dates.ts";

/** Every involved agency with its answer (or none yet): views, dissent and report-backs side by side. */
export function WrittenAnswers({ detail, timeZone }: { detail: WrittenDetail; timeZone: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card" aria-labelledby="written-answers">
      <h2 id="written-answers">{t("written.procedure.answersHeading")}</h2>
      <p className="hint">{t("written.procedure.live")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("written.procedure.agency")}</th>
              <th scope="col">{t("written.procedure.view")}</th>
              <th scope="col">{t("written.procedure.reason")}</th>
              <th scope="col">{t("written.procedure.by")}</th>
            </tr>
          </thead>
          <tbody aria-live="polite">
            {detail.agencies.map((a) => {
              const answer = detail.answers.find((x) => x.agencyId === a.agencyId);
              return (
                <tr key={a.agencyId} data-agency={a.agencyName}>
                  <th scope="row">
                    {a.agencyName}
                    <span className="cell-sub">
                      {a.deciders > 0
                        ? t("written.procedure.deciders", { count: a.deciders })
                        : t("written.procedure.noDeciders")}
                    </span>
                  </th>
                  <td>
                    <span className={answer?.stance === "disagree" ? "badge warning" : answer ? "badge" : "muted"}>
                      {t(`written.stances.${answer?.stance ?? "none"}`)}
                    </span>
                  </td>
                  <td>{answer?.reason ?? ""}</td>
                  <td>
                    {answer && (
                      <>
                        {answer.givenByName}
                        <span className="cell-sub">{formatMoment(answer.givenAt, i18n.language, timeZone)}</span>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
