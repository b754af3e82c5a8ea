import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { GradingScale } from "../../contract/vocabulary.ts";
import {
  dimensionKey,
  gradeCode,
  gradesOf,
  meaningKey,
  usesHandling,
  type SignalAnalysisInput,
} from "../../contract/grading.ts";
import { formatMoment } from "../../dates.ts";
import { analysisSchema } from "../../forms/signals.ts";
import { CheckboxField, FormErrors, SelectField, TextAreaField } from "../fields.tsx";
import { FORM_VALIDATION } from "../../forms/validation.ts";

export interface SignalView {
  signal: {
    id: string;
    receivedAt: Date;
    channel: string;
    reporterName: string | null;
    reporterOrganisation: string | null;
    reporterContact: string | null;
    reporterWithheld: boolean;
    concern: string;
    intakeLinkId: string | null;
    receipt: string | null;
    registeredByName: string | null;
  };
  analysis: (SignalAnalysisInput & { scale: GradingScale; recordedByName: string | null; recordedAt: Date }) | null;
}

/** One signal: what came in, from whom, its latest analysis and the form for a new one. */
export function SignalCard({
  view,
  scale,
  timeZone,
  lastResult,
  index,
}: {
  view: SignalView;
  scale: GradingScale;
  timeZone: string;
  lastResult?: SubmissionResult<string[]>;
  index: number;
}) {
  const { t, i18n } = useTranslation();
  const { signal, analysis } = view;
  const when = (at: Date) => formatMoment(at, i18n.language, timeZone);
  const headingId = `signal-${index}-heading`;
  return (
    <article className="card signal-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("signals.analysis.signal", { when: when(signal.receivedAt) })}</h3>
      <p className="muted">
        {t("signals.analysis.channel", { channel: t(`signals.channels.${signal.channel}`) })}
        {" · "}
        {signal.intakeLinkId
          ? t("signals.analysis.viaIntake")
          : t("signals.analysis.registeredBy", { name: signal.registeredByName ?? "?" })}
        {signal.receipt && ` · ${t("signals.analysis.receipt", { receipt: signal.receipt })}`}
      </p>
      <h4>{t("signals.analysis.reporter")}</h4>
      {signal.reporterWithheld && <p className="badge warning">{t("signals.analysis.reporterWithheld")}</p>}
      <p>
        {[signal.reporterName, signal.reporterOrganisation, signal.reporterContact].filter(Boolean).join(" · ") ||
          t("signals.analysis.reporterUnknown")}
      </p>
      <h4>{t("signals.analysis.concern")}</h4>
      <blockquote className="concern">{signal.concern}</blockquote>
      {analysis ? (
        <LatestAnalysis analysis={analysis} when={when(analysis.recordedAt)} />
      ) : (
        <p className="muted">{t("signals.analysis.noAnalysis")}</p>
      )}
      {analysis ? (
        <details open={lastResult?.status === "error"}>
          <summary>{t("signals.analysis.recordAgain")}</summary>
          <AnalysisForm signalId={signal.id} scale={scale} lastResult={lastResult} index={index} />
        </details>
      ) : (
        <AnalysisForm signalId={signal.id} scale={scale} lastResult={lastResult} index={index} />
      )}
    </article>
  );
}

