import { useTranslation } from "react-i18next";
import type { Attendance } from "../../contract/vocabulary.ts";

/** The choice made on joining: on one's own screen (the default) or in the room. */
export function MyAttendance({
  attendance,
  onChoose,
}: {
  attendance: Attendance | null;
  onChoose: (how: "in_room" | "on_screen") => void;
}) {
  const { t } = useTranslation();
  const how = attendance === "in_room" ? "in_room" : "on_screen";
  return (
    <fieldset className="my-attendance">
      <legend>{t("presence.attendance.choice.legend")}</legend>
      {(["on_screen", "in_room"] as const).map((value) => (
        <label key={value} className="choice">
          <input
            type="radio"
            name="my-attendance"
            value={value}
            checked={how === value}
            onChange={() => onChoose(value)}
          />{" "}
          {t(`presence.attendance.choice.${value}`)}
        </label>
      ))}
      <p className="hint">{t("presence.attendance.choice.hint")}</p>
    </fieldset>
  );
}
