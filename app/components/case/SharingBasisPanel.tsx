import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import type { SharingBasisState } from "../../contract/sharingBasis.ts";
import { formatMoment, useDateStyle } from "../../dates.ts";
import { sharingBasisSchema, withdrawalSchema } from "../../forms/sharingBasis.ts";
import { FormErrors, Notice, TextAreaField, TextField, type Meta } from "../fields.tsx";
import { SharingBasisFields, type SharingBasisChoices } from "./SharingBasisFields.tsx";
import { sharingLine } from "./sharingLine.ts";
import { FORM_VALIDATION } from "../../forms/validation.ts";

interface Props {
  state: SharingBasisState;
  history: {
    id: string;
    event: "recorded" | "withdrawn";
    state: SharingBasisState;
    note: string | null;
    obtainedByName: string | null;
    recordedByName: string | null;
    recordedAt: Date | string;
  }[];
  /** Present when the viewer may record a basis or a withdrawal. */
  choices: SharingBasisChoices | null;
  lastBasis?: SubmissionResult<string[]>;
  lastWithdrawal?: SubmissionResult<string[]>;
}

/** The case file's card on the basis for sharing: its state, its history, and the forms to change it. */
export function SharingBasisPanel({ state, history, choices, lastBasis, lastWithdrawal }: Props) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  return (
    <section className="card" aria-labelledby="sharing-heading">
      <h2 id="sharing-heading">{t("sharing.title")}</h2>
      <p className="muted">{t("sharing.intro")}</p>
      <p className="sharing-state">
        <strong>{sharingLine(t, state, dateStyle)}</strong>
      </p>
      {state.state === "withdrawn" && <Notice tone="error">{t("sharing.withdrawnAdvice")}</Notice>}
      {state.state === "none" && <Notice tone="info">{t("sharing.noneAdvice")}</Notice>}
      {history.length > 0 && (
        <details>
          <summary>{t("sharing.history")}</summary>
          <ul className="plain-list">
            {history.map((h) => (
              <li key={h.id}>
                {sharingLine(t, h.state, dateStyle)}
                <span className="cell-sub">
                  {[
                    h.event === "recorded" ? t("sharing.obtainedByLine", { name: h.obtainedByName ?? "?" }) : null,
                    t("sharing.historyLine", {
                      recorder: h.recordedByName ?? "?",
                      when: formatMoment(h.recordedAt, dateStyle),
                    }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
                {h.note && <p>{h.note}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {choices && <RecordBasisForm choices={choices} lastResult={lastBasis} />}
      {choices && state.state === "consent" && <WithdrawForm today={choices.today} lastResult={lastWithdrawal} />}
      {state.state !== "consent" && lastWithdrawal?.error && (
        <Notice tone="error">{Object.values(lastWithdrawal.error).flat().join(" ")}</Notice>
      )}
    </section>
  );
}

function RecordBasisForm({
  choices,
  lastResult,
}: {
  choices: SharingBasisChoices;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "sharing-basis",
    lastResult,
    defaultValue: { basisObtainedOn: choices.today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: sharingBasisSchema }),
  });
  return (
    <details open={!!lastResult?.error}>
      <summary>{t("sharing.recordTitle")}</summary>
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors form={form} />
        <SharingBasisFields fields={fields as unknown as Record<string, Meta>} choices={choices} />
        <button type="submit" name="intent" value="basis" className="primary">
          {t("sharing.record")}
        </button>
      </Form>
    </details>
  );
}

function WithdrawForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "sharing-withdrawal",
    lastResult,
    defaultValue: { withdrawnOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: withdrawalSchema }),
  });
  return (
    <details open={!!lastResult?.error}>
      <summary>{t("sharing.withdrawTitle")}</summary>
      <p className="hint">{t("sharing.withdrawIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="form">
        <FormErrors form={form} />
        <TextField meta={fields.withdrawnOn as Meta} label={t("sharing.withdrawnOn")} type="date" />
        <TextAreaField meta={fields.note as Meta} label={t("sharing.withdrawNote")} rows={2} />
        <button type="submit" name="intent" value="withdraw" className="secondary">
          {t("sharing.withdraw")}
        </button>
      </Form>
    </details>
  );
}
