import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { actorOf, requireCase } from "../../server/auth/guards.ts";
import type { DomainInput } from "../../server/cases/assessments.ts";
import { domainKeysOf } from "../contract/assessmentTemplate.ts";
import { AssessmentForm } from "../components/AssessmentForm.tsx";
import { AssessmentView } from "../components/AssessmentView.tsx";
import { Notice } from "../components/fields.tsx";
import { formatDay, formatMoment, todayIn, useDateStyle } from "../dates.ts";
import { assessmentSchema } from "../forms/plans.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/case-assessments";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { assessments, policy, networks } = context.services;
  const search = new URL(request.url).searchParams;
  const all = await assessments.list(theCase.id);
  const shown = await assessments.withChanges(theCase.id, search.get("id") ?? undefined);
  if (search.get("id") && !shown) throw data({ reason: "not_found" }, { status: 404 });
  const canAssess = policy.canOnCase(viewer, "case:assess", theCase.scope);
  const timeZone = (await networks.get(theCase.networkId))!.timeZone;
  const latest = all.at(-1);
  const recording = canAssess && search.has("record");
  // A repeat assessment starts from the previous one's answers: the group changes what is different now.
  const defaults = canAssess
    ? {
        assessedOn: todayIn(timeZone),
        domains: Object.fromEntries(
          (latest?.domains ?? []).map(({ key, ...answer }): [string, DomainInput] => [key, answer]),
        ),
      }
    : null;
  return {
    base: `/n/${params.networkId}/cases/${theCase.code}`,
    history: all.map((a) => ({ id: a.id, assessedOn: a.assessedOn, recordedBy: a.recordedBy.name })).reverse(),
    shown,
    template: assessments.template(shown?.assessment.template)!,
    formTemplate: assessments.template()!,
    canAssess,
    recording,
    defaults,
    latestOn: latest?.assessedOn ?? null,
    recorded: search.has("recorded"),
    timeZone,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:assess");
  const { assessments } = context.services;
  const template = assessments.template()!;
  const parsed = parseForm(await request.formData(), assessmentSchema(domainKeysOf(template)));
  if (!parsed.ok) return parsed.response;
  const recorded = await assessments.record({ ...actorOf(context, viewer), personId: viewer.personId }, theCase, {
    ...parsed.value,
    template: template.id,
  });
  if (recorded.ok)
    throw redirect(`/n/${params.networkId}/cases/${theCase.code}/assessments?id=${recorded.id}&recorded=1`);
  if (recorded.reason === "future_date")
    return refuse(parsed.submission, "", { fieldErrors: { assessedOn: ["plans.errors.futureDate"] } });
  return refuse(parsed.submission, "errors.formProblems");
}

export default function CaseAssessments({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { base, history, shown, template, formTemplate, canAssess, defaults, latestOn, recorded } = loaderData;
  // A refused submission comes back with the form, whatever the address it was posted to.
  const recording = loaderData.recording || !!actionData;
  const day = (d: string) => formatDay(d, dateStyle);
  return (
    <section aria-labelledby="assessments-heading">
      <title>{`${t("plans.assessment.title")} · ${t("app.name")}`}</title>
      <div className="page-heading">
        <h2 id="assessments-heading">{t("plans.assessment.title")}</h2>
        {canAssess && !recording && (
          <Link className="button" to="?record">
            {latestOn ? t("plans.assessment.recordRepeat") : t("plans.assessment.recordFirst")}
          </Link>
        )}
      </div>
      <p className="lead">{t("plans.assessment.intro")}</p>
      {recorded && <Notice tone="success">{t("plans.assessment.recorded")}</Notice>}

      {recording && defaults ? (
        <>
          <h3>{latestOn ? t("plans.assessment.recordRepeat") : t("plans.assessment.recordFirst")}</h3>
          {latestOn && <p>{t("plans.assessment.startsFrom", { date: day(latestOn) })}</p>}
          <AssessmentForm
            template={formTemplate}
            defaults={defaults}
            cancelTo={base + "/assessments"}
            lastResult={actionData?.result}
          />
        </>
      ) : !shown ? (
        <p>{t("plans.assessment.none")}</p>
      ) : (
        <div className="assessment-layout">
          <nav aria-labelledby="history-heading" className="assessment-history">
            <h3 id="history-heading">{t("plans.assessment.history")}</h3>
            <ol className="plain-list">
              {history.map((h) => (
                <li key={h.id}>
                  <Link to={`?id=${h.id}`} aria-current={h.id === shown.assessment.id ? "page" : undefined}>
                    {day(h.assessedOn)}
                  </Link>
                  <span className="cell-sub">{h.recordedBy}</span>
                </li>
              ))}
            </ol>
          </nav>
          <article aria-labelledby="shown-heading" className="assessment-shown">
            <h3 id="shown-heading">{t("plans.assessment.of", { date: day(shown.assessment.assessedOn) })}</h3>
            <p className="muted">
              {t("plans.assessment.recordedBy", {
                name: shown.assessment.recordedBy.name,
                when: formatMoment(shown.assessment.recordedAt, dateStyle),
              })}{" "}
              {shown.previous
                ? t("plans.assessment.comparedWith", { date: day(shown.previous.assessedOn) })
                : t("plans.assessment.firstOne")}
            </p>
            <AssessmentView
              template={template}
              domains={shown.assessment.domains}
              changes={shown.changes}
              previousOn={shown.previous ? day(shown.previous.assessedOn) : null}
            />
          </article>
        </div>
      )}
    </section>
  );
}
