import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { signingOutHere } from "../realtime/signingOut.ts";

export function AppHeader({ viewer }: { viewer: { name: string; email: string } | null }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ▦
        </span>
        {t("app.name")}
      </Link>
      {viewer && (
        <nav aria-label={t("app.mainNavigation")} className="user-nav">
          <Link to="/">{t("app.yourNetworks")}</Link>
          <Link to="/account" title={t("app.signedInAs", { name: viewer.name })}>
            {viewer.name}
          </Link>
          <Form method="post" action="/sign-out" onSubmit={signingOutHere}>
            <button type="submit" className="link-button">
              {t("app.signOut")}
            </button>
          </Form>
        </nav>
      )}
    </header>
  );
}
