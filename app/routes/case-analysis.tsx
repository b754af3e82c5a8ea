import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { actorOf, requireCase } from "../../server/auth/guards.ts";
import type { RoutingInput, RoutingRefusal } from "../../server/cases/analysis.ts";
import { fromLocalInput, toLocalInput } from "../contract/localTime.ts";
import { RoutingForm } from "../components/analysis/RoutingForm.tsx";
import { SignalCard } from "../components/analysis/SignalCard.tsx";
import { FormErrors, Notice, TextAreaField } from "../components/fields.tsx";
import { formatDay, formatMoment, todayIn, useDateStyle } from "../dates.ts";
import { analysisSchema, routingSchema, summarySchema, type RoutingForm as RoutingFields } from "../forms/signals.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/case-analysis";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:analyse");
  const { analysis, caseFile, networks, members, sharingBasis } = context.services;
  const network = (await networks.get(params.networkId))!;
  const signals = await analysis.signalsOf(theCase);
  // The reporters' details are shown here (to the chair and coordinators): note who looked.
  await analysis.noteReporterView(
    actorOf(context, viewer),
    theCase,
    signals.map((s) => s.signal.id),
  );
  return {
    theCase: { code: theCase.code, stage: theCase.stage, isMinor: theCase.isMinor, summary: theCase.summary },
    listedBases: await sharingBasis.listedBases(params.networkId),
    today: todayIn(network.timeZone),
    scale: network.gradingScale,
    timeZone: network.timeZone,
    now: toLocalInput(new Date(), network.timeZone),
    signals,
    routings: await analysis.routingsOf(theCase.id),
    tasks: await caseFile.openTasks(theCase.id),
    agencies: (await networks.listAgencies(params.networkId)).map((a) => ({ id: a.id, name: a.name })),
    people: (await members.list(params.networkId))
      .filter((m) => m.role !== "guest")
      .map((m) => ({ personId: m.personId, name: m.name, agencyName: m.agencyName, agencyId: m.agencyId })),
  };
}

const REFUSALS: Record<
  RoutingRefusal,
  {
    field?:
      | keyof RoutingFields
      | "taskAgencyId"
      | "taskPersonId"
      | "basis"
      | "basisListedId"
      | "basisObtainedBy"
      | "basisObtainedOn";
    key: string;
  }
