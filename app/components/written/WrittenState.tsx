import { useTranslation } from "react-i18next";
import type { WrittenProcedureView } from "../../contract/writtenProcedure.ts";

/** Where a procedure stands: open, past its deadline, or how it was concluded. */
export function WrittenState({ procedure, now }: { procedure: WrittenProcedureView; now: number }) {
  const { t } = useTranslation();
  if (procedure.status === "concluded")
    return (
      <span className={procedure.result === "adopted" ? "badge success" : "badge"}>
        {t(`written.states.${procedure.result ?? "adopted"}`)}
      </span>
    );
  const late = procedure.deadline <= now;
  return (
    <span className={late ? "badge warning" : "badge"}>
      {t(late ? "written.states.deadline_passed" : "written.states.open")}
    </span>
  );
}
