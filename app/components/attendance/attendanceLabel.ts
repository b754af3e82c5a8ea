import type { TFunction } from "i18next";
import type { ParticipantView } from "../../contract/meetingProtocol.ts";
import { formatTime, type DateStyle } from "../../contract/dates.ts";

/** Where a person is, in words: here since, left at, apologies, expected, or not yet here. */
export function attendanceState(p: ParticipantView): "here" | "left" | "apologies" | "expected" | "absent" {
  if (p.attendance === "apologies") return "apologies";
  if (p.joinedAt !== null) return p.leftAt === null ? "here" : "left";
  if (p.answer === "apologies") return "apologies";
  return p.attendance ? "expected" : "absent";
}

export function attendanceLabel(p: ParticipantView, t: TFunction, dates: DateStyle): string {
  const how = p.attendance === "in_room" ? "in_room" : "on_screen";
  switch (attendanceState(p)) {
    case "here":
      return t(`presence.attendance.since.${how}`, { time: formatTime(p.joinedAt!, dates) });
    case "left":
      return t("presence.attendance.left", { time: formatTime(p.leftAt!, dates) });
    case "apologies":
      return p.delegateName
        ? t("presence.attendance.apologiesDelegate", { name: p.delegateName })
        : t("presence.attendance.apologies");
    case "expected":
      return t(`presence.attendance.expected.${how}`);
    case "absent":
      return p.answer === "attending" ? t("presence.attendance.answeredAttending") : t("presence.attendance.notYet");
  }
}
