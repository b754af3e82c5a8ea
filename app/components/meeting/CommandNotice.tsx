import { useTranslation } from "react-i18next";
import type { MeetingClientState } from "../../realtime/meetingClient.ts";
import { refusalText } from "../../refusals.ts";

/**
 * What became of the last command that was not taken. Refused: said at once (alert).
 * Not taken for now (storage busy or unavailable, a server fault): said politely in a
 * status region that is always on the page, so screen readers announce it, while the
 * command stays pending and is sent again.
 */
export function CommandNotice({ error }: { error: MeetingClientState["lastError"] }) {
  const { t } = useTranslation();
  const retrying = error?.retrying ? error : null;
  return (
    <>
      <p role="status" className={retrying ? "notice warning" : "visually-hidden"} data-testid="not-saved">
        {retrying &&
          t(
            `meetings.room.notSaved.${retrying.code === "busy" || retrying.code === "storage_unavailable" ? retrying.code : "internal"}`,
            { reference: retrying.requestId ?? "" },
          )}
      </p>
      {error && !error.retrying && (
        <p className="notice error" role="alert">
          {refusalText(t, error)}
        </p>
      )}
    </>
  );
}
