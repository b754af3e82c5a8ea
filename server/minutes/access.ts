import { data, type AppLoadContext } from "react-router";
import { requireNetworkAction } from "../auth/guards.ts";
import { can } from "../auth/policy.ts";
import type { MinutesRecipient } from "../documents/redact.ts";

/**
 * Who may read a meeting's minutes, and which copy: the chair and the coordinator (the
 * reviewers) the full record; anyone invited to the meeting their own redacted copy.
 * Anyone else, in this network or not, gets 404: the meeting's minutes are not confirmed.
 */
export async function requireMinutesReader(
  context: AppLoadContext,
  request: Request,
  networkId: string | undefined,
  meetingId: string | undefined,
) {
  const viewer = await requireNetworkAction(context, request, networkId, "meetings:view");
  const meeting = networkId && meetingId ? await context.services.meetings.get(networkId, meetingId) : null;
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const reviewer = can(viewer, "minutes:review", meeting.networkId);
  const addressee = (await context.services.minutes.addressees(meeting.id)).find((a) => a.personId === viewer.personId);
  if (!reviewer && !addressee) throw data({ reason: "not_found" }, { status: 404 });
  const membership = viewer.memberships[meeting.networkId]!;
  const recipient: MinutesRecipient = reviewer
    ? {
        agency: addressee?.agency ?? { id: membership.agencyId, name: "" },
        seesAll: true,
        withheldCaseCodes: await context.services.caseRegister.restrictedCodes(meeting.networkId),
      }
    : {
        agency: addressee!.agency,
        seesAll: addressee!.seesAll,
        guestItemIds: addressee!.guestItemIds,
        role: addressee!.role,
        withheldCaseCodes: addressee!.withheldCaseCodes,
      };
  return { viewer, meeting, reviewer, recipient };
}
