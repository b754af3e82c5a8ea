import { useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { MeetingCommandInputs } from "../../contract/meetingProtocol.ts";
import { AGENCY_VIEWS, oneOf, type AgencyView } from "../../contract/vocabulary.ts";
import { RefusalMessage, useCommand, type Send } from "./Refusal.tsx";
import { newTask, TaskFields, taskPayload, type TaskChoices, type TaskDraft } from "./TaskFields.tsx";
import { AgencyViewOptions } from "../AgencyViewOptions.tsx";
import type { SharingBasisChoices } from "../case/SharingBasisFields.tsx";
import { basisPayload, newBasis, SharingBasisPicker, type BasisDraft } from "./SharingBasisPicker.tsx";

type DecisionInput = MeetingCommandInputs["decision:record"];
export type DecisionOutcome = DecisionInput["outcome"];

/** The decision as the command takes it: what its outcome needs beside the rationale and the views. */
function decisionInput(
  outcome: DecisionOutcome,
  common: Omit<DecisionInput, "outcome">,
  extra: string,
  task: TaskDraft,
  basis: BasisDraft,
): DecisionInput {
  switch (outcome) {
    case "take_into_maw":
      return { ...common, outcome, basis: basisPayload(basis) };
    case "regular_care":
      return { ...common, outcome, careService: extra };
    case "security_referral":
      return { ...common, outcome, referredTo: extra };
    case "gather_information":
      return { ...common, outcome, task: taskPayload(task) };
    default:
      return { ...common, outcome };
  }
}

const EXTRA_LABEL: Record<string, string> = {
  regular_care: "meetings.decision.careService",
  security_referral: "meetings.decision.referredTo",
};

/**
 * A decision on an item: its outcome (none chosen in advance), the rationale, and the
 * views of the agencies that have a voice. What was typed stays when it is refused.
 */
export function DecisionForm({
  itemId,
  heading,
  outcomes,
  voices,
  tasks,
  basisChoices,
  send,
  formRef,
}: {
  itemId: string;
  heading: string;
  outcomes: readonly DecisionOutcome[];
  /** The agencies whose view may be recorded with the decision. */
  voices: { id: string; name: string }[];
  /** Whom a task to gather information may go to. */
  tasks: TaskChoices;
  /** What the basis for sharing may be, when an outcome takes the case into multi-agency work. */
  basisChoices?: SharingBasisChoices;
  send: Send;
  formRef?: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${itemId}-${name}`;
  const command = useCommand(send);
  const empty = {
    outcome: "" as DecisionOutcome | "",
    rationale: "",
    extra: "",
    /** Null until touched: the task then follows the choices as they load. */
    task: null as TaskDraft | null,
    basis: newBasis(basisChoices?.today ?? ""),
    views: {} as Record<string, AgencyView | null>,
  };
  const [form, setForm] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setForm({ ...form, ...patch });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = form;
    if (!form.outcome) return;
    const views = Object.entries(form.views).flatMap(([agencyId, view]) => (view ? [{ agencyId, view }] : []));
    const payload = decisionInput(
      form.outcome,
      { itemId, rationale: form.rationale, views },
      form.extra,
      form.task ?? newTask(tasks),
      form.basis,
    );
    setForm(empty);
    void command.run("decision:record", payload, () => setForm(typed));
  };

  return (
    <form
      className="card form capture-form"
      aria-labelledby={id("decision-h")}
      onSubmit={submit}
      ref={formRef as RefObject<HTMLFormElement>}
    >
      <h2 id={id("decision-h")}>{heading}</h2>
      <div className="field">
        <label htmlFor={id("outcome")}>{t("meetings.decision.outcome")}</label>
        <select
          id={id("outcome")}
          value={form.outcome}
          onChange={(e) => set({ outcome: oneOf(outcomes, e.target.value) ?? "" })}
          required
        >
          <option value="">{t("plans.form.choose")}</option>
          {outcomes.map((o) => (
            <option key={o} value={o}>
              {t(`meetings.decision.outcomes.${o}`)}
            </option>
          ))}
        </select>
      </div>
      {EXTRA_LABEL[form.outcome] && (
        <div className="field">
          <label htmlFor={id("extra")}>{t(EXTRA_LABEL[form.outcome])}</label>
          <input
            type="text"
            id={id("extra")}
            value={form.extra}
            onChange={(e) => set({ extra: e.target.value })}
            required
          />
        </div>
      )}
      {form.outcome === "gather_information" && (
        <TaskFields
          idPrefix={id("gather")}
          whatLabel={t("meetings.decision.taskWhat")}
          draft={form.task ?? newTask(tasks)}
          onChange={(task) => set({ task })}
          choices={tasks}
        />
      )}
      {form.outcome === "take_into_maw" && basisChoices && (
        <SharingBasisPicker
          idPrefix={id("basis")}
          draft={form.basis}
          onChange={(basis) => set({ basis })}
          choices={basisChoices}
        />
      )}
      <div className="field">
        <label htmlFor={id("rationale")}>{t("meetings.decision.rationale")}</label>
        <textarea
          id={id("rationale")}
          value={form.rationale}
          onChange={(e) => set({ rationale: e.target.value })}
          required
          rows={2}
        />
      </div>
      {voices.length > 0 && (
        <fieldset className="views-grid">
          <legend>{t("cockpit.decisionViews")}</legend>
          {voices.map((a) => (
            <div className="field inline" key={a.id}>
              <label htmlFor={id(`view-${a.id}`)}>{a.name}</label>
              <select
                id={id(`view-${a.id}`)}
                value={form.views[a.id] ?? ""}
                onChange={(e) => set({ views: { ...form.views, [a.id]: oneOf(AGENCY_VIEWS, e.target.value) } })}
              >
                <option value="">{t("meetings.decision.view.none")}</option>
                <AgencyViewOptions />
              </select>
            </div>
          ))}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" aria-describedby={id("decision-refusal")}>
          {t("meetings.decision.submit")}
        </button>
        <RefusalMessage id={id("decision-refusal")} refusal={command.refusal} />
      </div>
    </form>
  );
}
