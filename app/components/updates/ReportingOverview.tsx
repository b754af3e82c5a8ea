import { useTranslation } from "react-i18next";
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import type { AgendaItemKind } from "../../contract/vocabulary.ts";
import type { ItemReporting } from "../../contract/agencyUpdates.ts";

interface Reporting {
  items: { itemId: string; kind: AgendaItemKind; title: string; caseCode: string; reporting: ItemReporting }[];
  reported: number;
  expected: number;
}

/** For the chair and the coordinator: which involved agencies have posted their update, per item and in total. */
export function ReportingOverview({ reporting, reminderDays }: { reporting: Reporting; reminderDays: number }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="reporting-heading" data-testid="reporting-overview">
      <h2 id="reporting-heading">
        {t("updates.overview")}{" "}
        <span className="badge" data-testid="reporting-total">
          {t("updates.reportedTotal", { ...reporting, count: reporting.expected })}
        </span>
      </h2>
      <p className="muted">{t("updates.reminder", { count: reminderDays })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("updates.item")}</th>
            <th scope="col">{t("updates.agencies")}</th>
          </tr>
        </thead>
        <tbody>
          {reporting.items.map((i) => (
            <tr key={i.itemId} data-testid="reporting-item">
              <th scope="row">
                {i.caseCode} <span className="muted">· {agendaItemTitle(t, i)}</span>
              </th>
              <td>
                <strong>{t("updates.reported", { ...i.reporting, count: i.reporting.expected })}</strong>
                <br />
                <span className="muted">
                  {i.reporting.missing.length
                    ? t("updates.missing", { names: i.reporting.missing.join(", ") })
                    : t("updates.allReported")}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
