import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { signInAfterEnd, type SessionLeft, type SessionStatus } from "../contract/sessionStatus.ts";

const ask = async (method: "GET" | "POST"): Promise<SessionStatus | null> => {
  try {
    const res = await fetch("/session", { method, headers: { accept: "application/json" } });
    return res.ok ? ((await res.json()) as SessionStatus) : null;
  } catch {
    return null; // offline: asked again at the next step
  }
};

/** Deadlines on this screen's clock. */
interface Deadlines {
  end: number;
  warnAt: number;
  idle: boolean;
}
const deadlinesOf = (s: SessionLeft, now = Date.now()): Deadlines => {
  const end = now + Math.min(s.idleLeftMs, s.leftMs);
  return { end, warnAt: end - s.warnMs, idle: s.idleLeftMs <= s.leftMs };
};

/**
 * Warns before the session ends, with a way to stay when it is for inactivity; when it
 * has ended, goes to the sign-in page, which says why. The server's word decides: it also
 * counts activity in other tabs and on the live connection.
 */
export function SessionTimer({ initial }: { initial: SessionLeft }) {
  const { t } = useTranslation();
  const [deadlines, setDeadlines] = useState(() => deadlinesOf(initial));
  const [warning, setWarning] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const stay = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const at = warning ? deadlines.end : deadlines.warnAt;
    const timer = setTimeout(
      async () => {
        const fresh = await ask("GET");
        if (fresh && !fresh.signedIn) {
          const here = window.location.pathname + window.location.search;
          return window.location.assign(signInAfterEnd(deadlines.idle ? "idle" : "expired", here));
        }
        // Offline: asked again in a few seconds.
        const next = fresh ? deadlinesOf(fresh) : { ...deadlines, warnAt: Date.now() + 5000, end: Date.now() + 5000 };
        setWarning(next.warnAt <= Date.now());
        setDeadlines(next);
      },
      Math.max(0, at - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [deadlines, warning]);

  useEffect(() => {
    if (!warning) return;
    stay.current?.focus();
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [warning]);

  if (!warning) return null;
  const seconds = Math.max(0, Math.round((deadlines.end - now) / 1000));
  return (
    <div className="session-warning notice warning" role="alertdialog" aria-labelledby="session-warning-title">
      <h2 id="session-warning-title">{t("session.warningTitle")}</h2>
      <p>{t(deadlines.idle ? "session.idleWarning" : "session.endWarning", { count: seconds })}</p>
      {deadlines.idle && (
        <button
          ref={stay}
          type="button"
          className="primary"
          onClick={async () => {
            const fresh = await ask("POST");
            if (fresh?.signedIn) {
              setWarning(false);
              setDeadlines(deadlinesOf(fresh));
            }
          }}
        >
          {t("session.stay")}
        </button>
      )}
    </div>
  );
}
