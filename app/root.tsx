import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
  type LinksFunction,
} from "react-router";
import type { Route } from "./+types/root";
import { AppHeader } from "./components/AppHeader.tsx";
import { ErrorPage } from "./components/ErrorPage.tsx";
import { SessionTimer } from "./components/SessionTimer.tsx";
import { sessionLeft } from "./contract/sessionStatus.ts";
import stylesheet from "./styles.css?url";
import { switchLanguage } from "./i18n.ts";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  const viewer = context.viewer;
  return {
    cspNonce: context.cspNonce,
    language: context.language,
    languageScripts: context.languageScripts,
    viewer: viewer ? { name: viewer.name, email: viewer.email } : null,
    session: viewer ? sessionLeft(viewer, context.services.sessions.limits.idleMs) : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, i18n } = useTranslation();
  const nonce = data?.cspNonce;
  const language = data?.language ?? i18n.language;
  // After a change of language (the account page) the browser's strings follow the server's.
  useEffect(() => {
    if (data && i18n.language !== data.language) void switchLanguage(i18n, data.language);
  }, [i18n, data]);
  // A page for a shared screen (the meeting display) has no app header: `handle = { bare: true }`.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links nonce={nonce} />
        {/* The strings of the page's language, fetched beside the page's scripts (app/i18n.ts). */}
        {data?.languageScripts.map((href) => (
          <link key={href} rel="modulepreload" href={href} nonce={nonce} suppressHydrationWarning />
        ))}
      </head>
      <body>
        {!bare && (
          <>
            <a className="skip-link" href="#main">
              {t("app.skipToContent")}
            </a>
            <AppHeader viewer={data?.viewer ?? null} />
          </>
        )}
        {data?.session && <SessionTimer initial={data.session} />}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return <ErrorPage kind="notFound" />;
    if (error.status === 403) return <ErrorPage kind="forbidden" />;
  }
  // On the server, handleError (entry.server.tsx) has logged it already.
  if (!isRouteErrorResponse(error) && typeof document !== "undefined") console.error(error);
  return <ErrorPage kind="error" />;
}
