import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { tFor } from "../i18n.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { fromLocalInput, toLocalInput } from "../contract/localTime.ts";
import { FormErrors, TextField } from "../components/fields.tsx";
import { CheckboxGroup } from "../components/planFields.tsx";
import { scheduleMeetingSchema } from "../forms/meetings.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/meetings-new";
import { days } from "../contract/time.ts";
import { startsInThePast } from "../contract/meetingDates.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "meetings:schedule");
  const network = (await context.services.networks.get(params.networkId))!;
  // A suggestion: four weeks on, at two in the afternoon.
  const suggested = new Date(Date.now() + days(28));
  const members = (await context.services.members.list(network.id)).filter((m) => m.role === "member");
  return {
    timeZone: network.timeZone,
    suggested: `${toLocalInput(suggested, network.timeZone).slice(0, 10)}T14:00`,
    members: members.map((m) => ({ value: m.personId, label: `${m.name} (${m.agencyName})` })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:schedule");
  const network = (await context.services.networks.get(params.networkId))!;
  const parsed = parseForm(await request.formData(), scheduleMeetingSchema);
  if (!parsed.ok) return parsed.response;
  // Only members of this network can be invited; an id from anywhere else is refused, not ignored.
  const members = new Set(
    (await context.services.members.list(network.id)).filter((m) => m.role === "member").map((m) => m.personId),
  );
  if (parsed.value.invitees.some((id) => !members.has(id)))
    return refuse(parsed.submission, "", { fieldErrors: { invitees: [tFor(context)("meetings.new.unknownInvitee")] } });
  const startsAt = fromLocalInput(parsed.value.startsAt, network.timeZone);
  if (!startsAt)
    return refuse(parsed.submission, "", { fieldErrors: { startsAt: [tFor(context)("errors.required")] } });
  if (startsInThePast(startsAt))
    return refuse(parsed.submission, "", { fieldErrors: { startsAt: [tFor(context)("meetingInvites.pastDate")] } });
  const { id } = await context.services.meetings.schedule(
    actorOf(context, viewer) as { personId: string; ip: string },
    network.id,
    {
      title: parsed.value.title,
      startsAt,
      place: parsed.value.place ?? null,
      callLink: parsed.value.callLink ?? null,
      inviteePersonIds: parsed.value.invitees,
      // Each invited person gets their own calendar invitation, with links back here to answer.
      invitations: { origin: context.publicUrl ?? new URL(request.url).origin },
    },
  );
  return redirect(`/n/${network.id}/meetings/${id}/agenda`);
}

export default function NewMeeting({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{
    title: string;
    startsAt: string;
    place?: string;
    callLink?: string;
    invitees: string[];
  }>({
    lastResult: actionData?.result,
    // Everyone at the table by default; the coordinator may leave someone out.
    defaultValue: {
      title: t("meetings.new.defaultTitle"),
      startsAt: loaderData.suggested,
      invitees: loaderData.members.map((m) => m.value),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: scheduleMeetingSchema }),
    ...FORM_VALIDATION,
  });
  return (
    <div className="page narrow">
      <title>{`${t("meetings.new.title")} · ${t("app.name")}`}</title>
      <p>
        <Link to="..">← {t("meetings.list.title")}</Link>
      </p>
      <h1>{t("meetings.new.title")}</h1>
      <p className="lead">{t("meetings.new.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <FormErrors form={form} />
        <TextField meta={fields.title} label={t("meetings.new.meetingTitle")} />
        <TextField meta={fields.startsAt} label={t("meetings.new.startsAt")} type="datetime-local" />
        <TextField meta={fields.place} label={t("meetings.new.place")} />
        <TextField meta={fields.callLink} label={t("meetings.new.callLink")} type="url" />
        <CheckboxGroup
          meta={fields.invitees}
          legend={t("meetings.new.invitees")}
          hint={t("meetings.new.inviteesHint")}
          options={loaderData.members}
        />
        <p className="hint">{t("meetingInvites.newHint")}</p>
        <button type="submit" className="primary">
          {t("meetings.new.submit")}
        </button>
      </Form>
    </div>
  );
}
