import { useTranslation } from "react-i18next";
import type { ItemDetailView } from "../../contract/meetingProtocol.ts";
import { RefusalMessage, useCommand, type Send } from "../meeting/Refusal.tsx";

/**
 * The involved agencies' updates on the item, shown with it to every screen that sees the
 * item in full (the detail carries them only then). The chair confirms each, which sets
 * the tasks it names as the agency reported them.
 */
export function ItemUpdates({ detail, mayConfirm, send }: { detail: ItemDetailView; mayConfirm: boolean; send: Send }) {
  const { t } = useTranslation();
  const command = useCommand(send);
  if (!detail.updates || !detail.reporting || detail.reporting.expected === 0) return null;
  const { reporting } = detail;
  return (
    <section className="item-updates" aria-labelledby="item-updates-heading" data-testid="item-updates">
      <h3 id="item-updates-heading">
        {t("updates.room.title")}{" "}
        <span className="badge" data-testid="item-reporting">
          {t("updates.reported", { ...reporting, count: reporting.expected })}
        </span>
      </h3>
      {reporting.missing.length > 0 && (
        <p className="muted">{t("updates.missing", { names: reporting.missing.join(", ") })}</p>
      )}
      {detail.updates.length === 0 ? (
        <p className="muted">{t("updates.room.none")}</p>
      ) : (
        <ul className="update-list">
          {detail.updates.map((u) => (
            <li key={u.id} data-testid="agency-update">
              <p>
                <strong>{u.agencyName}</strong> <span className="muted">· {u.postedBy}</span>
                {u.confirmedAt && <span className="badge success"> {t("updates.confirmed")}</span>}
              </p>
              {u.tasks.length > 0 && (
                <ul aria-label={t("updates.room.tasks")}>
                  {u.tasks.map((x) => (
                    <li key={x.taskId}>
                      {x.what}: <strong>{t(`updates.progress.${x.progress}`)}</strong>
                      {x.note && ` · ${x.note}`}
                    </li>
                  ))}
                </ul>
              )}
              {u.news && (
                <p>
                  <span className="muted">{t("updates.room.news")}:</span> {u.news}
                </p>
              )}
              {u.closureView && (
                <p>
                  <span className="muted">{t("updates.room.closure")}:</span>{" "}
                  <strong>{t(`meetings.decision.view.${u.closureView}`)}</strong>
                  {u.closureComment && ` · ${u.closureComment}`}
                </p>
              )}
              {mayConfirm && !u.confirmedAt && (
                <button
                  type="button"
                  className="secondary"
                  title={t("updates.room.confirmHint")}
                  onClick={() => void command.run("update:confirm", { itemId: detail.itemId, updateId: u.id })}
                >
                  {t("updates.room.confirm", { agency: u.agencyName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <RefusalMessage id="item-updates-refusal" refusal={command.refusal} />
    </section>
  );
}
