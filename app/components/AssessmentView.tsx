import { useTranslation } from "react-i18next";
import type { DomainAnswer, DomainChange } from "../contract/assessmentChanges.ts";
import { DOMAIN_TEXTS } from "../contract/assessmentChanges.ts";
import type { AssessmentTemplate } from "../contract/assessmentTemplate.ts";

export function JudgementBadge({ judgement }: { judgement: string }) {
  const { t } = useTranslation();
  return <span className={`judgement judgement-${judgement}`}>{t(`plans.judgements.${judgement}`)}</span>;
}

/** The line that says what happened to a domain since the assessment before. */
function ChangeLine({ change, previousOn }: { change: DomainChange | undefined; previousOn: string | null }) {
  const { t } = useTranslation();
  if (!change || change.status === "first") return null;
  if (change.status === "same")
    return <p className="domain-change muted">{t("plans.assessment.noChange", { date: previousOn })}</p>;
  return (
    <div className="domain-change">
      {change.judgement && (
        <p>
          <span className="change-tag change-changed">{t("plans.compare.changed")}</span>{" "}
          {t("plans.assessment.judgementMoved", {
            from: change.judgement.from
              ? t(`plans.judgements.${change.judgement.from}`)
              : t("plans.assessment.notAssessed"),
            to: change.judgement.to ? t(`plans.judgements.${change.judgement.to}`) : t("plans.assessment.notAssessed"),
          })}{" "}
          {change.judgement.direction !== "unclear" && (
            <strong>({t(`plans.assessment.${change.judgement.direction}`)})</strong>
          )}
        </p>
      )}
      {change.texts.length > 0 && (
        <p>
          {t("plans.assessment.textsChanged", {
            fields: change.texts.map((c) => t(`plans.assessment.fields.${c.field}`)).join(", "),
          })}
        </p>
      )}
    </div>
  );
}

/**
 * One assessment: per life domain, the group's judgement and reasoning, what speaks for
 * and against, what is known and what is not. What changed since the previous one is
 * marked, with the earlier text a click away.
 */
export function AssessmentView({
  template,
  domains,
  changes,
  previousOn,
}: {
  template: AssessmentTemplate;
  domains: DomainAnswer[];
  changes: DomainChange[];
  previousOn: string | null;
}) {
  const { t } = useTranslation();
  const byKey = new Map(domains.map((d) => [d.key, d]));
  const changeOf = new Map(changes.map((c) => [c.key, c]));
  return (
    <div className="assessment-view">
      {template.groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`}>
          <h4 id={`group-${group.key}`} className="group-title">
            {t(`plans.domains.${group.key}`, { defaultValue: group.title })}
          </h4>
          <div className="domain-grid">
            {group.domains.map((domain) => {
              const d = byKey.get(domain.key);
              if (!d) return null;
              const change = changeOf.get(domain.key);
              const changedText = new Map(change?.texts.map((c) => [c.field, c.from]));
              // Empty answers are named in one line, so what the group did record stands out.
              const shownFields = DOMAIN_TEXTS.filter((f) => d[f] || changedText.has(f));
              const empty = DOMAIN_TEXTS.filter((f) => !shownFields.includes(f));
              return (
                <article
                  key={domain.key}
                  className={`domain-card${change?.status === "changed" ? " is-changed" : ""}`}
                  aria-labelledby={`domain-${domain.key}`}
                >
                  <div className="domain-head">
                    <h5 id={`domain-${domain.key}`}>
                      {t(`plans.domains.${domain.key}`, { defaultValue: domain.title })}
                    </h5>
                    <JudgementBadge judgement={d.judgement} />
                  </div>
                  <ChangeLine change={change} previousOn={previousOn} />
                  <dl className="facts">
                    {shownFields.map((field) => (
                      <div key={field} className={changedText.has(field) ? "changed" : undefined}>
                        <dt>
                          {t(`plans.assessment.fields.${field}`)}
                          {changedText.has(field) && (
                            <span className="change-tag change-changed">{t("plans.compare.changed")}</span>
                          )}
                        </dt>
                        <dd className="prose">
                          {d[field] || <span className="muted">{t("plans.assessment.nothingRecorded")}</span>}
                        </dd>
                        {changedText.has(field) && (
                          <dd>
                            <details>
                              <summary>{t("plans.assessment.before")}</summary>
                              <p className="prose">{changedText.get(field) || t("plans.assessment.nothingRecorded")}</p>
                            </details>
                          </dd>
                        )}
                      </div>
                    ))}
                  </dl>
                  {empty.length > 0 && (
                    <p className="muted small">
                      {t("plans.assessment.nothingRecordedFor", {
                        fields: empty.map((f) => t(`plans.assessment.fields.${f}`)).join(", "),
                      })}
                    </p>
                  )}
                </article>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
