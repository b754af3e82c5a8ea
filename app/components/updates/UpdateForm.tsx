import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import type { AgendaItemKind } from "../../contract/vocabulary.ts";
import { TASK_PROGRESS, type AgencyUpdateView } from "../../contract/agencyUpdates.ts";
import { formatMoment, useDateStyle } from "../../dates.ts";
import { Notice } from "../fields.tsx";
import { AgencyViewOptions } from "../AgencyViewOptions.tsx";

interface Item {
  itemId: string;
  kind: AgendaItemKind;
  title: string;
  caseCode: string;
  openTasks: { id: string; what: string; dueOn: string | null }[];
  closureOpen: boolean;
  update: AgencyUpdateView | null;
}

/**
 * One case item's update form: progress on each of the agency's open tasks (with a
 * note), new information, and the agency's view when a closure is proposed. Filled in
 * with the update posted so far; a plain form, so it works without JavaScript.
 */
export function UpdateForm({
  item,
  open,
  result,
}: {
  item: Item;
  open: boolean;
  result: { saved?: true; error?: string } | null;
}) {
  const { t } = useTranslation();
  const dates = useDateStyle();
  const u = item.update;
  const id = (s: string) => `${item.itemId}-${s}`;
  const line = (taskId: string) => u?.tasks.find((x) => x.taskId === taskId);
  return (
    <section className="card form" aria-labelledby={id("heading")} data-testid="update-item">
      <h3 id={id("heading")}>
        {item.caseCode} <span className="muted">· {agendaItemTitle(t, item)}</span>
      </h3>
      {u && (
        <p className="muted" data-testid="update-posted">
          {t("updates.posted", { name: u.postedBy, when: formatMoment(u.postedAt, dates) })}
          {u.confirmedAt && ` · ${t("updates.confirmed")}`}
        </p>
      )}
      {result?.saved && <Notice tone="success">{t("updates.saved")}</Notice>}
      {result?.error && <Notice tone="error">{result.error}</Notice>}
      <Form method="post">
        <input type="hidden" name="itemId" value={item.itemId} />
        <fieldset disabled={!open}>
          <legend>{t("updates.yourTasks")}</legend>
          {item.openTasks.length === 0 && <p className="muted">{t("updates.noTasks")}</p>}
          {item.openTasks.map((task) => (
            <div key={task.id} className="task-progress">
              <div className="field">
                <label htmlFor={id(`progress-${task.id}`)}>{t("updates.progressFor", { what: task.what })}</label>
                <select
                  id={id(`progress-${task.id}`)}
                  name={`progress.${task.id}`}
                  defaultValue={line(task.id)?.progress ?? ""}
                >
                  <option value="">{t("updates.progressNone")}</option>
                  {TASK_PROGRESS.map((p) => (
                    <option key={p} value={p}>
                      {t(`updates.progress.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={id(`note-${task.id}`)}>{t("updates.note")}</label>
                <input
                  id={id(`note-${task.id}`)}
                  name={`note.${task.id}`}
                  maxLength={1000}
                  defaultValue={line(task.id)?.note ?? ""}
                />
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset disabled={!open}>
          <legend>{t("updates.news")}</legend>
          <div className="field">
            <label htmlFor={id("news")}>{t("updates.news")}</label>
            <textarea
              id={id("news")}
              name="news"
              rows={4}
              maxLength={4000}
              aria-describedby={id("news-hint")}
              defaultValue={u?.news ?? ""}
            />
            <p className="hint" id={id("news-hint")}>
              {t("updates.newsHint")}
            </p>
          </div>
        </fieldset>
        {item.closureOpen && (
          <fieldset disabled={!open}>
            <legend>{t("updates.closureView")}</legend>
            <div className="field">
              <label htmlFor={id("closure-view")}>{t("updates.closureView")}</label>
              <select id={id("closure-view")} name="closureView" defaultValue={u?.closureView ?? ""}>
                <option value="">{t("updates.closureNone")}</option>
                <AgencyViewOptions />
              </select>
            </div>
            <div className="field">
              <label htmlFor={id("closure-comment")}>{t("updates.closureComment")}</label>
              <input
                id={id("closure-comment")}
                name="closureComment"
                maxLength={1000}
                defaultValue={u?.closureComment ?? ""}
              />
            </div>
          </fieldset>
        )}
        {open && (
          <button type="submit" className="primary">
            {u ? t("updates.change") : t("updates.submit")}
          </button>
        )}
      </Form>
    </section>
  );
}
