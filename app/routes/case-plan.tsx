import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Link, redirect } from "react-router";
import { actorOf, requireCase } from "../../server/auth/guards.ts";
import { comparePlans } from "../contract/planChanges.ts";
import { inputFromContent, type PlanInput } from "../contract/planContent.ts";
import { Notice } from "../components/fields.tsx";
import { PlanChangeList } from "../components/PlanChangeList.tsx";
import { PlanEditor } from "../components/PlanEditor.tsx";
import { PlanView } from "../components/PlanView.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { planSchema } from "../forms/plans.ts";
import { refuse } from "../forms/submission.ts";
import type { PlanChanges } from "../contract/planChanges.ts";
import type { PlanContent } from "../contract/planContent.ts";
import type { Route } from "./+types/case-plan";

/** What a second saver sees: the version saved in between, and what it changed. */
interface PlanConflict {
  version: number;
  savedBy: string;
  savedAt: Date;
  content: PlanContent;
  baseVersion: number;
  changes: PlanChanges | null;
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { actionPlans, policy, networks } = context.services;
  const draft = await actionPlans.draft(theCase.id);
  const closed = theCase.stage === "closed";
  const canEdit = !closed && policy.canOnCase(viewer, "plan:edit", theCase.scope);
  const involved = theCase.scope.involvedAgencyIds;
  // The next version starts from the last one; organisations already involved in the case stay ticked.
  const defaults: PlanInput = draft
    ? (({ agencyIds, ...rest }) => ({ ...rest, agencyIds: [...new Set([...agencyIds, ...involved])] }))(
        inputFromContent(draft.content),
      )
    : {
        socialContext: "",
        goals: [{ id: "new-1", what: "", measure: "", byWhen: "", standing: "open" }],
        actions: [],
        agencyIds: [...involved],
        nextCheckInOn: theCase.nextCheckInOn ?? "",
      };
  const saved = Number(new URL(request.url).searchParams.get("saved")) || null;
  return {
    base: `/n/${params.networkId}/cases/${theCase.code}`,
    current: draft && {
      version: draft.version,
      savedBy: draft.savedBy.name,
      savedAt: draft.savedAt,
      content: draft.content,
    },
    canEdit,
    closed,
    defaults,
    choices: canEdit ? await actionPlans.choices(theCase.networkId) : null,
    saved,
    timeZone: (await networks.get(theCase.networkId))!.timeZone,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "plan:edit");
  const { actionPlans } = context.services;
  const submission = parseWithZod(await request.formData(), { schema: planSchema });
  // A goal or action added or removed without JavaScript comes back as the form, changed.
  if (submission.status !== "success")
    return data({ result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  const { baseVersion, ...plan } = submission.value;
  const saved = await actionPlans.save(
    { ...actorOf(context, viewer), personId: viewer.personId },
    theCase,
    plan,
    baseVersion,
  );
  if (saved.ok) throw redirect(`/n/${params.networkId}/cases/${theCase.code}/plan?saved=${saved.version}`);
  if (saved.reason === "closed") return refuse(submission, "plans.errors.closed", { status: 409 });
  if (saved.reason === "invalid") {
    const { baseVersion: versionProblem, ...fieldErrors } = saved.fields;
    if (versionProblem) return refuse(submission, versionProblem, { status: 400 });
    return refuse(submission, "", {
      status: 400,
      fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [k, [v]])),
    });
  }
  // Someone saved in between: nothing is written, everything typed comes back, with what they changed.
  const { latest } = saved;
  const based = baseVersion > 0 ? await actionPlans.version(theCase.id, baseVersion) : null;
  return data(
    {
      result: submission.reply(),
      conflict: {
        version: latest.version,
        savedBy: latest.savedBy.name,
        savedAt: latest.savedAt,
        content: latest.content,
        baseVersion,
        changes: based ? comparePlans(based.content, latest.content) : null,
      } satisfies PlanConflict,
    },
    { status: 409 },
  );
}

export default function CasePlan({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { base, current, canEdit, closed, defaults, choices, saved } = loaderData;
  // Typed by hand: the inferred union of every answer of the action loses the shape.
  const conflict = (actionData as { conflict?: PlanConflict } | undefined)?.conflict ?? null;
  const when = (at: Date | string) => formatMoment(at, dateStyle);
  return (
    <section aria-labelledby="plan-heading">
      <title>{`${t("plans.title")} · ${t("app.name")}`}</title>
      <div className="page-heading">
        <h2 id="plan-heading">{t("plans.title")}</h2>
        {current && <Link to={`${base}/plan/versions`}>{t("plans.versions.all")}</Link>}
        {current && (
          <a href={`${base}/plan.pdf`} download>
            {t("plans.downloadPdf")}
          </a>
        )}
      </div>
      {conflict ? null : current ? (
        <p className="lead">
          {t("plans.currentVersion", { version: current.version, name: current.savedBy, when: when(current.savedAt) })}
        </p>
      ) : (
        <p className="lead">{t("plans.noPlanYet")}</p>
      )}
      {saved && <Notice tone="success">{t("plans.saved", { version: saved })}</Notice>}
      {closed && <Notice tone="info">{t("plans.closedCase")}</Notice>}
      {conflict && (
        <section className="notice warning conflict" role="alert" aria-labelledby="conflict-heading">
          <h3 id="conflict-heading">{t("plans.conflict.title")}</h3>
          <p>
            {t("plans.conflict.who", {
              name: conflict.savedBy,
              version: conflict.version,
              when: when(conflict.savedAt),
            })}
          </p>
          <p>{t("plans.conflict.kept", { next: conflict.version + 1 })}</p>
          {conflict.changes && (
            <>
              <h4>{t("plans.conflict.whatChanged", { base: conflict.baseVersion, version: conflict.version })}</h4>
              <PlanChangeList changes={conflict.changes} />
            </>
          )}
          <details>
            <summary>{t("plans.conflict.theirVersion", { version: conflict.version })}</summary>
            <PlanView content={conflict.content} level={4} />
          </details>
        </section>
      )}
      {canEdit && choices ? (
        // A new key per saved version: the form starts again from what was saved, with its ids.
        <PlanEditor
          key={`v${current?.version ?? 0}`}
          defaults={defaults}
          baseVersion={conflict?.version ?? current?.version ?? 0}
          choices={choices}
          lastResult={actionData?.result}
        />
      ) : current ? (
        <PlanView content={current.content} />
      ) : null}
    </section>
  );
}
