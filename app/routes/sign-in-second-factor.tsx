import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, redirect, useFetcher, useNavigation } from "react-router";
import { tFor } from "../i18n.ts";
import { relyingPartyFor } from "../../server/auth/guards.ts";
import { sessionCookie } from "../../server/auth/sessionCookie.ts";
import { sameOriginPath } from "../contract/sameOriginPath.ts";
import { Notice } from "../components/fields.tsx";
import { CancelSignIn } from "../components/CancelSignIn.tsx";
import type { Route } from "./+types/sign-in-second-factor";

const safeNext = (request: Request) => sameOriginPath(new URL(request.url).searchParams.get("next"));

/** Only someone whose password was right and who owes the second step is here. */
function pendingOf(context: Route.LoaderArgs["context"]) {
  const pending = context.pending;
  if (pending?.stage !== "second_factor") throw redirect("/sign-in");
  return pending;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  if (context.viewer) throw redirect(safeNext(request));
  const pending = pendingOf(context);
  const methods = await context.services.secondFactor.methodsOf(pending.personId);
  return { name: pending.name, hasPasskey: methods.passkeys.length > 0 };
}

export async function action({ context, request }: Route.ActionArgs) {
  const pending = pendingOf(context);
  const { secondFactor, accounts, sessions } = context.services;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "code");
  const rp = relyingPartyFor(context, request);
  if (intent === "passkey-options") {
    const options = await secondFactor.passkeySignInOptions(pending.sessionId, pending.personId, rp);
    return { intent, options };
  }
  const { ip, userAgent, secure } = context.requestInfo;
  let method = "passkey";
  let result;
  if (intent === "passkey") {
    let response: AuthenticationResponseJSON;
    try {
      response = JSON.parse(String(form.get("response") ?? "")) as AuthenticationResponseJSON;
    } catch {
      return data({ intent, error: tFor(context)("secondFactor.step.passkeyFailed") }, { status: 400 });
    }
    result = await secondFactor.proveWithPasskey(pending.sessionId, pending.personId, ip, rp, response);
  } else {
    const code = String(form.get("code") ?? "").slice(0, 40);
    const proved = await secondFactor.proveWithCode(pending.personId, ip, code);
    method = proved.ok ? proved.method! : "code";
    result = proved;
  }
  if (!result.ok) {
    const { database, auditChain } = context.services;
    await database.store.transaction((tx) =>
      auditChain.append(
        tx,
        { personId: pending.personId, ip },
        {
          action: "auth.second_factor_refused",
          subjectType: "person",
          subjectId: pending.personId,
          details: { method, reason: result.reason },
        },
      ),
    );
    if (result.reason === "limited")
      return data(
        { intent, error: tFor(context)("secondFactor.step.limited", { count: result.retryAfterSeconds }) },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    const message = intent === "passkey" ? "secondFactor.step.passkeyFailed" : "secondFactor.step.invalid";
    return data({ intent, error: tFor(context)(message) }, { status: 400 });
  }
  const token = await accounts.completeSignIn(pending, { ip, userAgent }, method);
  throw redirect(safeNext(request), {
    headers: { "Set-Cookie": sessionCookie(token, secure, sessions.limits.maxMs) },
  });
}

export default function SecondFactorStep({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const options = useFetcher<typeof action>();
  const answer = useFetcher<typeof action>();
  const [passkeyError, setPasskeyError] = useState(false);
  // The options crossed the network as JSON; their type is what the browser library takes.
  const offered = (options.data && "options" in options.data ? options.data.options : null) as
    Parameters<typeof startAuthentication>[0]["optionsJSON"] | null;
  useEffect(() => {
    if (!offered) return;
    startAuthentication({ optionsJSON: offered })
      .then((response) => answer.submit({ intent: "passkey", response: JSON.stringify(response) }, { method: "post" }))
      .catch(() => setPasskeyError(true));
    // Each set of options is answered once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered]);
  const error =
    (answer.data && "error" in answer.data && answer.data.error) ||
    (passkeyError ? t("secondFactor.step.passkeyFailed") : null) ||
    (actionData && "error" in actionData ? actionData.error : null);
  return (
    <div className="page narrow">
      <title>{`${t("secondFactor.step.title")} · ${t("app.name")}`}</title>
      <h1>{t("secondFactor.step.title")}</h1>
      <p className="lead">{t("secondFactor.step.intro", { name: loaderData.name })}</p>
      <div aria-live="assertive">{error && <Notice tone="error">{error}</Notice>}</div>
      <Form method="post" className="card form">
        <div className="field">
          <label htmlFor="second-factor-code">{t("secondFactor.step.code")}</label>
          <input
            type="text"
            id="second-factor-code"
            name="code"
            autoComplete="one-time-code"
            inputMode="text"
            maxLength={40}
            required
            aria-describedby="second-factor-code-hint"
          />
          <p id="second-factor-code-hint" className="hint">
            {t("secondFactor.step.codeHint")}
          </p>
        </div>
        <button
          type="submit"
          name="intent"
          value="code"
          className="primary"
          disabled={navigation.state === "submitting"}
        >
          {t("secondFactor.step.submit")}
        </button>
      </Form>
      {loaderData.hasPasskey && (
        <div className="card">
          <p>{t("secondFactor.step.or")}</p>
          <button
            type="button"
            disabled={options.state !== "idle" || answer.state !== "idle" || !browserSupportsWebAuthn()}
            onClick={() => {
              setPasskeyError(false);
              void options.submit({ intent: "passkey-options" }, { method: "post" });
            }}
          >
            {t("secondFactor.step.passkey")}
          </button>
        </div>
      )}
      <CancelSignIn />
    </div>
  );
}

/** A paused step says how long to wait (Retry-After). */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}
