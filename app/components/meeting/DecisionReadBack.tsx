import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DecisionView } from "../../contract/meetingProtocol.ts";

const SHOWN_MS = 6_000;

/**
 * A decision just recorded is read back on every screen for a few seconds, as far as
 * the screen may see it (the decisions it holds are already cut to its need to know).
 * Decisions that were there when the screen joined are not read back.
 */
export function DecisionReadBack({ decisions }: { decisions: DecisionView[] }) {
  const { t } = useTranslation();
  const known = useRef<Set<string> | null>(null);
  const [shown, setShown] = useState<DecisionView | null>(null);
  useEffect(() => {
    if (known.current === null) {
      known.current = new Set(decisions.map((d) => d.id));
      return;
    }
    const fresh = decisions.filter((d) => !known.current!.has(d.id));
    fresh.forEach((d) => known.current!.add(d.id));
    if (fresh.length > 0) setShown(fresh.at(-1)!);
  }, [decisions]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  return (
    <div className={shown ? "read-back" : "visually-hidden"} role="status" data-testid="read-back">
      {shown && (
        <>
          <p className="eyebrow">
            {t("cockpit.readBack.label")} · {shown.caseCode}
          </p>
          <p className="read-back-outcome">
            {t(`meetings.decision.outcomes.${shown.outcome}`, { defaultValue: shown.outcome })}
          </p>
          <p>{shown.rationale}</p>
        </>
      )}
    </div>
  );
}
