import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A side panel the chair opens on demand (attendance, keyboard help), so the cockpit
 * itself stays on one screen. It takes the focus, keeps Tab inside, closes on Escape,
 * and gives the focus back to what opened it.
 */
export function RoomPanel({
  id,
  title,
  onClose,
  children,
}: {
  id: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const panel = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const el = panel.current!;
    el.querySelector<HTMLElement>("button, select, input, [href]")?.focus();
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        close.current();
        return;
      }
      if (e.key !== "Tab") return;
      const focusable = [...el.querySelectorAll<HTMLElement>("button, select, input, textarea, [href]")];
      const first = focusable[0];
      const last = focusable.at(-1);
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    };
    el.addEventListener("keydown", onKeyDown);
    return () => {
      el.removeEventListener("keydown", onKeyDown);
      opener?.focus();
    };
  }, []);
  return (
    <div className="room-panel-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()} role="presentation">
      <div className="room-panel" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} ref={panel}>
        <div className="room-panel-head">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" className="secondary" onClick={onClose}>
            {t("cockpit.closePanel")}
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}
