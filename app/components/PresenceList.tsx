import { useTranslation } from "react-i18next";
import { usePresence } from "../realtime/usePresence.ts";

export function PresenceList({ networkId, viewerId }: { networkId: string; viewerId: string }) {
  const { t } = useTranslation();
  const { online, status } = usePresence(networkId);
  return (
    <section aria-labelledby="presence-heading" className="presence">
      <h2 id="presence-heading">{t("home.online")}</h2>
      {status !== "online" ? (
        <p className="muted" role="status">
          {t(status === "connecting" ? "home.connecting" : "home.offline")}
        </p>
      ) : (
        <ul aria-live="polite" data-testid="presence">
          {online.map((p) => (
            <li key={p.personId}>
              <span className="dot" aria-hidden="true" />
              {p.name}
              {p.personId === viewerId && <span className="muted"> ({t("home.you")})</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