> = {
  unknown_signal: { field: "signalId", key: "signals.errors.unknownSignal" },
  not_analysed: { field: "signalId", key: "signals.errors.notAnalysed" },
  not_at_signal_stage: { key: "signals.errors.notAtSignalStage" },
  security_signal_needs_referral: { field: "routing", key: "signals.errors.securitySignal" },
  unknown_agency: { field: "taskAgencyId", key: "signals.errors.unknownAgency" },
  owner_not_in_agency: { field: "taskPersonId", key: "signals.errors.ownerNotInAgency" },
  basis_does_not_fit: { field: "basis", key: "sharing.errors.basisDoesNotFit" },
  unknown_listed_basis: { field: "basisListedId", key: "sharing.errors.unknownListed" },
  unknown_member: { field: "basisObtainedBy", key: "sharing.errors.unknownMember" },
  in_future: { field: "basisObtainedOn", key: "sharing.errors.inFuture" },
  no_consent_to_withdraw: { key: "sharing.errors.noConsent" },
  same_stage: { key: "signals.errors.moveRefused" },
  not_allowed: { key: "signals.errors.moveRefused" },
  closure_needs_sign_off: { key: "signals.errors.moveRefused" },
  active_needs_plan: { key: "signals.errors.moveRefused" },
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:analyse");
  const { analysis, caseRegister, networks } = context.services;
  const actor = { ...actorOf(context, viewer), personId: viewer.personId };
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "summary") {
    const parsed = parseForm(formData, summarySchema);
    if (!parsed.ok) return data({ ...parsed.response.data, intent }, { status: 400 });
    await caseRegister.setSummary(actor, theCase, parsed.value.summary);
    return { intent, result: parsed.submission.reply(), saved: true };
  }

  if (intent === "analyse") {
    const scale = await analysis.gradingScale(params.networkId);
    const signalId = String(formData.get("signalId") ?? "");
    const parsed = parseForm(formData, analysisSchema(scale));
    if (!parsed.ok) return data({ ...parsed.response.data, intent, signalId }, { status: 400 });
    const { signalId: _, ...input } = parsed.value;
    const done = await analysis.recordAnalysis(actor, theCase, signalId, {
      ...input,
      handling: input.handling ?? null,
      knownConflict: input.knownConflict ?? null,
      reporterInterest: input.reporterInterest ?? null,
      corroboration: input.corroboration ?? null,
    });
    if (!done.ok) {
      const fieldErrors =
        done.reason === "bad_grade"
          ? {
              [{ source: "sourceGrade", information: "informationGrade", handling: "handling" }[done.field]]: [
                "signals.errors.gradeOutsideScale",
              ],
            }
          : { signalId: ["signals.errors.unknownSignal"] };
      return data(
        { ...refuse(parsed.submission, "", { fieldErrors }).data, intent, signalId },
        { status: done.reason === "bad_grade" ? 400 : 404 },
      );
    }
    return { intent, signalId, result: parsed.submission.reply({ resetForm: true }), recorded: true };
  }

  const parsed = parseForm(formData, routingSchema);
  if (!parsed.ok) return data({ ...parsed.response.data, intent: "route" }, { status: 400 });
  const form = parsed.value;
  const timeZone = (await networks.get(params.networkId))!.timeZone;
  let input: RoutingInput;
  if (form.routing === "security_referral") {
    const referredAt = fromLocalInput(form.referredAt, timeZone);
    if (!referredAt)
      return data(
        {
          ...refuse(parsed.submission, "", { fieldErrors: { referredAt: ["signals.errors.dateTime"] } }).data,
          intent: "route",
        },
        { status: 400 },
      );
    if (referredAt.getTime() > Date.now() + 5 * 60_000)
      return data(
        {
          ...refuse(parsed.submission, "", { fieldErrors: { referredAt: ["signals.errors.inFuture"] } }).data,
          intent: "route",
        },
        { status: 400 },
      );
    input = {
      routing: form.routing,
      signalId: form.signalId,
      rationale: form.rationale,
      referredTo: form.referredTo,
      referredAt,
    };
  } else if (form.routing === "gather_information") {
    input = {
      routing: form.routing,
      signalId: form.signalId,
      rationale: form.rationale,
      task: {
        what: form.taskWhat,
        ownerAgencyId: form.taskAgencyId,
        ownerPersonId: form.taskPersonId ?? null,
        dueOn: form.taskDueOn,
      },
    };
  } else if (form.routing === "regular_care") {
    input = {
      routing: form.routing,
      signalId: form.signalId,
      rationale: form.rationale,
      careService: form.careService,
    };
  } else if (form.routing === "take_into_maw") {
    input = {
      routing: form.routing,
      signalId: form.signalId,
      rationale: form.rationale,
      basis: {
        basis: form.basis,
        listedBasisId: form.basis === "listed_basis" ? (form.basisListedId ?? null) : null,
        caseReference: form.basis === "listed_basis" ? (form.basisReference ?? null) : null,
        obtainedOn: form.basisObtainedOn,
        obtainedBy: form.basisObtainedBy,
      },
    };
  } else {
    input = { routing: form.routing, signalId: form.signalId, rationale: form.rationale };
  }
  const done = await analysis.route(actor, theCase, input);
  if (!done.ok) {
    const refusal = REFUSALS[done.reason];
    const reply = refusal.field
      ? refuse(parsed.submission, "", { status: 409, fieldErrors: { [refusal.field]: [refusal.key] } })
      : refuse(parsed.submission, refusal.key, { status: 409 });
    return data({ ...reply.data, intent: "route" }, { status: 409 });
  }
  return { intent: "route", result: parsed.submission.reply({ resetForm: true }), routed: form.routing };
}

