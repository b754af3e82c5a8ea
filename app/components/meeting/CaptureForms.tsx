import { useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import {
  AGENCY_VIEWS,
  CHECK_IN_OUTCOMES,
  CLOSURE_OUTCOMES,
  ROUTINGS,
  oneOf,
  type AgencyView,
} from "../../contract/vocabulary.ts";
import type {
  AgendaItemView,
  ItemDetailView,
  MeetingCommandInputs,
  MeetingCommandName,
  MeetingSnapshot,
} from "../../contract/meetingProtocol.ts";
import { dayAfter } from "../../contract/time.ts";

type Send = <N extends MeetingCommandName>(
  name: N,
  payload: MeetingCommandInputs[N],
) => Promise<{ ok: boolean }> | undefined;
type DecisionInput = MeetingCommandInputs["decision:record"];
type Outcome = DecisionInput["outcome"];

/** The decision as the command takes it: what its outcome needs beside the rationale and views. */
function decisionInput(
  outcome: Outcome,
  common: Omit<DecisionInput, "outcome">,
  extra: string,
  task: { what: string; ownerAgencyId: string; ownerPersonId: string | null; dueOn: string },
): DecisionInput {
  switch (outcome) {
    case "regular_care":
      return { ...common, outcome, careService: extra };
    case "security_referral":
      return { ...common, outcome, referredTo: extra };
    case "gather_information":
      return { ...common, outcome, task };
    default:
      return { ...common, outcome };
  }
}
interface Props {
  item: AgendaItemView;
  detail: ItemDetailView | null;
  snapshot: MeetingSnapshot;
  may: { capture: boolean };
  me: { personId: string; agencyId: string; role: string };
  agencies: { id: string; name: string }[];
  members: { personId: string; agencyId: string; name: string }[];
  grading: { source: readonly string[]; information: readonly string[]; handling: readonly string[] };
  send: Send;
  decisionRef: RefObject<HTMLElement | null>;
  taskRef: RefObject<HTMLElement | null>;
}

const outcomesFor = (section: string): readonly Outcome[] =>
  section === "signals" || section === "reliability"
    ? ROUTINGS
    : section === "closures"
      ? CLOSURE_OUTCOMES
      : section === "checkins"
        ? CHECK_IN_OUTCOMES
        : [];

/**
 * Live capture on an item: the chair or coordinator grades, decides (with the views of
 * the agencies present) and adds tasks; a member gives their agency's view and proposes
 * tasks from their own screen. Forms clear at once: the command stays pending until acked.
 */
export function CaptureForms(p: Props) {
  const { t } = useTranslation();
  const { item, snapshot, send } = p;
  const id = (name: string) => `${item.id}-${name}`;
  const outcomes = outcomesFor(item.section);
  const present = [
    ...new Map(
      snapshot.participants
        .filter((x) => x.attendance === "in_room" || x.attendance === "on_screen")
        .map((x) => [x.agencyId, x.agencyName]),
    ).entries(),
  ];
  const decisions = snapshot.decisions.filter((x) => x.itemId === item.id);
  const proposals = snapshot.proposals.filter((x) => x.itemId === item.id && x.status === "open");

  const [outcome, setOutcome] = useState<Outcome | "">(outcomes[0] ?? "");
  const [rationale, setRationale] = useState("");
  const [extra, setExtra] = useState("");
  const [views, setViews] = useState<Record<string, AgencyView | null>>({});
  const [task, setTask] = useState({ what: "", agencyId: p.agencies[0]?.id ?? "", personId: "", due: dayAfter(7) });
  const [grade, setGrade] = useState({ source: "", information: "", handling: "", rationale: "", security: false });
  const [myView, setMyView] = useState<{ on: string; view: AgencyView; comment: string }>({
    on: decisions.at(-1)?.id ?? (item.section === "closures" ? "closure" : ""),
    view: "agree",
    comment: "",
  });

  const record = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome) return;
    const given = Object.entries(views).flatMap(([agencyId, view]) => (view ? [{ agencyId, view }] : []));
    void send(
      "decision:record",
      decisionInput(outcome, { itemId: item.id, rationale, views: given }, extra, {
        what: extra,
        ownerAgencyId: task.agencyId,
        ownerPersonId: task.personId || null,
        dueOn: task.due,
      }),
    );
    setRationale("");
    setExtra("");
    setViews({});
  };
  const addTask = (e: FormEvent, name: "task:add" | "task:propose") => {
    e.preventDefault();
    void send(name, {
      itemId: item.id,
      what: task.what,
      ownerAgencyId: task.agencyId,
      ownerPersonId: task.personId || null,
      dueOn: task.due,
    });
    setTask({ ...task, what: "" });
  };
  const signalItem = item.section === "signals" || item.section === "reliability";
  const people = p.members.filter((m) => m.agencyId === task.agencyId);

  const taskFields = (
    <>
      <div className="field">
        <label htmlFor={id("task-what")}>{t("meetings.task.what")}</label>
        <input
          type="text"
          id={id("task-what")}
          value={task.what}
          onChange={(e) => setTask({ ...task, what: e.target.value })}
          required
          maxLength={500}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={id("task-agency")}>{t("meetings.task.agency")}</label>
          <select
            id={id("task-agency")}
            value={task.agencyId}
            onChange={(e) => setTask({ ...task, agencyId: e.target.value, personId: "" })}
          >
            {p.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("task-owner")}>{t("meetings.task.owner")}</label>
          <select
            id={id("task-owner")}
            value={task.personId}
            onChange={(e) => setTask({ ...task, personId: e.target.value })}
          >
            <option value="">{t("meetings.task.noOwner")}</option>
            {people.map((m) => (
              <option key={m.personId} value={m.personId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("task-due")}>{t("meetings.task.due")}</label>
          <input
            id={id("task-due")}
            type="date"
            value={task.due}
            onChange={(e) => setTask({ ...task, due: e.target.value })}
            required
          />
        </div>
      </div>
    </>
  );

  return (
    <div className="capture">
      {p.may.capture && signalItem && (
        <form
          className="card form"
          aria-labelledby={id("grade-h")}
          onSubmit={(e) => {
            e.preventDefault();
            void send("signal:grade", {
              itemId: item.id,
              isSecuritySignal: grade.security,
              sourceGrade: grade.source,
              informationGrade: grade.information,
              handling: grade.handling || null,
              gradingRationale: grade.rationale,
            });
          }}
        >
          <h2 id={id("grade-h")}>{t("meetings.grading.title")}</h2>
          <div className="field-row">
            <div className="field">
              <label htmlFor={id("g-source")}>{t("meetings.grading.source")}</label>
              <select
                id={id("g-source")}
                value={grade.source}
                onChange={(e) => setGrade({ ...grade, source: e.target.value })}
                required
              >
                <option value="" />
                {p.grading.source.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id("g-info")}>{t("meetings.grading.information")}</label>
              <select
                id={id("g-info")}
                value={grade.information}
                onChange={(e) => setGrade({ ...grade, information: e.target.value })}
                required
              >
                <option value="" />
                {p.grading.information.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
            </div>
            {p.grading.handling.length > 0 && (
              <div className="field">
                <label htmlFor={id("g-handling")}>{t("meetings.grading.handling")}</label>
                <select
                  id={id("g-handling")}
                  value={grade.handling}
                  onChange={(e) => setGrade({ ...grade, handling: e.target.value })}
                >
                  <option value="" />
                  {p.grading.handling.map((g) => (
                    <option key={g}>{g}</option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <div className="field">
            <label htmlFor={id("g-rationale")}>{t("meetings.grading.rationale")}</label>
            <textarea
              id={id("g-rationale")}
              value={grade.rationale}
              onChange={(e) => setGrade({ ...grade, rationale: e.target.value })}
              required
              rows={2}
            />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={grade.security}
              onChange={(e) => setGrade({ ...grade, security: e.target.checked })}
            />{" "}
            {t("meetings.grading.security")}
          </label>
          <button type="submit">{t("meetings.grading.submit")}</button>
        </form>
      )}

      {p.may.capture && outcomes.length > 0 && (
        <form
          className="card form"
          aria-labelledby={id("decision-h")}
          onSubmit={record}
          ref={p.decisionRef as RefObject<HTMLFormElement>}
        >
          <h2 id={id("decision-h")}>{t("meetings.decision.title")}</h2>
          <div className="field">
            <label htmlFor={id("outcome")}>{t("meetings.decision.outcome")}</label>
            <select
              id={id("outcome")}
              value={outcome}
              onChange={(e) => setOutcome(oneOf(outcomes, e.target.value) ?? outcome)}
            >
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`meetings.decision.outcomes.${o}`)}
                </option>
              ))}
            </select>
          </div>
          {(outcome === "regular_care" || outcome === "security_referral" || outcome === "gather_information") && (
            <div className="field">
              <label htmlFor={id("extra")}>
                {t(
                  outcome === "regular_care"
                    ? "meetings.decision.careService"
                    : outcome === "security_referral"
                      ? "meetings.decision.referredTo"
                      : "meetings.decision.taskWhat",
                )}
              </label>
              <input type="text" id={id("extra")} value={extra} onChange={(e) => setExtra(e.target.value)} required />
            </div>
          )}
          <div className="field">
            <label htmlFor={id("rationale")}>{t("meetings.decision.rationale")}</label>
            <textarea
              id={id("rationale")}
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
              required
              rows={2}
            />
          </div>
          {present.length > 0 && (
            <fieldset>
              <legend>{t("meetings.decision.views")}</legend>
              {present.map(([agencyId, name]) => (
                <div className="field inline" key={agencyId}>
                  <label htmlFor={id(`view-${agencyId}`)}>{name}</label>
                  <select
                    id={id(`view-${agencyId}`)}
                    value={views[agencyId] ?? ""}
                    onChange={(e) => setViews({ ...views, [agencyId]: oneOf(AGENCY_VIEWS, e.target.value) })}
                  >
                    <option value="">{t("meetings.decision.view.none")}</option>
                    {(["agree", "disagree", "abstain"] as const).map((v) => (
                      <option key={v} value={v}>
                        {t(`meetings.decision.view.${v}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </fieldset>
          )}
          <button type="submit" className="primary">
            {t("meetings.decision.submit")}
          </button>
        </form>
      )}

      {!signalItem && (
        <form
          className="card form"
          aria-labelledby={id("task-h")}
          onSubmit={(e) => addTask(e, p.may.capture ? "task:add" : "task:propose")}
          ref={p.taskRef as RefObject<HTMLFormElement>}
        >
          <h2 id={id("task-h")}>{p.may.capture ? t("meetings.task.title") : t("meetings.task.proposeTitle")}</h2>
          {taskFields}
          <button type="submit">{p.may.capture ? t("meetings.task.submit") : t("meetings.task.propose")}</button>
        </form>
      )}

      {p.may.capture && proposals.length > 0 && (
        <section className="card" aria-labelledby={id("prop-h")}>
          <h2 id={id("prop-h")}>{t("meetings.room.proposals")}</h2>
          <ul className="plain-list">
            {proposals.map((x) => (
              <li key={x.id} className="row-between">
                <span>
                  {x.what}{" "}
                  <span className="muted">
                    · {x.ownerAgencyName} · {x.dueOn} · {x.proposedByName}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => {
                    const agency = p.agencies.find((a) => a.name === x.ownerAgencyName);
                    void send("task:add", {
                      itemId: item.id,
                      what: x.what,
                      ownerAgencyId: agency?.id ?? "",
                      dueOn: x.dueOn,
                      proposalId: x.id,
                    });
                  }}
                >
                  {t("meetings.room.accept")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.me.role !== "guest" && (decisions.length > 0 || item.section === "closures") && (
        <form
          className="card form"
          aria-labelledby={id("myview-h")}
          onSubmit={(e) => {
            e.preventDefault();
            const on = myView.on || decisions.at(-1)?.id || "closure";
            void send("view:give", {
              itemId: item.id,
              ...(on === "closure" ? {} : { decisionId: on }),
              view: myView.view,
              comment: myView.comment || null,
            });
            setMyView({ ...myView, comment: "" });
          }}
        >
          <h2 id={id("myview-h")}>{t("meetings.view.title")}</h2>
          <div className="field">
            <label htmlFor={id("myview-on")}>{t("meetings.view.on")}</label>
            <select
              id={id("myview-on")}
              value={myView.on || decisions.at(-1)?.id || "closure"}
              onChange={(e) => setMyView({ ...myView, on: e.target.value })}
            >
              {item.section === "closures" && <option value="closure">{t("meetings.view.closure")}</option>}
              {decisions.map((x) => (
                <option key={x.id} value={x.id}>
                  {t(`meetings.decision.outcomes.${x.outcome}`, { defaultValue: x.outcome })}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id("myview-view")}>{t("meetings.view.view")}</label>
            <select
              id={id("myview-view")}
              value={myView.view}
              onChange={(e) => setMyView({ ...myView, view: oneOf(AGENCY_VIEWS, e.target.value) ?? myView.view })}
            >
              {(["agree", "disagree", "abstain"] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`meetings.decision.view.${v}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={id("myview-comment")}>{t("meetings.view.comment")}</label>
            <input
              type="text"
              id={id("myview-comment")}
              value={myView.comment}
              onChange={(e) => setMyView({ ...myView, comment: e.target.value })}
            />
          </div>
          <button type="submit">{t("meetings.view.submit")}</button>
        </form>
      )}
    </div>
  );
}
