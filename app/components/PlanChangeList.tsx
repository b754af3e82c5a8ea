import { useTranslation } from "react-i18next";
import type { FieldChange, ItemChange, PlanChanges } from "../contract/planChanges.ts";
import { formatDay, useDateStyle } from "../dates.ts";
import { ChangeTag } from "./PlanView.tsx";

const DAYS = new Set(["byWhen", "startOn", "dueOn", "nextCheckInOn"]);
const CODES: Record<string, string> = {
  standing: "plans.standings",
  status: "plans.statuses",
  stopReason: "plans.stopReasons",
};

function useValue() {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  return (field: string, v: string | null) => {
    if (v === null || v === "") return t("plans.view.notSet");
    if (DAYS.has(field)) return formatDay(v, dateStyle);
    if (CODES[field]) return t(`${CODES[field]}.${v}`);
    return v;
  };
}

function FieldChanges({ fields }: { fields: FieldChange[] }) {
  const { t } = useTranslation();
  const value = useValue();
  if (!fields.length) return null;
  return (
    <ul className="field-changes">
      {fields.map((f) => (
        <li key={f.field}>
          <span className="field-name">{t(`plans.fields.${f.field}`)}:</span> <del>{value(f.field, f.from)}</del>{" "}
          <span aria-hidden="true">→</span>
          <span className="visually-hidden">{t("plans.compare.becomes")}</span> <ins>{value(f.field, f.to)}</ins>
        </li>
      ))}
    </ul>
  );
}

function Items({ items, noun }: { items: ItemChange[]; noun: "goal" | "action" }) {
  const { t } = useTranslation();
  return items.map((c) => (
    <li key={c.id}>
      <ChangeTag kind={c.kind} /> {t(`plans.compare.${noun}`)}: <strong>{c.label}</strong>
      <FieldChanges fields={c.fields} />
    </li>
  ));
}

/** What changed between two versions, in words: the summary above a side-by-side view. */
export function PlanChangeList({ changes }: { changes: PlanChanges }) {
  const { t } = useTranslation();
  if (changes.same) return <p className="muted">{t("plans.compare.same")}</p>;
  return (
    <ul className="change-list">
      {changes.plan.length > 0 && (
        <li>
          <ChangeTag kind="changed" /> {t("plans.compare.plan")}
          <FieldChanges fields={changes.plan} />
        </li>
      )}
      {changes.agencies.added.map((a) => (
        <li key={`+${a.id}`}>
          <ChangeTag kind="added" /> {t("plans.compare.agency")}: <strong>{a.name}</strong>
        </li>
      ))}
      {changes.agencies.removed.map((a) => (
        <li key={`-${a.id}`}>
          <ChangeTag kind="removed" /> {t("plans.compare.agency")}: <strong>{a.name}</strong>
        </li>
      ))}
      <Items items={changes.goals} noun="goal" />
      <Items items={changes.actions} noun="action" />
    </ul>
  );
}
