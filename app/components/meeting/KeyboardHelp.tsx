import { useTranslation } from "react-i18next";
import { ROOM_KEYS } from "./useRoomKeys.ts";

/** The chair's keys, and the switch that turns single-key shortcuts off. */
export function KeyboardHelp({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className="keyboard-help">
      <div className="field checkbox">
        <input
          type="checkbox"
          id="single-key-shortcuts"
          checked={on}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby="single-key-shortcuts-hint"
        />
        <label htmlFor="single-key-shortcuts">{t("cockpit.keysHelp.on")}</label>
        <p id="single-key-shortcuts-hint" className="hint">
          {t("cockpit.keysHelp.onHint")}
        </p>
      </div>
      <dl className="keys">
        {ROOM_KEYS.map(([k, what]) => (
          <div key={what}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what === "done" ? t("cockpit.keysHelp.done") : t(`meetings.room.keys.${what}`)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
