import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { i18n, pageLanguage, switchLanguage } from "./i18n.ts";

// The page's own language first (its strings are a chunk of their own), so hydration renders what the server did.
await switchLanguage(i18n, pageLanguage());

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <HydratedRouter />
      </I18nextProvider>
    </StrictMode>,
  );
});
