import { useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { CLOSURE_OUTCOMES } from "../../contract/vocabulary.ts";
import type { ItemDetailView } from "../../contract/meetingProtocol.ts";
import { RefusalMessage, useCommand, type Send } from "./Refusal.tsx";

type Closure = NonNullable<ItemDetailView["closure"]>;

/** Each involved agency's view on the closure, given ahead or live, dissent marked; missing ones named. */
export function ClosureViews({ closure, involved }: { closure: Closure; involved: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const given = new Map(closure.views.map((v) => [v.agencyName, v]));
  const missing = involved.filter((a) => !given.has(a.name));
  return (
    <section className="card capture-form" aria-labelledby="closure-views-h">
      <h2 id="closure-views-h">{t("cockpit.closure.viewsStep")}</h2>
      <ul className="plain-list closure-views" data-testid="closure-views">
        {closure.views.map((v) => (
          <li key={v.agencyName} className={v.view === "disagree" ? "is-dissent" : undefined}>
            {v.agencyName}: <strong>{t(`meetings.decision.view.${v.view}`)}</strong>
            {v.view === "disagree" && <span className="badge danger">{t("cockpit.closure.dissent")}</span>}
            {v.comment && <span className="muted"> · {v.comment}</span>}
          </li>
        ))}
        {missing.map((a) => (
          <li key={a.id} className="is-missing">
            {a.name}: <em>{t("cockpit.closure.missing")}</em>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * "The accountable officer signs off": the outcome is chosen explicitly (nothing is
 * preselected), and closing asks for a confirmation that lists any dissent.
 */
export function ClosureSignOff({
  itemId,
  closure,
  involved,
  send,
  formRef,
}: {
  itemId: string;
  closure: Closure;
  involved: { id: string; name: string }[];
  send: Send;
  formRef?: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${itemId}-${name}`;
  const command = useCommand(send);
  const empty = { outcome: "" as (typeof CLOSURE_OUTCOMES)[number] | "", rationale: "" };
  const [form, setForm] = useState(empty);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const dissent = closure.views.filter((v) => v.view === "disagree");
  const missing = involved.filter((a) => !closure.views.some((v) => v.agencyName === a.name));

  const record = () => {
    const typed = form;
    if (!typed.outcome) return;
    setForm(empty);
    setConfirming(false);
    void command.run("decision:record", { itemId, outcome: typed.outcome, rationale: typed.rationale, views: [] }, () =>
      setForm(typed),
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.outcome === "close") setConfirming(true);
    else record();
  };
  return (
    <form
      className="card form capture-form sign-off"
      aria-labelledby={id("signoff-h")}
      onSubmit={submit}
      ref={formRef as RefObject<HTMLFormElement>}
    >
      <h2 id={id("signoff-h")}>{t("cockpit.closure.signOffStep")}</h2>
      <p className="hint">{t("cockpit.closure.signOffIntro")}</p>
      <fieldset>
        <legend>{t("cockpit.closure.outcome")}</legend>
        {CLOSURE_OUTCOMES.map((o) => (
          <label key={o} className="radio">
            <input
              type="radio"
              name={id("signoff-outcome")}
              value={o}
              checked={form.outcome === o}
              onChange={() => setForm({ ...form, outcome: o })}
              required
            />{" "}
            {t(`meetings.decision.outcomes.${o}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={id("signoff-rationale")}>{t("meetings.decision.rationale")}</label>
        <textarea
          id={id("signoff-rationale")}
          value={form.rationale}
          onChange={(e) => setForm({ ...form, rationale: e.target.value })}
          required
          rows={2}
        />
      </div>
      {confirming ? (
        <div
          className="confirm-box"
          role="alertdialog"
          aria-labelledby={id("confirm-h")}
          aria-describedby={id("confirm-body")}
          tabIndex={-1}
          ref={confirmRef}
        >
          <h3 id={id("confirm-h")}>{t("cockpit.closure.confirmTitle")}</h3>
          <div id={id("confirm-body")}>
            {dissent.length > 0 ? (
              <>
                <p>{t("cockpit.closure.confirmDissent")}</p>
                <ul data-testid="confirm-dissent">
                  {dissent.map((v) => (
                    <li key={v.agencyName}>
                      <strong>{v.agencyName}</strong>
                      {v.comment && `: ${v.comment}`}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t("cockpit.closure.confirmNoDissent")}</p>
            )}
            {missing.length > 0 && (
              <p className="warning-text">
                {t("cockpit.closure.confirmMissing", { agencies: missing.map((a) => a.name).join(", ") })}
              </p>
            )}
          </div>
          <div className="form-actions">
            <button type="button" className="primary" onClick={record}>
              {t("cockpit.closure.confirm")}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t("cockpit.closure.back")}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="submit" className="primary" aria-describedby={id("signoff-refusal")}>
            {t("meetings.decision.submit")}
          </button>
        </div>
      )}
      <RefusalMessage id={id("signoff-refusal")} refusal={command.refusal} />
    </form>
  );
}
