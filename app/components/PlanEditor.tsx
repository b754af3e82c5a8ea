import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { STOP_REASONS, TASK_STATUSES } from "../contract/vocabulary.ts";
import { GOAL_STANDINGS, type PlanInput } from "../contract/planContent.ts";
import { FormErrors, SelectField, TextAreaField, TextField } from "./fields.tsx";
import { CheckboxGroup, ListErrors } from "./planFields.tsx";
import { planSchema, type PlanForm } from "../forms/plans.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";

export interface PlanChoices {
  agencies: { id: string; name: string }[];
  people: { id: string; name: string; agencyName: string }[];
}

/**
 * A form-made reference for a new goal, so actions can point at it before it is saved.
 * Deterministic (server and browser render the same) and never reused while an action
 * still points at an earlier one.
 */
function nextGoalRef(plan: { goals?: unknown; actions?: unknown } | undefined): string {
  const refs = [
    ...((plan?.goals as { id?: string }[] | undefined) ?? []).map((g) => g?.id),
    ...((plan?.actions as { goalId?: string }[] | undefined) ?? []).map((a) => a?.goalId),
  ];
  const n = Math.max(
    0,
    ...refs
      .map((r) => /^new-(\d+)$/.exec(r ?? "")?.[1])
      .filter(Boolean)
      .map(Number),
  );
  return `new-${n + 1}`;
}

type ActionMeta = FieldMetadata<PlanForm["actions"][number], PlanForm, string[]>;

