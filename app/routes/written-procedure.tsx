import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, Notice, TextAreaField } from "../components/fields.tsx";
import { WrittenAnswers } from "../components/written/WrittenAnswers.tsx";
import { WrittenState } from "../components/written/WrittenState.tsx";
import { AGENCY_VIEWS } from "../contract/vocabulary.ts";
import { WRITTEN_RESULTS } from "../contract/writtenProcedure.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { answerWrittenSchema, concludeWrittenSchema } from "../forms/written.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";
import { tFor } from "../i18n.ts";
import { useLastAnswer } from "../realtime/useLastAnswer.ts";
import { useWritten } from "../realtime/useWritten.ts";
import { refusalText } from "../refusals.ts";
import type { Route } from "./+types/written-procedure";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "cases:list");
  const network = (await context.services.networks.get(params.networkId))!;
  const found = await context.services.written.get(viewer, network.id, params.procedureId);
  if (!found) throw data({ reason: "not_found" }, { status: 404 });
  return { ...found, timeZone: network.timeZone, now: Date.now(), agencyId: viewer.memberships[network.id].agencyId };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "cases:list");
  const form = await request.formData();
  const intent = form.get("intent") === "conclude" ? "conclude" : "answer";
  const actor = actorOf(context, viewer) as { personId: string; ip: string };
  if (intent === "answer") {
    const parsed = parseForm(form, answerWrittenSchema, intent);
    if (!parsed.ok) return parsed.response;
    const r = await context.services.written.answer(actor, params.networkId, params.procedureId, {
      stance: parsed.value.stance,
      reason: parsed.value.reason ?? null,
    });
    return r.ok
      ? { intent, result: undefined, saved: true }
      : refuse(parsed.submission, refusalText(tFor(context), r.error), { intent });
  }
  const parsed = parseForm(form, concludeWrittenSchema, intent);
  if (!parsed.ok) return parsed.response;
  const r = await context.services.written.conclude(actor, viewer, params.networkId, params.procedureId, {
    result: parsed.value.result,
    note: parsed.value.note ?? null,
  });
  return r.ok
    ? { intent, result: undefined, saved: true }
    : refuse(parsed.submission, refusalText(tFor(context), r.error), { intent });
}

