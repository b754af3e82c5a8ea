import { useTranslation } from "react-i18next";
import type { ItemDetailView, MeetingSnapshot } from "../../contract/meetingProtocol.ts";
import { currentGoal } from "../../contract/planContent.ts";
import { dayAfter } from "../../contract/time.ts";

/** A task as it is being typed in the room. */
export interface TaskDraft {
  what: string;
  goalId: string;
  agencyId: string;
  personId: string;
  dueOn: string;
}

/** What a task may be linked to and owned by, and who to suggest. */
export interface TaskChoices {
  /** The goals of the case's plan (none for a signal). */
  goals: ItemDetailView["goals"];
  agencies: { id: string; name: string }[];
  members: { personId: string; agencyId: string; name: string }[];
  /** The owner suggested when an agency is picked: its member at the meeting, if any. */
  ownerFor: (agencyId: string) => string;
  /** Where a new draft starts: the proposer's own agency and themselves, or for the chair an involved agency present. */
  start: { agencyId: string; personId: string };
}

/**
 * The choices for a task on an item. A member proposes for their own agency and
 * themselves unless they say otherwise; the chair starts from the first involved agency
 * with someone at the meeting, and its member there.
 */
export function taskChoicesFor(p: {
  snapshot: MeetingSnapshot;
  detail: ItemDetailView | null;
  agencies: { id: string; name: string }[];
  members: { personId: string; agencyId: string; name: string }[];
  me: { personId: string; agencyId: string };
  chairing: boolean;
}): TaskChoices {
  const present = p.snapshot.participants.filter((x) => x.joinedAt !== null && x.leftAt === null);
  const ownerFor = (agencyId: string) =>
    present.find((x) => x.agencyId === agencyId && p.members.some((m) => m.personId === x.personId))?.personId ?? "";
  const involved = p.detail?.involvedAgencyIds ?? [];
  const chairsAgency =
    involved.find((a) => ownerFor(a) !== "") ?? involved.find((a) => p.agencies.some((x) => x.id === a));
  const start = p.chairing
    ? (() => {
        const agencyId = chairsAgency ?? p.agencies[0]?.id ?? "";
        return { agencyId, personId: ownerFor(agencyId) };
      })()
    : { agencyId: p.me.agencyId, personId: p.me.personId };
  return { goals: p.detail?.goals ?? [], agencies: p.agencies, members: p.members, ownerFor, start };
}

/** A fresh draft: due in a week, for the item's current goal. */
export function newTask(choices: TaskChoices): TaskDraft {
  return { what: "", goalId: currentGoal(choices.goals)?.id ?? "", ...choices.start, dueOn: dayAfter(7) };
}

/** The draft as the room's commands take it. */
export function taskPayload(d: TaskDraft) {
  return {
    what: d.what,
    ownerAgencyId: d.agencyId,
    ownerPersonId: d.personId || null,
    dueOn: d.dueOn,
    goalId: d.goalId || null,
  };
}

/**
 * The fields of a task, the same in every form of the room: what, the plan goal it
 * serves, the owner agency and person, and the due date.
 */
export function TaskFields({
  idPrefix,
  whatLabel,
  draft,
  onChange,
  choices,
}: {
  idPrefix: string;
  whatLabel?: string;
  draft: TaskDraft;
  onChange: (draft: TaskDraft) => void;
  choices: TaskChoices;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = (patch: Partial<TaskDraft>) => onChange({ ...draft, ...patch });
  const people = choices.members.filter((m) => m.agencyId === draft.agencyId);
  return (
    <>
      <div className="field">
        <label htmlFor={id("what")}>{whatLabel ?? t("meetings.task.what")}</label>
        <input
          type="text"
          id={id("what")}
          value={draft.what}
          onChange={(e) => set({ what: e.target.value })}
          required
          maxLength={500}
        />
      </div>
      {choices.goals.length > 0 && (
        <div className="field">
          <label htmlFor={id("goal")}>{t("meetings.task.goal")}</label>
          <select
            id={id("goal")}
            value={draft.goalId || currentGoal(choices.goals)?.id}
            onChange={(e) => set({ goalId: e.target.value })}
          >
            {choices.goals.map((g, i) => (
              <option key={g.id} value={g.id}>
                {t("meetings.task.goalOption", { number: i + 1, what: g.what })}
                {g.standing !== "open" ? ` (${t(`plans.standings.${g.standing}`)})` : ""}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={id("agency")}>{t("meetings.task.agency")}</label>
          <select
            id={id("agency")}
            value={draft.agencyId}
            onChange={(e) => set({ agencyId: e.target.value, personId: choices.ownerFor(e.target.value) })}
            required
          >
            {choices.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("owner")}>{t("meetings.task.owner")}</label>
          <select id={id("owner")} value={draft.personId} onChange={(e) => set({ personId: e.target.value })}>
            <option value="">{t("meetings.task.noOwner")}</option>
            {people.map((m) => (
              <option key={m.personId} value={m.personId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id("due")}>{t("meetings.task.due")}</label>
          <input
            id={id("due")}
            type="date"
            value={draft.dueOn}
            onChange={(e) => set({ dueOn: e.target.value })}
            required
          />
        </div>
      </div>
    </>
  );
}
