import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { tFor } from "../i18n.ts";
import { z } from "zod";
import { actorOf } from "../../server/auth/guards.ts";
import { requireMinutesReader } from "../../server/minutes/access.ts";
import { WORDING_MAX_CHARS } from "../contract/limits.ts";
import { FormErrors, Notice, TextAreaField } from "../components/fields.tsx";
import { WordingChanges } from "../components/minutes/WordingChanges.tsx";
import { WordingEditor } from "../components/minutes/WordingEditor.tsx";
import { deliveryReason } from "../deliveryReason.ts";
import { formatMoment, useDateStyle } from "../dates.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import { useLastAnswer } from "../realtime/useLastAnswer.ts";
import { useMinutesDeliveries } from "../realtime/useMinutesDeliveries.ts";
import type { Route } from "./+types/meeting-minutes";
import { FORM_VALIDATION } from "../forms/validation.ts";
import { agendaItemTitle } from "../contract/agendaItemTitle.ts";
import type { AgendaItemKind } from "../contract/vocabulary.ts";

const approveSchema = z.object({ changeNote: z.string().trim().max(2000).optional() });
const wordingSchema = z.object({
  itemId: z.string().min(1).max(100),
  doc: z.string().min(1).max(WORDING_MAX_CHARS),
});

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, meeting, reviewer, recipient } = await requireMinutesReader(
    context,
    request,
    params.networkId,
    params.meetingId,
  );
  const { minutes, networks, policy } = context.services;
  const network = (await networks.get(meeting.networkId))!;
  const versions = await minutes.versions(meeting.id);
  const approvers = await minutes.approvers(meeting.id);
  const latest = versions.at(-1) ?? null;
  const ended = meeting.status === "ended";
  return {
    base: `/n/${meeting.networkId}/meetings/${meeting.id}`,
    meetingId: meeting.id,
    title: meeting.title,
    ended,
    timeZone: network.timeZone,
    reviewer,
    may: {
      approve: policy.can(viewer, "minutes:approve", meeting.networkId),
      distribute: policy.can(viewer, "minutes:distribute", meeting.networkId),
      // The wording is written before approval; after it, the record changes only by correction.
      word: ended && !latest && policy.can(viewer, "minutes:word", meeting.networkId),
    },
    wording: reviewer && ended ? await minutes.wordingForReview(meeting.id) : [],
    plans: (await minutes.planCodes(meeting.id, recipient)).map((code) => ({
      code,
      href: `/n/${meeting.networkId}/cases/${encodeURIComponent(code)}/plan.pdf`,
    })),
    latest: latest && { version: latest.version, status: latest.status, distributedAt: latest.distributedAt },
    // Members see only versions sent to them, and never the archive's path.
    versions: versions
      .filter((v) => reviewer || v.status === "distributed")
      .map((v) => ({
        version: v.version,
        status: v.status,
        approvedAt: v.approvedAt,
        approvedBy: approvers.get(v.id) ?? null,
        changeNote: v.changeNote,
        sha256: reviewer ? v.pdfSha256 : null,
      })),
    deliveries: reviewer
      ? (await minutes.deliveries(meeting.id)).map(({ d, version, name, caseCode, byLink, openedAt }) => ({
          id: d.id,
          version,
          name,
          caseCode,
          state: d.state,
          reason: d.reason,
          attempts: d.attempts,
          nextAttemptAt: d.nextAttemptAt,
          byLink,
          openedAt,
        }))
      : [],
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, meeting } = await requireMinutesReader(context, request, params.networkId, params.meetingId);
  const { minutes, policy } = context.services;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const actor = { ...actorOf(context, viewer), personId: viewer.personId };
  if (intent === "approve") {
    if (!policy.can(viewer, "minutes:approve", meeting.networkId)) throw data({ reason: "forbidden" }, { status: 403 });
    const parsed = parseForm(formData, approveSchema, "approve");
    if (!parsed.ok) return parsed.response;
    const r = await minutes.approve(actor, meeting.id, { changeNote: parsed.value.changeNote });
    if (!r.ok) {
      if (r.reason === "not_found") throw data({ reason: "not_found" }, { status: 404 });
      if (r.reason === "approved_meanwhile")
        return refuse(parsed.submission, tFor(context)("minutes.errors.approvedMeanwhile", { version: r.version }), {
          status: 409,
          intent: "approve",
        });
      if (r.reason === "not_ended")
        return refuse(parsed.submission, tFor(context)("minutes.errors.notEnded"), { status: 409, intent: "approve" });
      const message = tFor(context)(
        r.reason === "change_note_required" ? "minutes.errors.changeNoteRequired" : "minutes.errors.nothingChanged",
      );
      return refuse(parsed.submission, message, {
        status: 409,
        intent: "approve",
        fieldErrors: { changeNote: [message] },
      });
    }
    return { intent: "approve" as const, approved: r.version.version };
  }
  if (intent === "wording") {
    if (!policy.can(viewer, "minutes:word", meeting.networkId)) throw data({ reason: "forbidden" }, { status: 403 });
    const refused = (error: string, status: number) => data({ intent: "wording" as const, error }, { status });
    const parsed = wordingSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return refused(tFor(context)("minutes.wording.errors.invalid"), 400);
    const r = await minutes.saveWording(actor, meeting.id, parsed.data.itemId, parsed.data.doc);
    if (!r.ok) {
      if (r.reason === "not_found") throw data({ reason: "not_found" }, { status: 404 });
      if (r.reason === "invalid") return refused(tFor(context)("minutes.wording.errors.invalid"), 400);
      return refused(
        tFor(context)(r.reason === "approved" ? "minutes.wording.errors.approved" : "minutes.errors.notEnded"),
        409,
      );
    }
    return { intent: "wording" as const, itemId: parsed.data.itemId, savedAt: r.savedAt.toISOString() };
  }
  if (intent === "distribute") {
    if (!policy.can(viewer, "minutes:distribute", meeting.networkId))
      throw data({ reason: "forbidden" }, { status: 403 });
    const r = await minutes.distribute(actor, meeting.id, { origin: context.publicUrl ?? new URL(request.url).origin });
    if (!r.ok)
      return data(
        {
          intent: "distribute" as const,
          error: tFor(context)(
            r.reason === "not_found" ? "minutes.errors.nothingToSend" : "minutes.errors.alreadySent",
          ),
        },
        { status: 409 },
      );
    return { intent: "distribute" as const, version: r.version, queued: r.deliveries.length };
  }
  if (intent === "retry" || intent === "resend") {
    if (!policy.can(viewer, "minutes:distribute", meeting.networkId))
      throw data({ reason: "forbidden" }, { status: 403 });
    const deliveryId = String(formData.get("deliveryId") ?? "");
    const r =
      intent === "retry"
        ? await minutes.retry(actor, meeting.id, deliveryId)
        : await minutes.resend(actor, meeting.id, deliveryId);
    if (!r.ok && r.reason === "not_found") throw data({ reason: "not_found" }, { status: 404 });
    // A second click, or someone else's: the mail is already on its way (or settled); nothing more is sent.
    if (!r.ok) return data({ intent, error: tFor(context)("minutes.errors.notWaiting") }, { status: 409 });
    return { intent, queued: 1 };
  }
  throw data({ reason: "bad_request" }, { status: 400 });
}