export default function WrittenProcedure({ loaderData, actionData: answer, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  // Reconnecting reloads the page's data; what the last click did stays said.
  const actionData = useLastAnswer(answer);
  const dateStyle = useDateStyle();
  const { seat, now, agencyId } = loaderData;
  const fromLoader = useMemo(() => [loaderData.procedure], [loaderData.procedure]);
  const [procedure] = useWritten(params.networkId, fromLoader);
  const detail = procedure.detail;
  const at = (ms: number) => formatMoment(ms, dateStyle);
  const open = procedure.status === "open";
  const beforeDeadline = procedure.deadline > now;
  const mine = detail?.answers.find((a) => a.agencyId === agencyId);
  const mayAnswer =
    open &&
    beforeDeadline &&
    seat.answers !== null &&
    !(seat.answers === "reports_back" && mine && mine.stance !== "report_back");
  return (
    <div className="page">
      <title>{`${t("written.procedure.title", { code: procedure.caseCode })} · ${t("app.name")}`}</title>
      <p>
        <Link to="..">← {t("written.list.title")}</Link>
      </p>
      <h1>
        {t("written.procedure.title", { code: procedure.caseCode })} <WrittenState procedure={procedure} now={now} />
      </h1>
      <p className="lead">{procedure.caseSummary}</p>
      {!detail ? (
        <p className="muted">{t("written.list.summaryOnly")}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="written-proposal">
            <h2 id="written-proposal">{t("written.procedure.proposal")}</h2>
            <p>
              <span className="badge warning">{t(`written.reasons.${detail.reason}`)}</span>{" "}
              <span className="badge">{t(`written.kinds.${detail.kind}`)}</span>
            </p>
            <p>
              <strong>{t(`meetings.decision.outcomes.${detail.proposal.outcome}`)}</strong>
              {"careService" in detail.proposal && detail.proposal.careService
                ? `: ${detail.proposal.careService}`
                : ""}
              {"referredTo" in detail.proposal && detail.proposal.referredTo ? `: ${detail.proposal.referredTo}` : ""}
            </p>
            <h3>{t("written.procedure.rationale")}</h3>
            <p className="prewrap">{detail.proposal.rationale}</p>
            <p className="hint">
              {t("written.procedure.openedBy", { name: detail.openedByName, at: at(procedure.openedAt) })}
              <br />
              <strong>{t("written.procedure.deadline", { at: at(procedure.deadline) })}</strong>
            </p>
            {procedure.status === "concluded" && (
              <p>
                {t("written.procedure.concludedBy", { name: detail.concludedByName, at: at(procedure.concludedAt!) })}
                {detail.note && (
                  <>
                    <br />
                    {detail.note}
                  </>
                )}
                {detail.decisionId && (
                  <>
                    <br />
                    {t("written.procedure.decisionRecorded")}
                  </>
                )}
              </p>
            )}
          </section>
          <WrittenAnswers detail={detail} />
          {actionData && "saved" in actionData && actionData.saved && actionData.intent === "answer" && (
            <Notice tone="success">{t("written.procedure.sent")}</Notice>
          )}
          {mayAnswer && (
            <AnswerForm
              reportsBack={seat.answers === "reports_back"}
              lastResult={actionData?.intent === "answer" ? actionData.result : undefined}
            />
          )}
          {seat.concludes && open && (
            <ConcludeForm
              afterDeadline={!beforeDeadline}
              lastResult={actionData?.intent === "conclude" ? actionData.result : undefined}
            />
          )}
        </>
      )}
    </div>
  );
}

type LastResult = SubmissionResult<string[]> | undefined;

function AnswerForm({ reportsBack, lastResult }: { reportsBack: boolean; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "written-answer",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerWrittenSchema }),
    ...FORM_VALIDATION,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card form" aria-labelledby="written-answer-h">
      <h2 id="written-answer-h">{t("written.procedure.yourAnswer")}</h2>
      <p className="hint">
        {t(reportsBack ? "written.procedure.reportBackIntro" : "written.procedure.yourAnswerIntro")}
      </p>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="answer" />
      {reportsBack ? (
        <input type="hidden" name="stance" value="report_back" />
      ) : (
        <fieldset>
          <legend>{t("written.procedure.stance")}</legend>
          {AGENCY_VIEWS.map((v) => (
            <label key={v} className="radio">
              <input type="radio" name="stance" value={v} required /> {t(`written.stances.${v}`)}
            </label>
          ))}
        </fieldset>
      )}
      <TextAreaField
        meta={fields.reason}
        label={t("written.procedure.reasonField")}
        hint={reportsBack ? undefined : t("written.procedure.reasonHint")}
        rows={3}
      />
      <button type="submit" className="primary">
        {t(reportsBack ? "written.procedure.reportBack" : "written.procedure.send")}
      </button>
    </Form>
  );
}

function ConcludeForm({ afterDeadline, lastResult }: { afterDeadline: boolean; lastResult: LastResult }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "written-conclude",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: concludeWrittenSchema }),
    ...FORM_VALIDATION,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="card form" aria-labelledby="written-conclude-h">
      <h2 id="written-conclude-h">{t("written.procedure.conclude")}</h2>
      <p className="hint">{t(afterDeadline ? "written.procedure.recordIntro" : "written.procedure.concludeIntro")}</p>
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="conclude" />
      <fieldset>
        <legend>{t("written.procedure.result")}</legend>
        {WRITTEN_RESULTS.map((r) => (
          <label key={r} className="radio">
            <input type="radio" name="result" value={r} required /> {t(`written.results.${r}`)}
          </label>
        ))}
      </fieldset>
      <TextAreaField meta={fields.note} label={t("written.procedure.note")} rows={2} />
      <button type="submit" className="primary">
        {t("written.procedure.concludeSubmit")}
      </button>
    </Form>
  );
}
