import { useTranslation } from "react-i18next";
import { data, Link } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { Notice } from "../components/fields.tsx";
import { UpdateForm } from "../components/updates/UpdateForm.tsx";
import { ReportingOverview } from "../components/updates/ReportingOverview.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { readAgencyUpdate } from "../forms/updates.ts";
import { tFor } from "../i18n.ts";
import type { Route } from "./+types/meeting-updates";

// The agencies' updates ahead of a meeting (issue 14, rule 1): a member of an agency
// involved in a case item posts its update here; the chair and the coordinator see which
// agencies have reported, per item and in total. A guest has no page here (they give
// their news at the table, on their own item).

/** The page is for those who post an update or follow who has reported; anyone else finds nothing here. */
async function pageOf(context: Route.LoaderArgs["context"], request: Request, params: Route.LoaderArgs["params"]) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "meetings:view");
  const { policy, agencyUpdates } = context.services;
  const posts = policy.can(viewer, "updates:post", params.networkId);
  const follows = policy.can(viewer, "meetings:run", params.networkId);
  const meeting = await agencyUpdates.meetingOf(params.networkId, params.meetingId);
  if (!meeting || !(posts || follows)) throw data({ reason: "not_found" }, { status: 404 });
  return { viewer, membership: viewer.memberships[params.networkId]!, meeting, posts, follows };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, meeting, posts, follows } = await pageOf(context, request, params);
  const { agencyUpdates, networks } = context.services;
  const network = (await networks.get(params.networkId))!;
  const agencyName =
    (await networks.listAgencies(params.networkId)).find((a) => a.id === membership.agencyId)?.name ?? "";
  return {
    reminderDays: network.updateReminderDays,
    meeting: { title: meeting.title, startsAt: meeting.startsAt.getTime(), status: meeting.status },
    reporting: follows ? await agencyUpdates.reporting(params.networkId, params.meetingId) : null,
    agencyName,
    items: posts ? await agencyUpdates.forAgency(params.networkId, params.meetingId, membership.agencyId) : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  await pageOf(context, request, params);
  const viewer = await requireNetworkAction(context, request, params.networkId, "updates:post");
  const membership = viewer.memberships[params.networkId]!;
  const parsed = readAgencyUpdate(await request.formData());
  if (!parsed.success) return data({ itemId: null, error: tFor(context)("errors.formProblems") }, { status: 400 });
  const f = parsed.data;
  const done = await context.services.agencyUpdates.post(
    { ...actorOf(context, viewer), personId: viewer.personId },
    { networkId: params.networkId, meetingId: params.meetingId, itemId: f.itemId, agencyId: membership.agencyId },
    {
      news: f.news,
      closure: f.closureView ? { view: f.closureView, comment: f.closureComment } : null,
      tasks: f.tasks,
    },
  );
  if (done.ok) return { itemId: f.itemId, saved: true as const };
  const status = done.reason === "not_found" ? 404 : done.reason === "not_involved" ? 403 : 409;
  return data({ itemId: f.itemId, error: tFor(context)(`updates.errors.${done.reason}`) }, { status });
}

export default function MeetingUpdates({ loaderData, actionData, params }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dates = useDateStyle();
  const d = loaderData;
  const open = d.meeting.status === "scheduled";
  return (
    <div className="page">
      <title>{`${t("updates.title")} · ${d.meeting.title} · ${t("app.name")}`}</title>
      <p>
        <Link to={`/n/${params.networkId}/meetings/${params.meetingId}/agenda`}>← {t("updates.back")}</Link>
      </p>
      <h1>
        {t("updates.title")}: {d.meeting.title}
      </h1>
      <p className="muted">{formatMoment(d.meeting.startsAt, dates)}</p>
      <p className="lead">{t("updates.intro")}</p>
      {d.meeting.status === "cancelled" ? (
        <Notice tone="info">{t("updates.cancelled")}</Notice>
      ) : (
        !open && <Notice tone="info">{t("updates.closed")}</Notice>
      )}
      {d.reporting && <ReportingOverview reporting={d.reporting} reminderDays={d.reminderDays} />}
      {d.items && (
        <section aria-labelledby="your-items">
          <h2 id="your-items">{t("updates.yourItems", { agency: d.agencyName })}</h2>
          {d.items.length === 0 ? (
            <p className="muted">{t("updates.noItems")}</p>
          ) : (
            d.items.map((item) => (
              <UpdateForm
                key={item.itemId}
                item={item}
                open={open}
                result={actionData && actionData.itemId === item.itemId ? actionData : null}
              />
            ))
          )}
        </section>
      )}
    </div>
  );
}