function LatestAnalysis({ analysis, when }: { analysis: NonNullable<SignalView["analysis"]>; when: string }) {
  const { t } = useTranslation();
  const grade = { source: analysis.sourceGrade, information: analysis.informationGrade, handling: analysis.handling };
  const s = analysis.scale;
  return (
    <div className="latest-analysis" data-testid="latest-analysis">
      <p>
        <strong>
          {t("signals.analysis.latest", {
            grade: gradeCode(grade),
            scale: t(`signals.scaleShort.${s}`),
            name: analysis.recordedByName ?? "?",
            when,
          })}
        </strong>
      </p>
      <p className={analysis.isSecuritySignal ? "badge danger" : "badge"}>
        {t(analysis.isSecuritySignal ? "signals.analysis.securityYes" : "signals.analysis.securityNo")}
      </p>
      <dl className="facts">
        <dt>{t("signals.dimensions.source")}</dt>
        <dd>
          {grade.source}: {t(meaningKey(s, "source", grade.source))}
        </dd>
        <dt>{t(dimensionKey(s, "information"))}</dt>
        <dd>
          {grade.information}: {t(meaningKey(s, "information", grade.information))}
        </dd>
        {grade.handling && (
          <>
            <dt>{t("signals.dimensions.handling")}</dt>
            <dd>
              {grade.handling}: {t(meaningKey(s, "handling", grade.handling))}
            </dd>
          </>
        )}
        <dt>{t("signals.analysis.gradingRationale")}</dt>
        <dd>{analysis.gradingRationale}</dd>
        {analysis.knownConflict && (
          <>
            <dt>{t("signals.analysis.knownConflict")}</dt>
            <dd>{analysis.knownConflict}</dd>
          </>
        )}
        {analysis.reporterInterest && (
          <>
            <dt>{t("signals.analysis.reporterInterest")}</dt>
            <dd>{analysis.reporterInterest}</dd>
          </>
        )}
        {analysis.corroboration && (
          <>
            <dt>{t("signals.analysis.corroboration")}</dt>
            <dd>{analysis.corroboration}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function AnalysisForm({
  signalId,
  scale,
  lastResult,
  index,
}: {
  signalId: string;
  scale: GradingScale;
  lastResult?: SubmissionResult<string[]>;
  index: number;
}) {
  const { t } = useTranslation();
  const schema = analysisSchema(scale);
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: `analysis-${index}`,
    lastResult,
    defaultValue: { signalId },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const options = (d: "source" | "information" | "handling") =>
    gradesOf(scale, d).map((g) => ({ value: g, label: `${g}: ${t(meaningKey(scale, d, g))}` }));
  const informationLabel =
    scale === "uk3x5x2" ? t("signals.analysis.intelligenceGrade") : t("signals.analysis.informationGrade");
  return (
    <Form method="post" {...getFormProps(form)} className="form analysis-form">
      <FormErrors form={form} />
      <input type="hidden" name="intent" value="analyse" />
      <input type="hidden" name={fields.signalId.name} value={signalId} />
      <CheckboxField
        meta={fields.isSecuritySignal}
        label={t("signals.analysis.isSecuritySignal")}
        hint={t("signals.analysis.isSecuritySignalHint")}
      />
      <fieldset>
        <legend>{t("signals.analysis.grading", { scale: t(`signals.scaleShort.${scale}`) })}</legend>
        <p className="hint">{t("signals.analysis.gradingHint")}</p>
        <SelectField
          meta={fields.sourceGrade}
          label={t("signals.analysis.sourceGrade")}
          placeholder=""
          options={options("source")}
        />
        <SelectField
          meta={fields.informationGrade}
          label={informationLabel}
          placeholder=""
          options={options("information")}
        />
        {usesHandling(scale) && (
          <SelectField
            meta={fields.handling}
            label={t("signals.analysis.handling")}
            placeholder=""
            options={options("handling")}
          />
        )}
        <TextAreaField
          meta={fields.gradingRationale}
          label={t("signals.analysis.gradingRationale")}
          hint={t("signals.analysis.gradingRationaleHint")}
          rows={3}
        />
      </fieldset>
      <fieldset>
        <legend>{t("signals.analysis.motives")}</legend>
        <TextAreaField
          meta={fields.knownConflict}
          label={t("signals.analysis.knownConflict")}
          hint={t("signals.analysis.knownConflictHint")}
          rows={2}
        />
        <TextAreaField meta={fields.reporterInterest} label={t("signals.analysis.reporterInterest")} rows={2} />
        <TextAreaField meta={fields.corroboration} label={t("signals.analysis.corroboration")} rows={2} />
      </fieldset>
      <button type="submit" className="primary">
        {t("signals.analysis.record")}
      </button>
    </Form>
  );
}
