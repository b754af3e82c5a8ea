import { useTranslation } from "react-i18next";
import type { PlanChanges } from "../contract/planChanges.ts";
import type { PlanAction, PlanContent } from "../contract/planContent.ts";
import { formatDay, useDateStyle } from "../dates.ts";

type Kind = "added" | "removed" | "changed";

/** Which parts of one side of a comparison differ from the other side. */
interface Marks {
  item(id: string): { kind: Kind; fields: Set<string> } | undefined;
  plan: Set<string>;
  agencies: Set<string>;
  agencyKind: Kind;
}

function marksFor(changes: PlanChanges, side: "older" | "newer"): Marks {
  const gone: Kind = side === "older" ? "removed" : "added";
  const items = new Map(
    [...changes.goals, ...changes.actions]
      .filter((c) => c.kind === "changed" || c.kind === gone)
      .map((c) => [c.id, { kind: c.kind, fields: new Set(c.fields.map((f) => f.field)) }]),
  );
  return {
    item: (id) => items.get(id),
    plan: new Set(changes.plan.map((c) => c.field)),
    agencies: new Set((side === "older" ? changes.agencies.removed : changes.agencies.added).map((a) => a.id)),
    agencyKind: gone,
  };
}

export function ChangeTag({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return <span className={`change-tag change-${kind}`}>{t(`plans.compare.${kind}`)}</span>;
}

/** A fact of the plan; when it differs from the other version it is marked, in words too. */
function Fact({ label, changed, children }: { label: string; changed?: boolean; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{label}</dt>
      <dd className={changed ? "changed" : undefined}>
        {children}
        {changed && <span className="visually-hidden"> ({t("plans.compare.changed")})</span>}
      </dd>
    </>
  );
}

/**
 * One version of an action plan, read-only: goals with the actions that serve them.
 * Given `changes` and a side, it marks what differs from the other version.
 */
export function PlanView({
  content,
  changes,
  side,
  level = 3,
}: {
  content: PlanContent;
  changes?: PlanChanges;
  side?: "older" | "newer";
  level?: 3 | 4 | 5;
}) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const marks = changes && side ? marksFor(changes, side) : null;
  const H = `h${level}` as "h3" | "h4" | "h5";
  const day = (d: string | null) => (d ? formatDay(d, dateStyle) : t("plans.view.notSet"));
  const actionsOf = (goalId: string) => content.actions.filter((a) => a.goalId === goalId);

  function ActionItem({ a }: { a: PlanAction }) {
    const m = marks?.item(a.id);
    const f = (name: string) => m?.kind === "changed" && m.fields.has(name);
    return (
      <li className={`action-item${m ? ` is-${m.kind}` : ""}`}>
        <p className="item-title">
          {m && <ChangeTag kind={m.kind} />} <span className={f("what") ? "changed" : undefined}>{a.what}</span>
        </p>
        <dl className="facts">
          <Fact label={t("plans.view.owner")} changed={f("ownerPerson") || f("ownerAgency")}>
            {a.ownerPerson ? `${a.ownerPerson.name}, ${a.ownerAgency.name}` : a.ownerAgency.name}
          </Fact>
          <Fact label={t("plans.view.when")} changed={f("startOn") || f("dueOn")}>
            {a.startOn
              ? t("plans.view.fromTo", { from: day(a.startOn), to: day(a.dueOn) })
              : t("plans.view.dueBy", { due: day(a.dueOn) })}
          </Fact>
          <Fact label={t("plans.view.status")} changed={f("status") || f("stopReason") || f("goal")}>
            <span className={`status status-${a.status}`}>{t(`plans.statuses.${a.status}`)}</span>
            {a.stopReason && <> · {t(`plans.stopReasons.${a.stopReason}`)}</>}
          </Fact>
        </dl>
      </li>
    );
  }

  return (
    <div className="plan-view">
      <section>
        <H>{t("plans.form.socialContext")}</H>
        <p className={`prose${marks?.plan.has("socialContext") ? " changed" : ""}`}>{content.socialContext}</p>
      </section>
      <section>
        <H>{t("plans.form.goals")}</H>
        <ol className="goal-list">
          {content.goals.map((g) => {
            const m = marks?.item(g.id);
            const f = (name: string) => m?.kind === "changed" && m.fields.has(name);
            const actions = actionsOf(g.id);
            return (
              <li key={g.id} className={`goal-item${m ? ` is-${m.kind}` : ""}`}>
                <p className="item-title">
                  {m && <ChangeTag kind={m.kind} />} <span className={f("what") ? "changed" : undefined}>{g.what}</span>
                </p>
                <dl className="facts">
                  <Fact label={t("plans.form.measure")} changed={f("measure")}>
                    {g.measure}
                  </Fact>
                  <Fact label={t("plans.form.byWhen")} changed={f("byWhen")}>
                    {day(g.byWhen)}
                  </Fact>
                  <Fact label={t("plans.form.standing")} changed={f("standing")}>
                    {t(`plans.standings.${g.standing}`)}
                  </Fact>
                </dl>
                {actions.length > 0 ? (
                  <ul className="action-list" aria-label={t("plans.view.actionsFor", { goal: g.what })}>
                    {actions.map((a) => (
                      <ActionItem key={a.id} a={a} />
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t("plans.view.noActions")}</p>
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <section>
        <H>{t("plans.form.agencies")}</H>
        <ul className="tag-list">
          {content.agencies.map((a) => (
            <li key={a.id} className={marks?.agencies.has(a.id) ? `is-${marks.agencyKind}` : undefined}>
              {marks?.agencies.has(a.id) && <ChangeTag kind={marks.agencyKind} />} {a.name}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <H>{t("plans.form.coordination")}</H>
        <dl className="facts">
          <Fact label={t("plans.form.contentCoordinator")} changed={marks?.plan.has("contentCoordinator")}>
            {content.contentCoordinator?.name ?? t("plans.view.notSet")}
          </Fact>
          <Fact label={t("plans.form.processCoordinator")} changed={marks?.plan.has("processCoordinator")}>
            {content.processCoordinator?.name ?? t("plans.view.notSet")}
          </Fact>
          <Fact label={t("plans.form.nextCheckIn")} changed={marks?.plan.has("nextCheckInOn")}>
            {day(content.nextCheckInOn)}
          </Fact>
        </dl>
      </section>
    </div>
  );
}