export default function CaseAnalysis({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { theCase, scale, now, signals, routings, tasks, agencies, people, listedBases, today } = loaderData;
  const when = (at: Date | string) => formatMoment(at, dateStyle);
  const securityOnly = signals.some((s) => s.analysis?.isSecuritySignal);
  const analysed = signals.filter((s) => s.analysis);
  const resultFor = (intent: string, signalId?: string) =>
    actionData &&
    actionData.intent === intent &&
    (!signalId || ("signalId" in actionData && actionData.signalId === signalId))
      ? actionData.result
      : undefined;
  return (
    <div className="analysis">
      <title>{`${t("signals.analysis.title")} · ${theCase.code} · ${t("app.name")}`}</title>
      <h2>{t("signals.analysis.title")}</h2>
      <p className="lead">{t("signals.analysis.intro")}</p>
      {actionData && "recorded" in actionData && <Notice tone="success">{t("signals.analysis.recorded")}</Notice>}
      {actionData && "routed" in actionData && (
        <Notice tone="success">
          {t("signals.analysis.routed", { routing: t(`signals.routings.${actionData.routed}`) })}
        </Notice>
      )}
      {actionData && "saved" in actionData && <Notice tone="success">{t("signals.analysis.summarySaved")}</Notice>}
      {theCase.isMinor && <Notice tone="info">{t("signals.analysis.minor")}</Notice>}

      <SummaryForm summary={theCase.summary} lastResult={resultFor("summary")} />

      {signals.map((view, i) => (
        <SignalCard
          key={view.signal.id}
          view={view}
          scale={scale}
          index={i}
          lastResult={resultFor("analyse", view.signal.id)}
        />
      ))}

      <section aria-labelledby="routing-heading">
        <h2 id="routing-heading">{t("signals.analysis.routingTitle")}</h2>
        <p>{t("signals.analysis.routingIntro")}</p>
        {analysed.length === 0 || theCase.stage !== "signal" ? <RefusedRouting result={resultFor("route")} /> : null}
        {theCase.stage !== "signal" ? (
          <Notice tone="info">{t("signals.analysis.routingDone")}</Notice>
        ) : analysed.length === 0 ? (
          <Notice tone="info">{t("signals.analysis.routingNeedsAnalysis")}</Notice>
        ) : (
          <>
            {securityOnly && <Notice tone="error">{t("signals.analysis.routingSecurity")}</Notice>}
            <RoutingForm
              signals={analysed.map((s) => ({
                id: s.signal.id,
                label: t("signals.analysis.signal", { when: when(s.signal.receivedAt) }),
              }))}
              agencies={agencies}
              people={people}
              securityOnly={securityOnly}
              now={now}
              basisChoices={{ listed: listedBases, people, isMinor: theCase.isMinor, today }}
              lastResult={resultFor("route")}
            />
          </>
        )}
      </section>

      <section aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">{t("signals.analysis.decisions")}</h2>
        {routings.length === 0 ? (
          <p className="muted">{t("signals.analysis.noDecisions")}</p>
        ) : (
          <ul className="plain-list decision-list">
            {routings.map((d) => (
              <li key={d.id}>
                <strong>{t(`signals.routings.${d.outcome}`, { defaultValue: d.outcome })}</strong>
                <span className="cell-sub">
                  {t("signals.analysis.decidedBy", { name: d.decidedByName, when: when(d.decidedAt) })}
                </span>
                <p>{d.rationale}</p>
                <DecisionDetails details={d.details} when={when} />
              </li>
            ))}
          </ul>
        )}
        {tasks.length > 0 && (
          <>
            <h3>{t("signals.analysis.openTasks")}</h3>
            <ul className="plain-list">
              {tasks.map((task) => (
                <li key={task.id}>
                  {task.what}
                  <span className="cell-sub">
                    {[task.agencyName, task.ownerName, task.dueOn ? formatDay(task.dueOn, dateStyle) : null]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

/** A routing refused while its form is not on the page (e.g. nothing analysed yet) still says why. */
function RefusedRouting({ result }: { result?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const messages = Object.values(result?.error ?? {}).flatMap((m) => m ?? []);
  if (messages.length === 0) return null;
  return <Notice tone="error">{messages.map((m) => t(m)).join(" ")}</Notice>;
}

function DecisionDetails({ details, when }: { details: Record<string, unknown>; when: (at: string) => string }) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  if (typeof details.careService === "string")
    return <p className="muted">{t("signals.analysis.careServiceIs", { service: details.careService })}</p>;
  if (typeof details.referredTo === "string" && typeof details.referredAt === "string") {
    return (
      <p className="muted">
        {t("signals.analysis.referralIs", { to: details.referredTo, when: when(details.referredAt) })}
      </p>
    );
  }
  if (typeof details.task === "string" && typeof details.dueOn === "string") {
    return (
      <p className="muted">
        {t("signals.analysis.taskIs", { what: details.task, due: formatDay(details.dueOn, dateStyle) })}
      </p>
    );
  }
  return null;
}

function SummaryForm({ summary, lastResult }: { summary: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "summary",
    lastResult,
    defaultValue: { summary },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: summarySchema }),
  });
  return (
    <section aria-labelledby="summary-heading" className="card">
      <h3 id="summary-heading">{t("signals.analysis.summary")}</h3>
      {!summary && <Notice tone="info">{t("signals.analysis.summaryMissing")}</Notice>}
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors form={form} />
        <input type="hidden" name="intent" value="summary" />
        <TextAreaField
          meta={fields.summary}
          label={t("signals.register.summary")}
          hint={t("signals.analysis.summaryHint")}
          rows={2}
        />
        <button type="submit" className="secondary">
          {t("signals.analysis.saveSummary")}
        </button>
      </Form>
    </section>
  );
}
