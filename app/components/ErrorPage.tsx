import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function ErrorPage({ kind }: { kind: "notFound" | "forbidden" | "error" }) {
  const { t } = useTranslation();
  return (
    <div className="page narrow">
      <title>{`${t(`${kind}.title`)} · ${t("app.name")}`}</title>
      <h1>{t(`${kind}.title`)}</h1>
      <p>{t(`${kind}.body`)}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}