/** The action plan form: context, goals, actions, organisations, coordination. Works without JavaScript. */
export function PlanEditor({
  defaults,
  baseVersion,
  choices,
  lastResult,
}: {
  defaults: PlanInput;
  baseVersion: number;
  choices: PlanChoices;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<PlanForm>({
    ...FORM_VALIDATION,
    id: "action-plan",
    lastResult,
    // Conform's default values are strings throughout; nulls mean "not chosen".
    defaultValue: JSON.parse(JSON.stringify(defaults, (_k, v) => (v === null ? undefined : v))),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: planSchema }),
  });
  const goals = fields.goals.getFieldList();
  const actions = fields.actions.getFieldList();
  const goalOptions = goals.map((g, i) => {
    const { id, what } = g.getFieldset();
    return {
      value: id.value ?? "",
      label: what.value ? `${i + 1}. ${what.value}` : t("plans.form.goalN", { n: i + 1 }),
    };
  });
  const agencyOptions = choices.agencies.map((a) => ({ value: a.id, label: a.name }));
  const peopleOptions = choices.people.map((p) => ({ value: p.id, label: `${p.name} (${p.agencyName})` }));
  const newGoal = nextGoalRef(form.value);

  return (
    <Form method="post" {...getFormProps(form)} className="form plan-form">
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <FormErrors form={form} />
      <TextAreaField
        meta={fields.socialContext}
        label={t("plans.form.socialContext")}
        hint={t("plans.form.socialContextHint")}
        rows={4}
      />

      <fieldset className="list-fieldset">
        <legend>{t("plans.form.goals")}</legend>
        <p className="hint">{t("plans.form.goalsHint")}</p>
        <ListErrors meta={fields.goals} />
        {goals.map((goal, i) => {
          const g = goal.getFieldset();
          return (
            <fieldset key={goal.key ?? goal.id} className="card list-item">
              <legend>{t("plans.form.goalN", { n: i + 1 })}</legend>
              <input {...getInputProps(g.id, { type: "hidden" })} key={g.id.key} />
              <TextField meta={g.what} label={t("plans.form.goalWhat")} />
              <TextField meta={g.measure} label={t("plans.form.measure")} hint={t("plans.form.measureHint")} />
              <div className="field-row">
                <TextField meta={g.byWhen} label={t("plans.form.byWhen")} type="date" />
                <SelectField
                  meta={g.standing}
                  label={t("plans.form.standing")}
                  options={GOAL_STANDINGS.map((s) => ({ value: s, label: t(`plans.standings.${s}`) }))}
                />
              </div>
              <button
                {...form.remove.getButtonProps({ name: fields.goals.name, index: i })}
                className="secondary small"
              >
                {t("plans.form.removeGoal", { n: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button
          {...form.insert.getButtonProps({ name: fields.goals.name, defaultValue: { id: newGoal, standing: "open" } })}
          className="secondary"
        >
          {t("plans.form.addGoal")}
        </button>
      </fieldset>

      <fieldset className="list-fieldset">
        <legend>{t("plans.form.actions")}</legend>
        <p className="hint">{t("plans.form.actionsHint")}</p>
        {actions.length === 0 && <p className="muted">{t("plans.form.noActions")}</p>}
        {actions.map((action, i) => (
          <ActionFields
            key={action.key ?? action.id}
            meta={action}
            n={i + 1}
            goalOptions={goalOptions}
            agencyOptions={agencyOptions}
            peopleOptions={peopleOptions}
          >
            <button
              {...form.remove.getButtonProps({ name: fields.actions.name, index: i })}
              className="secondary small"
            >
              {t("plans.form.removeAction", { n: i + 1 })}
            </button>
          </ActionFields>
        ))}
        <button
          {...form.insert.getButtonProps({
            name: fields.actions.name,
            defaultValue: { status: "planned", goalId: goalOptions[0]?.value },
          })}
          className="secondary"
        >
          {t("plans.form.addAction")}
        </button>
      </fieldset>

      <CheckboxGroup
        meta={fields.agencyIds}
        legend={t("plans.form.agencies")}
        hint={t("plans.form.agenciesHint")}
        options={agencyOptions}
      />

      <fieldset>
        <legend>{t("plans.form.coordination")}</legend>
        <div className="field-row">
          <SelectField
            meta={fields.contentCoordinatorId}
            label={t("plans.form.contentCoordinator")}
            hint={t("plans.form.contentCoordinatorHint")}
            placeholder={t("plans.form.nobody")}
            options={peopleOptions}
          />
          <SelectField
            meta={fields.processCoordinatorId}
            label={t("plans.form.processCoordinator")}
            hint={t("plans.form.processCoordinatorHint")}
            placeholder={t("plans.form.nobody")}
            options={peopleOptions}
          />
        </div>
        <TextField
          meta={fields.nextCheckInOn}
          label={t("plans.form.nextCheckIn")}
          hint={t("plans.form.nextCheckInHint")}
          type="date"
        />
      </fieldset>

      <button type="submit" className="primary">
        {t("plans.form.save", { version: baseVersion + 1 })}
      </button>
    </Form>
  );
}

function ActionFields({
  meta,
  n,
  goalOptions,
  agencyOptions,
  peopleOptions,
  children,
}: {
  meta: ActionMeta;
  n: number;
  goalOptions: { value: string; label: string }[];
  agencyOptions: { value: string; label: string }[];
  peopleOptions: { value: string; label: string }[];
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const a = meta.getFieldset();
  return (
    <fieldset className="card list-item">
      <legend>{t("plans.form.actionN", { n })}</legend>
      <input {...getInputProps(a.id, { type: "hidden" })} key={a.id.key} />
      <TextField meta={a.what} label={t("plans.form.actionWhat")} />
      <SelectField
        meta={a.goalId}
        label={t("plans.form.servesGoal")}
        placeholder={t("plans.form.choose")}
        options={goalOptions}
      />
      <div className="field-row">
        <SelectField
          meta={a.ownerAgencyId}
          label={t("plans.form.ownerAgency")}
          placeholder={t("plans.form.choose")}
          options={agencyOptions}
        />
        <SelectField
          meta={a.ownerPersonId}
          label={t("plans.form.ownerPerson")}
          placeholder={t("plans.form.notNamedYet")}
          options={peopleOptions}
        />
      </div>
      <div className="field-row">
        <TextField meta={a.startOn} label={t("plans.form.startOn")} type="date" />
        <TextField meta={a.dueOn} label={t("plans.form.dueOn")} type="date" />
      </div>
      <div className="field-row">
        <SelectField
          meta={a.status}
          label={t("plans.form.status")}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.statuses.${s}`) }))}
        />
        <SelectField
          meta={a.stopReason}
          label={t("plans.form.stopReason")}
          hint={t("plans.form.stopReasonHint")}
          placeholder={t("plans.form.notStopped")}
          options={STOP_REASONS.map((r) => ({ value: r, label: t(`plans.stopReasons.${r}`) }))}
        />
      </div>
      {children}
    </fieldset>
  );
}
