import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form } from "react-router";
import { requireAccessHandler } from "../../server/auth/guards.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/fields.tsx";
import { ACCESS_REQUEST_KINDS, EXPORT_AVAILABLE_DAYS } from "../contract/accessRequests.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { accessRequestSchema } from "../forms/accessRequests.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";
import type { Route } from "./+types/access-requests";

// A data subject's requests (decision 0038): the coordinator records them by case code,
// the accountable officer (another person) confirms or declines, then they are carried out.
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer } = await requireAccessHandler(context, request, params.networkId);
  const { accessRequests, policy } = context.services;
  const networkId = params.networkId;
  return {
    mayAsk: policy.can(viewer, "access:ask", networkId),
    // From a case file's link: the form asks about that case.
    code: new URL(request.url).searchParams.get("code")?.trim().slice(0, 40) ?? "",
    requests: await Promise.all(
      (await accessRequests.list(networkId)).map(async (r) => ({
        id: r.id,
        code: r.code,
        kind: r.kind,
        status: r.status,
        requestedByName: r.requestedByName,
        requestedAt: r.requestedAt.toISOString(),
        settledByName: r.settledByName,
        settledAt: r.settledAt?.toISOString() ?? null,
        mayConfirm: r.status === "open" && policy.canSettleAccessRequest(viewer, networkId, r),
        mayWithdraw: r.status === "open" && policy.can(viewer, "access:ask", networkId),
        mayDownload:
          (r.requestedBy === viewer.personId || r.settledBy === viewer.personId) &&
          (await accessRequests.exportAvailable(r)),
      })),
    ),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, actor } = await requireAccessHandler(context, request, params.networkId);
  const { accessRequests, caseRegister, policy } = context.services;
  const networkId = params.networkId;
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (intent === "ask") {
    if (!policy.can(viewer, "access:ask", networkId)) throw data({ reason: "forbidden" }, { status: 403 });
    const parsed = parseForm(formData, accessRequestSchema, "ask");
    if (!parsed.ok) return parsed.response;
    const theCase = await caseRegister.findByCode(networkId, parsed.value.code);
    if (!theCase)
      return refuse(parsed.submission, "accessRequests.errors.unknownCase", {
        intent,
        fieldErrors: { code: ["accessRequests.errors.unknownCase"] },
      });
    const asked = await accessRequests.ask(
      actor,
      theCase,
      parsed.value.kind,
      context.publicUrl ?? new URL(request.url).origin,
    );
    if (!asked.ok) return refuse(parsed.submission, `accessRequests.errors.${asked.reason}`, { intent });
    return { intent, done: "asked" as const };
  }
  if (intent !== "confirm" && intent !== "decline" && intent !== "withdraw")
    throw data({ reason: "bad_request" }, { status: 400 });
  const found = await accessRequests.get(networkId, String(formData.get("requestId") ?? ""));
  if (!found) throw data({ reason: "not_found" }, { status: 404 });
  const allowed =
    intent === "withdraw"
      ? policy.can(viewer, "access:ask", networkId)
      : policy.canSettleAccessRequest(viewer, networkId, found);
  if (!allowed) throw data({ reason: "forbidden" }, { status: 403 });
  const result =
    intent === "withdraw"
      ? await accessRequests.withdraw(actor, found)
      : await accessRequests.settle(actor, found, intent);
  if (!result.ok) return data({ intent, error: `accessRequests.errors.${result.reason}` }, { status: 409 });
  return { intent, done: intent, kind: found.kind };
}

