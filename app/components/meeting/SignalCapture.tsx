import { useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { ROUTINGS, type GradingScale } from "../../contract/vocabulary.ts";
import { dimensionKey, meaningKey, type GradeDimension } from "../../contract/grading.ts";
import type { ItemDetailView } from "../../contract/meetingProtocol.ts";
import { DecisionForm } from "./DecisionForm.tsx";
import { RefusalMessage, useCommand, type Send } from "./Refusal.tsx";
import type { TaskChoices } from "./TaskFields.tsx";
import type { SharingBasisChoices } from "../case/SharingBasisFields.tsx";

export interface Grading {
  scale: GradingScale;
  source: readonly string[];
  information: readonly string[];
  handling: readonly string[];
}

/**
 * A new signal or a source check, done once in the room and written into the register:
 * 1. the source grading (each grade with its meaning on the network's scale), the
 * motives check and the security question; 2. the routing.
 */
export function SignalCapture({
  itemId,
  signal,
  stage,
  grading,
  voices,
  tasks,
  basisChoices,
  send,
  decisionRef,
}: {
  itemId: string;
  signal: NonNullable<ItemDetailView["signal"]>;
  stage: string | null;
  grading: Grading;
  voices: { id: string; name: string }[];
  tasks: TaskChoices;
  basisChoices: SharingBasisChoices;
  send: Send;
  decisionRef: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const [regrade, setRegrade] = useState(false);
  const graded = signal.grade !== null;
  if (stage !== null && stage !== "signal")
    return (
      <p className="notice success" data-testid="routed">
        {t("cockpit.routing.routed")}
      </p>
    );
  return (
    <>
      {graded && !regrade ? (
        <section className="card capture-form graded" aria-labelledby={`${itemId}-graded-h`}>
          <h2 id={`${itemId}-graded-h`}>{t("cockpit.grading.step")}</h2>
          <p>
            <strong>{t("cockpit.grading.graded", { grade: signal.grade })}</strong>
            {" · "}
            {signal.isSecuritySignal ? t("cockpit.grading.securityIsYes") : t("cockpit.grading.securityIsNo")}
          </p>
          {signal.analysis && <p className="muted">{signal.analysis.gradingRationale}</p>}
          <button type="button" className="link-button" onClick={() => setRegrade(true)}>
            {t("cockpit.grading.gradeAgain")}
          </button>
        </section>
      ) : (
        <GradingForm itemId={itemId} grading={grading} send={send} onRecorded={() => setRegrade(false)} />
      )}
      {graded ? (
        <DecisionForm
          itemId={itemId}
          heading={t("cockpit.routing.step")}
          outcomes={signal.isSecuritySignal ? ["security_referral"] : ROUTINGS}
          voices={voices}
          tasks={tasks}
          basisChoices={basisChoices}
          send={send}
          formRef={decisionRef}
        />
      ) : (
        <p className="muted">{t("cockpit.routing.needsGrade")}</p>
      )}
    </>
  );
}

function GradingForm({
  itemId,
  grading,
  send,
  onRecorded,
}: {
  itemId: string;
  grading: Grading;
  send: Send;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${itemId}-${name}`;
  const command = useCommand(send);
  const empty = {
    source: "",
    information: "",
    handling: "",
    rationale: "",
    knownConflict: "",
    reporterInterest: "",
    corroboration: "",
    security: "",
  };
  const [grade, setGrade] = useState(empty);
  const set = (patch: Partial<typeof empty>) => setGrade({ ...grade, ...patch });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const typed = grade;
    setGrade(empty);
    const ack = await command.run(
      "signal:grade",
      {
        itemId,
        isSecuritySignal: grade.security === "yes",
        sourceGrade: grade.source,
        informationGrade: grade.information,
        handling: grade.handling || null,
        gradingRationale: grade.rationale,
        knownConflict: grade.knownConflict || null,
        reporterInterest: grade.reporterInterest || null,
        corroboration: grade.corroboration || null,
      },
      () => setGrade(typed),
    );
    if (ack?.ok) onRecorded();
  };
  const dimensions: GradeDimension[] =
    grading.handling.length > 0 ? ["source", "information", "handling"] : ["source", "information"];
  return (
    <form className="card form capture-form" aria-labelledby={id("grade-h")} onSubmit={(e) => void submit(e)}>
      <h2 id={id("grade-h")}>{t("cockpit.grading.step")}</h2>
      <div className="field-row">
        {dimensions.map((d) => (
          <div className="field" key={d}>
            <label htmlFor={id(`g-${d}`)}>{t(dimensionKey(grading.scale, d))}</label>
            <select id={id(`g-${d}`)} value={grade[d]} onChange={(e) => set({ [d]: e.target.value })} required>
              <option value="">{t("plans.form.choose")}</option>
              {grading[d].map((g) => (
                <option key={g} value={g}>
                  {g}: {t(meaningKey(grading.scale, d, g))}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={id("g-rationale")}>{t("meetings.grading.rationale")}</label>
        <textarea
          id={id("g-rationale")}
          value={grade.rationale}
          onChange={(e) => set({ rationale: e.target.value })}
          required
          rows={2}
        />
      </div>
      <fieldset className="motives">
        <legend>{t("cockpit.grading.motives")}</legend>
        {(["knownConflict", "reporterInterest", "corroboration"] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={id(`g-${k}`)}>{t(`signals.analysis.${k}`)}</label>
            <input type="text" id={id(`g-${k}`)} value={grade[k]} onChange={(e) => set({ [k]: e.target.value })} />
          </div>
        ))}
      </fieldset>
      <fieldset className="security-question">
        <legend>{t("cockpit.grading.security")}</legend>
        {(["no", "yes"] as const).map((v) => (
          <label key={v} className="radio">
            <input
              type="radio"
              name={id("g-security")}
              value={v}
              checked={grade.security === v}
              onChange={() => set({ security: v })}
              required
            />{" "}
            {v === "yes" ? t("cockpit.grading.securityYes") : t("cockpit.grading.securityNo")}
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" aria-describedby={id("grade-refusal")}>
          {t("meetings.grading.submit")}
        </button>
        <RefusalMessage id={id("grade-refusal")} refusal={command.refusal} />
      </div>
    </form>
  );
}
