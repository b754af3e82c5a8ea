// Every user-facing string of Casetable, in Dutch: the same files and keys as en.ts.
import cases from "./nl/cases.ts";
import closure from "./nl/closure.ts";
import cockpit from "./nl/cockpit.ts";
import notes from "./nl/notes.ts";
import meetingInvites from "./nl/meetingInvites.ts";
import meetings from "./nl/meetings.ts";
import minutes from "./nl/minutes.ts";
import plans from "./nl/plans.ts";
import retention from "./nl/retention.ts";
import presence from "./nl/presence.ts";
import session from "./nl/session.ts";
import secondFactor from "./nl/secondFactor.ts";
import signals from "./nl/signals.ts";
import sharing from "./nl/sharing.ts";
import updates from "./nl/updates.ts";
import type { Draft, Translation } from "./types.ts";

const nl = {
  cases,
  closure,
  cockpit,
  notes,
  meetingInvites,
  meetings,
  minutes,
  plans,
  retention,
  presence,
  session,
  secondFactor,
  signals,
  sharing,
  updates,
} satisfies Draft<Translation>;

export default nl;