export default function AccessRequests({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const { mayAsk, requests, code } = loaderData;
  const askResult = actionData && "result" in actionData && actionData.intent === "ask" ? actionData.result : undefined;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: askResult,
    defaultValue: { kind: "export", code },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: accessRequestSchema }),
  });
  const when = (at: string) => formatMoment(at, dateStyle);
  const done = actionData && "done" in actionData ? actionData : null;
  return (
    <div className="page">
      <title>{`${t("accessRequests.title")} · ${t("app.name")}`}</title>
      <h1>{t("accessRequests.title")}</h1>
      <p>{t("accessRequests.intro")}</p>
      {done && (
        <Notice tone="success">
          {done.done === "asked"
            ? t("accessRequests.ask.asked")
            : done.done === "confirm" && "kind" in done
              ? t(`accessRequests.confirmed.${done.kind}`, { days: EXPORT_AVAILABLE_DAYS })
              : t(done.done === "decline" ? "accessRequests.declined" : "accessRequests.withdrawn")}
        </Notice>
      )}
      {actionData && "error" in actionData && <Notice tone="error">{t(actionData.error)}</Notice>}
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t("accessRequests.steps.title")}</h2>
        <ol>
          <li>{t("accessRequests.steps.ask")}</li>
          <li>{t("accessRequests.steps.confirm")}</li>
          <li>{t("accessRequests.steps.carry", { days: EXPORT_AVAILABLE_DAYS })}</li>
        </ol>
        <dl className="facts">
          {ACCESS_REQUEST_KINDS.map((k) => (
            <div key={k}>
              <dt>{t(`accessRequests.kinds.${k}`)}</dt>
              <dd>{t(`accessRequests.kindHints.${k}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      {mayAsk && (
        <section aria-labelledby="ask-heading">
          <h2 id="ask-heading">{t("accessRequests.ask.title")}</h2>
          <Form method="post" {...getFormProps(form)} className="card form">
            <input type="hidden" name="intent" value="ask" />
            <FormErrors form={form} />
            <TextField
              meta={fields.code}
              label={t("accessRequests.ask.code")}
              hint={t("accessRequests.ask.codeHint")}
            />
            <SelectField
              meta={fields.kind}
              label={t("accessRequests.ask.kind")}
              options={ACCESS_REQUEST_KINDS.map((k) => ({ value: k, label: t(`accessRequests.kinds.${k}`) }))}
            />
            <button type="submit" className="primary">
              {t("accessRequests.ask.submit")}
            </button>
          </Form>
        </section>
      )}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("accessRequests.list.title")}</h2>
        {requests.length === 0 ? (
          <p>{t("accessRequests.list.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("accessRequests.list.case")}</th>
                  <th scope="col">{t("accessRequests.list.kind")}</th>
                  <th scope="col">{t("accessRequests.list.askedBy")}</th>
                  <th scope="col">{t("accessRequests.list.status")}</th>
                  <th scope="col">{t("accessRequests.list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.code}</th>
                    <td>{t(`accessRequests.kinds.${r.kind}`)}</td>
                    <td>{t("accessRequests.list.on", { name: r.requestedByName, at: when(r.requestedAt) })}</td>
                    <td>
                      {r.status === "open"
                        ? t("accessRequests.statuses.open")
                        : t(`accessRequests.statuses.${r.status}`, {
                            name: r.settledByName ?? "",
                            at: r.settledAt ? when(r.settledAt) : "",
                          })}
                    </td>
                    <td>
                      <RequestSteps request={r} />
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

/** What the person looking may do next with one request. */
function RequestSteps({ request: r }: { request: Route.ComponentProps["loaderData"]["requests"][number] }) {
  const { t } = useTranslation();
  const button = (intent: string, label: string, className = "") => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="requestId" value={r.id} />
      <button type="submit" className={className} aria-label={`${label}: ${r.code}`}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="actions">
      {r.mayConfirm && button("confirm", t("accessRequests.confirm"), "primary")}
      {r.mayConfirm && button("decline", t("accessRequests.decline"))}
      {r.status === "open" && !r.mayConfirm && <p className="muted">{t("accessRequests.waitOther")}</p>}
      {r.mayWithdraw && button("withdraw", t("accessRequests.withdraw"))}
      {r.mayDownload && (
        <a href={`access-requests/${r.id}/export`} download>
          {t("accessRequests.download")}
        </a>
      )}
    </div>
  );
}
