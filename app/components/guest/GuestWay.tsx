import { useTranslation } from "react-i18next";
import { agendaItemTitle } from "../../contract/agendaItemTitle.ts";
import type { GuestStage } from "./guestStage.ts";

/** A guest before their item: which item, and how many come before it. Nothing of the others. */
function GuestWaiting({ stage }: { stage: Extract<GuestStage, { kind: "waiting" }> }) {
  const { t } = useTranslation();
  const place = t("presence.guest.ordinal", { count: stage.ordinal, ordinal: true });
  return (
    <section className="card guest-way" aria-labelledby="guest-way-heading" data-testid="guest-waiting">
      <h2 id="guest-way-heading">{t("presence.guest.yourItem")}</h2>
      <p className="guest-item-title">{agendaItemTitle(t, stage.item)}</p>
      <p role="status" className="guest-position">
        {!stage.started && `${t("presence.guest.notStarted")} `}
        {stage.started && stage.before === 0
          ? t("presence.guest.next")
          : t("presence.guest.position", { place, count: stage.before })}
      </p>
      <p className="hint">{t("presence.guest.waitHint")}</p>
    </section>
  );
}

/** A guest whose items are all done: thanks, and a way to leave (the time is recorded). */
function GuestDone({ left, onLeave }: { left: boolean; onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card guest-way" aria-labelledby="guest-way-heading" data-testid="guest-done">
      <h2 id="guest-way-heading">{t("presence.guest.doneTitle")}</h2>
      <p>{t("presence.guest.doneBody")}</p>
      {left ? (
        <p role="status">{t("presence.guest.left")}</p>
      ) : (
        <button type="button" className="primary" onClick={onLeave}>
          {t("presence.guest.leave")}
        </button>
      )}
    </section>
  );
}

/** What a guest sees instead of the room while their item is not on: waiting, or done. */
export function GuestWay({
  stage,
  left,
  onLeave,
}: {
  stage: Exclude<GuestStage, { kind: "now" }>;
  left: boolean;
  onLeave: () => void;
}) {
  return (
    <div className="guest-room">
      {stage.kind === "waiting" ? <GuestWaiting stage={stage} /> : <GuestDone left={left} onLeave={onLeave} />}
    </div>
  );
}
