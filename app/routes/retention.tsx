import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, Notice, TextField } from "../components/fields.tsx";
import { PURGE_KINDS, PURGE_PREVIEW_DAYS, RETENTION_PERIOD_NAMES } from "../contract/retention.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { retentionSchema } from "../forms/retention.ts";
import { parseForm } from "../forms/submission.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";
import type { Route } from "./+types/retention";

const RUNS_SHOWN = 10;

// The network's retention schedule, what the purge will remove in the next 30 days, and
// what it removed lately (from its audit entries, which hold counts only).
export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "settings:manage");
  const { networks, retention, auditChain } = context.services;
  const network = (await networks.get(params.networkId))!;
  const runs = (await auditChain.listForNetwork(network.id, { limit: 2000 }))
    .filter((e) => e.action === "retention.purged")
    .slice(0, RUNS_SHOWN)
    .map((e) => {
      const details = JSON.parse(e.details) as Record<string, unknown>;
      return {
        id: e.id,
        at: e.at.toISOString(),
        counts: PURGE_KINDS.map((kind) => ({ kind, count: Number(details[kind] ?? 0) })).filter((c) => c.count > 0),
      };
    });
  return {
    timeZone: network.timeZone,
    schedule: (await retention.get(network.id))!,
    due: (await retention.preview(network.id, PURGE_PREVIEW_DAYS))
      .filter((d) => d.count > 0)
      .map((d) => ({ ...d, from: d.from?.toISOString() ?? null })),
    runs,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "settings:manage");
  const parsed = parseForm(await request.formData(), retentionSchema);
  if (!parsed.ok) return parsed.response;
  const changed = await context.services.retention.set(actorOf(context, viewer), params.networkId, parsed.value);
  return { result: parsed.submission.reply(), changed };
}

export default function Retention({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { schedule, due, runs } = loaderData;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(RETENTION_PERIOD_NAMES.map((p) => [p, String(schedule[p])])),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: retentionSchema }),
  });
  const when = (at: string) => formatMoment(at, dateStyle);
  return (
    <div className="page narrow">
      <title>{`${t("retention.title")} · ${t("app.name")}`}</title>
      <h1>{t("retention.title")}</h1>
      <p>{t("retention.intro")}</p>
      {actionData && "changed" in actionData && (
        <Notice tone="success">
          {t(actionData.changed ? "retention.settings.saved" : "retention.settings.unchanged")}
        </Notice>
      )}
      <section aria-labelledby="due-heading">
        <h2 id="due-heading">{t("retention.due.title", { days: PURGE_PREVIEW_DAYS })}</h2>
        {due.length === 0 ? (
          <p>{t("retention.due.nothing", { days: PURGE_PREVIEW_DAYS })}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("retention.due.what")}</th>
                  <th scope="col">{t("retention.due.count")}</th>
                  <th scope="col">{t("retention.due.from")}</th>
                  <th scope="col">{t("retention.due.cases")}</th>
                </tr>
              </thead>
              <tbody>
                {due.map((d) => (
                  <tr key={d.kind}>
                    <th scope="row">{t(`retention.due.kinds.${d.kind}`)}</th>
                    <td>{d.count}</td>
                    <td>{d.from ? when(d.from) : ""}</td>
                    <td>{d.codes.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">{t("retention.settings.title")}</h2>
        <Form method="post" {...getFormProps(form)} className="card form">
          <FormErrors form={form} />
          {RETENTION_PERIOD_NAMES.map((p) => (
            <TextField
              key={p}
              meta={fields[p]}
              label={t(`retention.settings.${p}`)}
              hint={t(`retention.settings.${p}Hint`)}
            />
          ))}
          <button type="submit" className="primary">
            {t("retention.settings.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">{t("retention.runs.title")}</h2>
        {runs.length === 0 ? (
          <p>{t("retention.runs.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("retention.runs.at")}</th>
                  <th scope="col">{t("retention.runs.removed")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <td>{when(r.at)}</td>
                    <td>
                      {r.counts
                        .map((c) =>
                          t("retention.runs.count", { what: t(`retention.due.kinds.${c.kind}`), count: c.count }),
                        )
                        .join("; ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
