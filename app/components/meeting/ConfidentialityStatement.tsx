import { useTranslation } from "react-i18next";

/** The network's statement, accepted (version and time recorded) before any case item is shown. */
export function ConfidentialityStatement({
  version,
  statement,
  onAccept,
  className,
}: {
  version: number;
  statement: string;
  onAccept: () => void;
  className: string;
}) {
  const { t } = useTranslation();
  return (
    <section className={className} aria-labelledby="conf-heading">
      <h2 id="conf-heading">{t("meetings.confidentiality.title")}</h2>
      <p>{t("meetings.confidentiality.intro", { version })}</p>
      <blockquote>{statement}</blockquote>
      <button type="button" className="primary" onClick={onAccept}>
        {t("meetings.confidentiality.accept")}
      </button>
    </section>
  );
}
