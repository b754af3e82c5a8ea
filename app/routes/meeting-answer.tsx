import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FieldMessages, FormErrors, Notice, TextField } from "../components/fields.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { answerMeetingSchema } from "../forms/meetings.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/meeting-answer";

// The page an invitation's links open: "I will attend", "I send apologies", "I send a
// delegate". It answers for the person signed in, never for anyone else: a link sent to
// someone else (`for`) is refused, and nothing in the form names a person.

const CHOICES = ["attending", "apologies", "delegate"] as const;
type Choice = (typeof CHOICES)[number];

async function invitationOf(
  context: Route.LoaderArgs["context"],
  request: Request,
  params: Route.LoaderArgs["params"],
) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:view");
  const { meetings, meetingAnswers, networks } = context.services;
  const meeting = await meetings.get(params.networkId, params.meetingId);
  const own = meeting && (await meetingAnswers.answerOf(params.networkId, params.meetingId, viewer.personId));
  // Not invited looks like no meeting at all: a guest learns nothing of meetings they are not in.
  if (!meeting || !own) throw data({ reason: "not_found" }, { status: 404 });
  const network = (await networks.get(params.networkId))!;
  const sentTo = new URL(request.url).searchParams.get("for");
  return { viewer, meeting, own, network, sentTo, someoneElse: sentTo !== null && sentTo !== viewer.personId };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, meeting, own, network, sentTo, someoneElse } = await invitationOf(context, request, params);
  const asked = new URL(request.url).searchParams.get("answer");
  const current: Choice | null = own.answer === "apologies" && own.delegateName ? "delegate" : own.answer;
  return data(
    {
      viewerName: viewer.name,
      sentTo,
      someoneElse,
      timeZone: network.timeZone,
      meeting: {
        title: meeting.title,
        startsAt: meeting.startsAt.getTime(),
        place: meeting.place,
        callLink: meeting.callLink,
        status: meeting.status,
      },
      current,
      delegateName: own.delegateName,
      chosen: (CHOICES as readonly string[]).includes(asked ?? "") ? (asked as Choice) : current,
    },
    { status: someoneElse ? 403 : 200 },
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { viewer, someoneElse } = await invitationOf(context, request, params);
  const form = await request.formData();
  const sentTo = form.get("for");
  if (someoneElse || (typeof sentTo === "string" && sentTo !== "" && sentTo !== viewer.personId))
    throw data({ reason: "forbidden" }, { status: 403 });
  const parsed = parseForm(form, answerMeetingSchema);
  if (!parsed.ok) return parsed.response;
  const { answer, delegateName } = parsed.value;
  const result = await context.services.meetingAnswers.answer(
    { ...actorOf(context, viewer), personId: viewer.personId },
    params.networkId,
    params.meetingId,
    {
      answer: answer === "attending" ? "attending" : "apologies",
      delegateName: answer === "delegate" ? delegateName! : null,
    },
  );
  if (result.ok) return { recorded: true as const };
  if (result.reason === "cancelled" || result.reason === "ended")
    return refuse(parsed.submission, tFor(context)(`meetingInvites.answer.${result.reason}`), { status: 409 });
  throw data({ reason: "not_found" }, { status: 404 });
}

export default function MeetingAnswerPage({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  const [form, fields] = useForm<{ answer: Choice; delegateName?: string }>({
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: { answer: d.chosen ?? undefined, delegateName: d.delegateName ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: answerMeetingSchema }),
    shouldValidate: "onSubmit",
  });
  const closed = d.meeting.status === "cancelled" || d.meeting.status === "ended";
  const label = (c: Choice) => t(`meetingInvites.answer.${c}`);
  return (
    <div className="page narrow">
      <title>{`${t("meetingInvites.answer.title")} · ${d.meeting.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={`/n/${params.networkId}/meetings/${params.meetingId}/agenda`}>
          ← {t("meetingInvites.answer.back")}
        </Link>
      </p>
      <h1>
        {t("meetingInvites.answer.title")}: {d.meeting.title}
      </h1>
      <dl className="facts">
        <dt>{t("meetingInvites.answer.when")}</dt>
        <dd>{formatMoment(d.meeting.startsAt, dateStyle)}</dd>
        {d.meeting.place && (
          <>
            <dt>{t("meetingInvites.answer.where")}</dt>
            <dd>{d.meeting.place}</dd>
          </>
        )}
        {d.meeting.callLink && (
          <>
            <dt>{t("meetingInvites.answer.callLink")}</dt>
            <dd>
              <a href={d.meeting.callLink}>{d.meeting.callLink}</a>
            </dd>
          </>
        )}
      </dl>
      {d.someoneElse ? (
        <Notice tone="error">{t("meetingInvites.answer.someoneElse", { name: d.viewerName })}</Notice>
      ) : closed ? (
        <Notice tone="info">{t(`meetingInvites.answer.${d.meeting.status}`)}</Notice>
      ) : (
        <>
          {actionData && "recorded" in actionData && (
            <Notice tone="success">{t("meetingInvites.answer.recorded")}</Notice>
          )}
          {d.current && (
            <p data-testid="current-answer">
              {t("meetingInvites.answer.current", {
                answer: d.delegateName ? `${label("delegate")}: ${d.delegateName}` : label(d.current),
              })}
            </p>
          )}
          <p className="lead">{t("meetingInvites.answer.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="card form">
            <p className="muted">{t("meetingInvites.answer.as", { name: d.viewerName })}</p>
            <FormErrors form={form} />
            {d.sentTo && <input type="hidden" name="for" value={d.sentTo} />}
            <fieldset aria-describedby={fields.answer.errors?.length ? fields.answer.errorId : undefined}>
              <legend>{t("meetingInvites.answer.legend")}</legend>
              <FieldMessages meta={fields.answer} />
              {getCollectionProps(fields.answer, { type: "radio", options: [...CHOICES] }).map((props) => (
                <div className="field checkbox" key={props.key}>
                  <input {...props} key={props.key} />
                  <label htmlFor={props.id}>{label(props.value as Choice)}</label>
                </div>
              ))}
            </fieldset>
            <TextField
              meta={fields.delegateName}
              label={t("meetingInvites.answer.delegateName")}
              hint={t("meetingInvites.answer.delegateHint")}
            />
            <button type="submit" className="primary">
              {t("meetingInvites.answer.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