export default function MeetingMinutes({ loaderData, actionData: answer }: Route.ComponentProps) {
  const { t } = useTranslation();
  // Each mail's progress reloads the page's data; what the last click did stays said.
  const actionData = useLastAnswer(answer);
  const dateStyle = useDateStyle();
  const d = loaderData;
  const approveResult =
    actionData && "result" in actionData && actionData.intent === "approve" ? actionData.result : undefined;
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    id: "approve",
    lastResult: approveResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: approveSchema }),
  });
  const next = (d.latest?.version ?? 0) + 1;
  const pdf = (version?: number) => `${d.base}/minutes.pdf${version ? `?version=${version}` : ""}`;
  const itemLabel = (w: { number: number; caseCode: string | null; kind: AgendaItemKind; title: string }) =>
    w.caseCode
      ? t("minutes.wording.caseItem", { number: w.number, code: w.caseCode, title: agendaItemTitle(t, w) })
      : t("minutes.wording.item", { number: w.number, title: agendaItemTitle(t, w) });
  const kindLabel = (caseCode: string | null) =>
    caseCode === null ? t("minutes.deliveries.minutes") : t("minutes.deliveries.actionPlan", { code: caseCode });
  useMinutesDeliveries(d.meetingId, d.reviewer);
  const latestDeliveries = d.deliveries.filter((x) => x.version === d.latest?.version);
  const count = (...states: string[]) => latestDeliveries.filter((x) => states.includes(x.state)).length;
  return (
    <div className="page">
      <title>{`${t("minutes.title")}: ${d.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={d.base}>← {t("minutes.back")}</Link>
      </p>
      <h1>
        {t("minutes.title")}: {d.title}
      </h1>
      {actionData && "approved" in actionData && (
        <Notice tone="success">{t("minutes.approve.done", { version: actionData.approved })}</Notice>
      )}
      {actionData && "queued" in actionData && actionData.intent === "distribute" && (
        <Notice tone="success">
          {t("minutes.distribute.done", { version: actionData.version, count: actionData.queued })}
        </Notice>
      )}
      {actionData && "error" in actionData && <Notice tone="error">{actionData.error}</Notice>}
      {!d.ended ? (
        <p className="notice info">{t("minutes.notEnded")}</p>
      ) : (
        <>
          {d.reviewer && (
            <section className="card" aria-labelledby="status-heading">
              <h2 id="status-heading">{t("minutes.status.heading")}</h2>
              <p data-testid="minutes-status">
                {!d.latest
                  ? t("minutes.status.draft", { version: 1 })
                  : d.latest.status === "distributed"
                    ? t("minutes.status.distributed", {
                        version: d.latest.version,
                        when: formatMoment(d.latest.distributedAt!, dateStyle),
                      })
                    : t("minutes.status.approved", { version: d.latest.version })}
              </p>
              <h3>{t("minutes.preview.heading")}</h3>
              <p className="muted">{t("minutes.preview.hint")}</p>
              <p>
                <a href={pdf()} target="_blank" rel="noopener">
                  {d.latest ? t("minutes.preview.openCorrection", { next }) : t("minutes.preview.openDraft")}
                </a>
              </p>
            </section>
          )}
          {d.may.word && (
            <section className="card" aria-labelledby="wording-heading">
              <h2 id="wording-heading">{t("minutes.wording.heading")}</h2>
              <p className="muted">{t("minutes.wording.intro")}</p>
              {d.wording.map((w) => (
                <WordingEditor key={w.id} itemId={w.id} label={itemLabel(w)} doc={w.doc} savedAt={w.savedAt} />
              ))}
            </section>
          )}
          {d.reviewer && !d.latest && d.wording.some((w) => w.savedAt) && (
            <section className="card" aria-labelledby="changes-heading">
              <h2 id="changes-heading">{t("minutes.changes.heading")}</h2>
              <p className="muted">{t("minutes.changes.intro")}</p>
              {d.wording
                .filter((w) => w.savedAt)
                .map((w) => (
                  <div key={w.id} data-testid={`changes-${w.id}`}>
                    <h3>{itemLabel(w)}</h3>
                    {w.changes ? (
                      <WordingChanges parts={w.changes} />
                    ) : (
                      <p className="muted">{t("minutes.changes.none")}</p>
                    )}
                  </div>
                ))}
            </section>
          )}
          {d.may.approve && (
            <section className="card" aria-labelledby="approve-heading">
              <h2 id="approve-heading">{t("minutes.approve.heading")}</h2>
              <p>
                {d.latest
                  ? t("minutes.approve.correctionIntro", { version: d.latest.version, next })
                  : t("minutes.approve.intro")}
              </p>
              <Form method="post" {...getFormProps(form)} className="form">
                <FormErrors form={form} />
                {d.latest && (
                  <TextAreaField
                    meta={fields.changeNote}
                    label={t("minutes.approve.changeNote")}
                    hint={t("minutes.approve.changeNoteHint")}
                    rows={3}
                  />
                )}
                <button type="submit" name="intent" value="approve" className="primary">
                  {d.latest ? t("minutes.approve.submitCorrection", { next }) : t("minutes.approve.submit")}
                </button>
              </Form>
            </section>
          )}
          {d.may.distribute && d.latest?.status === "approved" && (
            <section className="card" aria-labelledby="distribute-heading">
              <h2 id="distribute-heading">{t("minutes.distribute.heading")}</h2>
              <p>{t("minutes.distribute.intro")}</p>
              <Form method="post">
                <button type="submit" name="intent" value="distribute" className="primary">
                  {t("minutes.distribute.submit", { version: d.latest.version })}
                </button>
              </Form>
            </section>
          )}
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">{t("minutes.versions.heading")}</h2>
            {d.versions.length === 0 ? (
              <p className="muted">{t("minutes.versions.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("minutes.versions.version")}</th>
                      <th scope="col">{t("minutes.versions.approved")}</th>
                      <th scope="col">{t("minutes.versions.approvedBy")}</th>
                      <th scope="col">{t("minutes.versions.change")}</th>
                      {d.reviewer && <th scope="col">{t("minutes.versions.fingerprint")}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {d.versions.map((v) => (
                      <tr key={v.version}>
                        <td>
                          <a href={pdf(v.version)} target="_blank" rel="noopener">
                            {d.reviewer
                              ? t("minutes.preview.open", { version: v.version })
                              : t("minutes.preview.yourCopy", { version: v.version })}
                          </a>
                        </td>
                        <td>{formatMoment(v.approvedAt, dateStyle)}</td>
                        <td>{v.approvedBy}</td>
                        <td>{v.changeNote ?? t("minutes.versions.first")}</td>
                        {d.reviewer && (
                          <td>
                            <code className="fingerprint">{v.sha256?.slice(0, 16)}…</code>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {d.plans.length > 0 && (
            <section aria-labelledby="action-plans" data-testid="action-plans">
              <h2 id="action-plans">{t("minutes.plans.heading")}</h2>
              <p className="muted">{t("minutes.plans.intro")}</p>
              <ul>
                {d.plans.map((p) => (
                  <li key={p.code}>
                    <a href={p.href}>{t("minutes.plans.download", { code: p.code })}</a>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {d.reviewer && (
            <section aria-labelledby="deliveries-heading">
              <h2 id="deliveries-heading">{t("minutes.deliveries.heading")}</h2>
              {d.deliveries.length === 0 ? (
                <p className="muted">{t("minutes.deliveries.none")}</p>
              ) : (
                <>
                  <p data-testid="deliveries-summary" aria-live="polite">
                    {t("minutes.deliveries.summary", {
                      version: d.latest?.version,
                      sent: count("sent"),
                      total: latestDeliveries.length,
                    })}
                    {count("pending", "sending") > 0 &&
                      ` ${t("minutes.deliveries.summaryWaiting", { count: count("pending", "sending") })}`}
                    {count("failed", "refused", "unknown") > 0 &&
                      ` ${t("minutes.deliveries.summaryAttention", { count: count("failed", "refused", "unknown") })}`}
                  </p>
                  {d.deliveries.some((x) => x.state === "unknown") && (
                    <p className="muted">{t("minutes.deliveries.unknownExplained")}</p>
                  )}
                  <div className="table-wrap">
                    <table className="table" data-testid="deliveries">
                      <thead>
                        <tr>
                          <th scope="col">{t("minutes.deliveries.version")}</th>
                          <th scope="col">{t("minutes.deliveries.to")}</th>
                          <th scope="col">{t("minutes.deliveries.what")}</th>
                          <th scope="col">{t("minutes.deliveries.status")}</th>
                          <th scope="col">{t("minutes.deliveries.attempts")}</th>
                          <th scope="col">{t("minutes.deliveries.receipt")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {d.deliveries.map((x) => (
                          <tr key={x.id} data-state={x.state}>
                            <td>{x.version}</td>
                            <td>{x.name}</td>
                            <td className="nowrap">{kindLabel(x.caseCode)}</td>
                            <td>
                              {x.state === "failed"
                                ? t("minutes.deliveries.failed", { reason: deliveryReason(t, x.reason) }) +
                                  (x.nextAttemptAt
                                    ? ` ${t("minutes.deliveries.nextAttempt", { when: formatMoment(x.nextAttemptAt, dateStyle) })}`
                                    : "")
                                : x.state === "refused" || x.state === "unknown"
                                  ? t(`minutes.deliveries.${x.state}`, { reason: deliveryReason(t, x.reason) })
                                  : t(`minutes.deliveries.${x.state}`)}
                              {(x.state === "failed" || x.state === "unknown") && d.may.distribute && (
                                <Form method="post">
                                  <input type="hidden" name="deliveryId" value={x.id} />
                                  {x.state === "failed" ? (
                                    <button
                                      type="submit"
                                      name="intent"
                                      value="retry"
                                      className="secondary"
                                      aria-label={t("minutes.deliveries.retryLabel", {
                                        what: kindLabel(x.caseCode),
                                        name: x.name,
                                      })}
                                    >
                                      {t("minutes.deliveries.retry")}
                                    </button>
                                  ) : (
                                    <button
                                      type="submit"
                                      name="intent"
                                      value="resend"
                                      className="secondary"
                                      aria-label={t("minutes.deliveries.resendLabel", {
                                        what: kindLabel(x.caseCode),
                                        name: x.name,
                                      })}
                                    >
                                      {t("minutes.deliveries.resend")}
                                    </button>
                                  )}
                                </Form>
                              )}
                            </td>
                            <td>{x.attempts}</td>
                            <td data-testid="receipt">
                              {!x.byLink
                                ? t("minutes.deliveries.attached")
                                : x.openedAt
                                  ? t("minutes.deliveries.opened", {
                                      when: formatMoment(x.openedAt, dateStyle),
                                    })
                                  : t("minutes.deliveries.notOpened")}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
            </section>
          )}
        </>
      )}
    </div>
  );
}
