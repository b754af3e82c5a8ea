import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link, redirect } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, Notice, TextField } from "../components/fields.tsx";
import { fromLocalInput, toLocalInput } from "../contract/localTime.ts";
import { changeMeetingSchema } from "../forms/meetings.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/meeting-change";
import { FORM_VALIDATION } from "../forms/validation.ts";

// Moving or cancelling a meeting that has not started. Every invited person gets an
// update (or a cancellation) of their own calendar invitation: same UID, next SEQUENCE.

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "meetings:schedule");
  const meeting = await context.services.meetings.get(params.networkId, params.meetingId);
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const network = (await context.services.networks.get(params.networkId))!;
  return {
    status: meeting.status,
    values: {
      title: meeting.title,
      startsAt: toLocalInput(meeting.startsAt, network.timeZone),
      place: meeting.place ?? "",
      callLink: meeting.callLink ?? "",
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:schedule");
  const network = (await context.services.networks.get(params.networkId))!;
  const form = await request.formData();
  const origin = { origin: context.publicUrl ?? new URL(request.url).origin };
  const actor = actorOf(context, viewer);
  if (form.get("intent") === "sendAgain") {
    const deliveryId = String(form.get("deliveryId") ?? "");
    if (!(await context.services.meetings.sendInvitationAgain(actor, network.id, params.meetingId, deliveryId)))
      throw data({ reason: "not_found" }, { status: 404 });
    return redirect(`/n/${network.id}/meetings/${params.meetingId}/agenda`);
  }
  if (form.get("intent") === "cancel") {
    if (form.get("confirm") !== "on")
      return data({ intent: "cancel", problem: "cancelNeedsConfirm" as const }, { status: 400 });
    const cancelled = await context.services.meetings.cancel(actor, network.id, params.meetingId, origin);
    if (!cancelled.ok && cancelled.reason === "not_found") throw data({ reason: "not_found" }, { status: 404 });
    if (!cancelled.ok) return data({ intent: "cancel", problem: "notScheduled" as const }, { status: 409 });
    return { intent: "cancel", cancelled: cancelled.invitations };
  }
  const parsed = parseForm(form, changeMeetingSchema, "change");
  if (!parsed.ok) return parsed.response;
  const startsAt = fromLocalInput(parsed.value.startsAt, network.timeZone);
  if (!startsAt)
    return refuse(parsed.submission, "", { fieldErrors: { startsAt: [tFor(context)("errors.required")] } });
  const moved = await context.services.meetings.reschedule(
    actor,
    network.id,
    params.meetingId,
    {
      title: parsed.value.title,
      startsAt,
      place: parsed.value.place ?? null,
      callLink: parsed.value.callLink ?? null,
    },
    origin,
  );
  if (moved.ok) return { intent: "change", moved: moved.invitations };
  switch (moved.reason) {
    case "not_found":
      throw data({ reason: "not_found" }, { status: 404 });
    case "past":
      return refuse(parsed.submission, "", {
        intent: "change",
        fieldErrors: { startsAt: [tFor(context)("meetingInvites.pastDate")] },
      });
    case "unchanged":
      return refuse(parsed.submission, tFor(context)("meetingInvites.change.unchanged"), { intent: "change" });
    case "not_scheduled":
      return refuse(parsed.submission, tFor(context)("meetingInvites.change.notScheduled"), {
        intent: "change",
        status: 409,
      });
  }
}

export default function MeetingChange({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const d = loaderData;
  const [form, fields] = useForm<{ title: string; startsAt: string; place?: string; callLink?: string }>({
    lastResult: actionData && "result" in actionData && actionData.intent === "change" ? actionData.result : undefined,
    defaultValue: d.values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changeMeetingSchema }),
    ...FORM_VALIDATION,
  });
  const cancelProblem = actionData && "problem" in actionData ? actionData.problem : null;
  return (
    <div className="page narrow">
      <title>{`${t("meetingInvites.change.title")} · ${d.values.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={`/n/${params.networkId}/meetings/${params.meetingId}/agenda`}>
          ← {t("meetingInvites.answer.back")}
        </Link>
      </p>
      <h1>{t("meetingInvites.change.title")}</h1>
      {d.status === "cancelled" ? (
        <Notice tone="info">{t("meetingInvites.change.cancelled")}</Notice>
      ) : d.status !== "scheduled" ? (
        <Notice tone="info">{t("meetingInvites.change.notScheduled")}</Notice>
      ) : (
        <>
          <p className="lead">{t("meetingInvites.change.intro")}</p>
          {actionData && "moved" in actionData && (
            <Notice tone="success">{t("meetingInvites.change.moved", { count: actionData.moved })}</Notice>
          )}
          <Form method="post" {...getFormProps(form)} className="card form">
            <input type="hidden" name="intent" value="change" />
            <FormErrors form={form} />
            <TextField meta={fields.title} label={t("meetings.new.meetingTitle")} />
            <TextField meta={fields.startsAt} label={t("meetings.new.startsAt")} type="datetime-local" />
            <TextField meta={fields.place} label={t("meetings.new.place")} />
            <TextField meta={fields.callLink} label={t("meetings.new.callLink")} type="url" />
            <button type="submit" className="primary">
              {t("meetingInvites.change.submit")}
            </button>
          </Form>
          <Form method="post" className="card form" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{t("meetingInvites.change.cancelTitle")}</h2>
            <p>{t("meetingInvites.change.cancelIntro")}</p>
            <input type="hidden" name="intent" value="cancel" />
            {cancelProblem && <Notice tone="error">{t(`meetingInvites.change.${cancelProblem}`)}</Notice>}
            <div className="field checkbox">
              <input type="checkbox" id="cancel-confirm" name="confirm" />
              <label htmlFor="cancel-confirm">{t("meetingInvites.change.cancelConfirm")}</label>
            </div>
            <button type="submit" className="danger">
              {t("meetingInvites.change.cancelSubmit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
