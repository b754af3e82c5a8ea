import { useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { AGENCY_VIEWS, CHECK_IN_OUTCOMES, oneOf, type AgencyView } from "../../contract/vocabulary.ts";
import type { AgendaItemView, ItemDetailView, MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import { ClosureSignOff, ClosureViews } from "./ClosureCapture.tsx";
import { DecisionForm } from "./DecisionForm.tsx";
import { formatDay, useDateStyle } from "../../dates.ts";
import { RefusalMessage, useCommand, type Send } from "./Refusal.tsx";
import { SignalCapture, type Grading } from "./SignalCapture.tsx";
import { newTask, TaskFields, taskChoicesFor, taskPayload, type TaskDraft } from "./TaskFields.tsx";
import { AgencyViewOptions } from "../AgencyViewOptions.tsx";

interface Props {
  item: AgendaItemView;
  detail: ItemDetailView | null;
  snapshot: MeetingSnapshot;
  may: { capture: boolean };
  me: { personId: string; agencyId: string; role: string };
  agencies: { id: string; name: string }[];
  members: { personId: string; agencyId: string; name: string }[];
  /** The bases the network lists besides consent, and today, for a routing into multi-agency work. */
  sharing: { listed: { id: string; name: string; reference: string }[]; today: string };
  grading: Grading;
  send: Send;
  decisionRef: RefObject<HTMLElement | null>;
  taskRef: RefObject<HTMLElement | null>;
}

/**
 * Live capture on an item, by its kind: a signal is graded and routed, a check-in ends in
 * a decision and tasks, a closure gathers the agencies' views and the accountable
 * officer's sign-off. A member gives their agency's view and proposes tasks from their
 * own screen. Forms clear at once (the command stays pending until acked) and get back
 * what was typed when it is refused, with the refusal beside the button.
 */
export function CaptureForms(p: Props) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { item, snapshot, send } = p;
  const id = (name: string) => `${item.id}-${name}`;
  const voices = (p.detail?.involvedAgencyIds ?? []).flatMap((agencyId) => p.agencies.filter((a) => a.id === agencyId));
  const taskCommand = useCommand(send);
  const proposalCommand = useCommand(send);
  const viewCommand = useCommand(send);
  const decisions = snapshot.decisions.filter((x) => x.itemId === item.id);
  const proposals = snapshot.proposals.filter((x) => x.itemId === item.id && x.status === "open");

  const choices = taskChoicesFor({ ...p, chairing: p.may.capture });
  // Null until touched: the task follows the defaults as the item's detail and the attendance load.
  const [touched, setTask] = useState<TaskDraft | null>(null);
  const task = touched ?? newTask(choices);
  const [myView, setMyView] = useState<{ on: string; view: AgencyView; comment: string }>({
    on: decisions.at(-1)?.id ?? (item.section === "closures" ? "closure" : ""),
    view: "agree",
    comment: "",
  });

  const addTask = (e: FormEvent, name: "task:add" | "task:propose") => {
    e.preventDefault();
    const typed = task;
    void taskCommand.run(name, { itemId: item.id, ...taskPayload(task) }, () => setTask(typed));
    setTask(null);
  };
  const signalItem = item.section === "signals" || item.section === "reliability";
  // The server takes proposals only from those who see the case in full (a guest: their own item).
  const mayPropose = p.may.capture || item.access === "full";

  return (
    <div className="capture">
      {p.may.capture && signalItem && p.detail?.signal && (
        <SignalCapture
          itemId={item.id}
          signal={p.detail.signal}
          stage={p.detail.stage}
          grading={p.grading}
          voices={voices}
          tasks={choices}
          basisChoices={{
            ...p.sharing,
            isMinor: p.detail.isMinor,
            people: p.members.map((m) => ({
              personId: m.personId,
              name: m.name,
              agencyName: p.agencies.find((a) => a.id === m.agencyId)?.name ?? "",
            })),
          }}
          send={send}
          decisionRef={p.decisionRef}
        />
      )}

      {item.section === "closures" && p.detail?.closure && (
        <ClosureViews closure={p.detail.closure} involved={voices} />
      )}
      {p.may.capture && item.section === "closures" && p.detail?.closure && (
        <ClosureSignOff
          itemId={item.id}
          closure={p.detail.closure}
          involved={voices}
          send={send}
          formRef={p.decisionRef}
        />
      )}

      {p.may.capture && item.section === "checkins" && (
        <DecisionForm
          itemId={item.id}
          heading={t("meetings.decision.title")}
          outcomes={CHECK_IN_OUTCOMES}
          voices={voices}
          tasks={choices}
          send={send}
          formRef={p.decisionRef}
        />
      )}

      {!signalItem && mayPropose && (
        <form
          className="card form"
          aria-labelledby={id("task-h")}
          onSubmit={(e) => addTask(e, p.may.capture ? "task:add" : "task:propose")}
          ref={p.taskRef as RefObject<HTMLFormElement>}
        >
          <h2 id={id("task-h")}>{p.may.capture ? t("meetings.task.title") : t("meetings.task.proposeTitle")}</h2>
          <TaskFields idPrefix={id("task")} draft={task} onChange={setTask} choices={choices} />
          <div className="form-actions">
            <button type="submit" aria-describedby={id("task-refusal")}>
              {p.may.capture ? t("meetings.task.submit") : t("meetings.task.propose")}
            </button>
            <RefusalMessage id={id("task-refusal")} refusal={taskCommand.refusal} />
          </div>
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
                    · {[x.ownerAgencyName, x.ownerPersonName].filter(Boolean).join(", ")} ·{" "}
                    {formatDay(x.dueOn, dateStyle)} · {x.proposedByName}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() =>
                    void proposalCommand.run("task:add", {
                      itemId: item.id,
                      what: x.what,
                      ownerAgencyId: x.ownerAgencyId,
                      ownerPersonId: x.ownerPersonId,
                      dueOn: x.dueOn,
                      goalId: x.goalId,
                      proposalId: x.id,
                    })
                  }
                >
                  {t("meetings.room.accept")}
                </button>
              </li>
            ))}
          </ul>
          <RefusalMessage id={id("prop-refusal")} refusal={proposalCommand.refusal} />
        </section>
      )}

      {p.me.role !== "guest" &&
        voices.some((v) => v.id === p.me.agencyId) &&
        (decisions.length > 0 || item.section === "closures") && (
          <form
            className="card form"
            aria-labelledby={id("myview-h")}
            onSubmit={(e) => {
              e.preventDefault();
              const on = myView.on || decisions.at(-1)?.id || "closure";
              const typed = myView;
              void viewCommand.run(
                "view:give",
                {
                  itemId: item.id,
                  ...(on === "closure" ? {} : { decisionId: on }),
                  view: myView.view,
                  comment: myView.comment || null,
                },
                () => setMyView(typed),
              );
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
                <AgencyViewOptions />
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
            <div className="form-actions">
              <button type="submit" aria-describedby={id("myview-refusal")}>
                {t("meetings.view.submit")}
              </button>
              <RefusalMessage id={id("myview-refusal")} refusal={viewCommand.refusal} />
            </div>
          </form>
        )}
    </div>
  );
}
