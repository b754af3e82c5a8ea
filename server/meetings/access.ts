import { data, type AppLoadContext } from "react-router";
import { requireNetworkAction } from "../auth/guards.ts";
import type { Role } from "../../db/schema/people.ts";

/**
 * The meeting behind a page's address, for someone who may see it. A guest is invited for
 * single items: a meeting they are not a guest in is not found, exactly like one that
 * does not exist (issue 13, rule 10).
 */
export async function requireMeetingPage(
  context: AppLoadContext,
  request: Request,
  networkId: string | undefined,
  meetingId: string | undefined,
) {
  const viewer = await requireNetworkAction(context, request, networkId, "meetings:view");
  const { meetings, policy } = context.services;
  const meeting = networkId && meetingId ? await meetings.get(networkId, meetingId) : null;
  if (!meeting) throw data({ reason: "not_found" }, { status: 404 });
  const guestItemIds = (await meetings.guestsOf(meeting.id))
    .filter((g) => g.personId === viewer.personId)
    .map((g) => g.itemId);
  if (policy.isGuest(viewer, meeting.networkId) && guestItemIds.length === 0)
    throw data({ reason: "not_found" }, { status: 404 });
  return { viewer, meeting, membership: viewer.memberships[meeting.networkId]! };
}

interface Person {
  personId: string;
  agencyId: string;
  name: string;
}
interface Agency {
  id: string;
  name: string;
}

/**
 * The people and agencies a room page names (task owners, views by agency). Those at the
 * table as members see the network's people, as on the members page; a guest, who sees
 * nothing of the network, only themselves and their own agency: a task they propose is
 * theirs, and the chair gives it another owner when it is taken.
 */
export function peopleOfTheRoom(
  me: { personId: string; agencyId: string; role: Role },
  everyone: { members: readonly Person[]; agencies: readonly Agency[] },
): { members: Person[]; agencies: Agency[] } {
  if (me.role !== "guest") return { members: [...everyone.members], agencies: [...everyone.agencies] };
  return {
    members: everyone.members.filter((m) => m.personId === me.personId),
    agencies: everyone.agencies.filter((a) => a.id === me.agencyId),
  };
}
