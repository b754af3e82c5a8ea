import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { data, Form, Link, useFetcher, useSearchParams } from "react-router";
import { tFor } from "../i18n.ts";
import { relyingPartyFor, requireViewer } from "../../server/auth/guards.ts";
import { sessionCookie } from "../../server/auth/sessionCookie.ts";
import { sameOriginPath } from "../contract/sameOriginPath.ts";
import { formatDay, useDateStyle } from "../dates.ts";
import { Notice } from "../components/fields.tsx";
import { CancelSignIn } from "../components/CancelSignIn.tsx";
import type { Route } from "./+types/account-second-factor";

/**
 * The signed-in person, or someone half signed in whose role needs a second factor they
 * do not have yet (this page is all they can reach).
 */
function whoIsHere(context: Route.LoaderArgs["context"], request: Request) {
  if (context.viewer)
    return { personId: context.viewer.personId, sessionId: context.viewer.sessionId, enrolling: null };
  if (context.pending?.stage === "enrol")
    return { personId: context.pending.personId, sessionId: context.pending.sessionId, enrolling: context.pending };
  const viewer = requireViewer(context, request);
  return { personId: viewer.personId, sessionId: viewer.sessionId, enrolling: null };
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const here = whoIsHere(context, request);
  const { secondFactor } = context.services;
  const methods = await secondFactor.methodsOf(here.personId);
  return {
    enrolling: here.enrolling !== null,
    required: await secondFactor.requiredFor(here.personId),
    totp: methods.totp,
    passkeys: methods.passkeys.map((k) => ({ id: k.id, name: k.name, createdAt: k.createdAt.toISOString() })),
    recoveryCodesLeft: methods.recoveryCodesLeft,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const here = whoIsHere(context, request);
  const { secondFactor, accounts, sessions } = context.services;
  const { ip, userAgent, secure } = context.requestInfo;
  const actor = { personId: here.personId, ip };
  const rp = relyingPartyFor(context, request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  /** The first factor of someone enrolling finishes their sign-in: a new, full session. */
  const finish = async (body: { intent: string; recoveryCodes: string[] | null; notice?: string }) => {
    if (!here.enrolling) return body;
    const token = await accounts.completeSignIn(here.enrolling, { ip, userAgent }, "enrolment");
    return data(
      { ...body, next: sameOriginPath(new URL(request.url).searchParams.get("next")) },
      { headers: { "Set-Cookie": sessionCookie(token, secure, sessions.limits.maxMs) } },
    );
  };
  const lastRequired = async () => {
    const m = await secondFactor.methodsOf(here.personId);
    return (await secondFactor.requiredFor(here.personId)) && Number(m.totp) + m.passkeys.length <= 1;
  };

  switch (intent) {
    case "totp-start": {
      const setup = await secondFactor.startTotp(here.personId);
      if (!setup) return { intent };
      return { intent, setup };
    }
    case "totp-confirm": {
      const result = await secondFactor.confirmTotp(actor, String(form.get("code") ?? "").slice(0, 20));
      if (!result.ok) {
        const setup = await secondFactor.startTotp(here.personId);
        const error =
          result.reason === "limited"
            ? tFor(context)("secondFactor.step.limited", { count: result.retryAfterSeconds })
            : tFor(context)("secondFactor.enrol.wrongCode");
        return data({ intent, setup, error }, { status: result.reason === "limited" ? 429 : 400 });
      }
      return finish({ intent, recoveryCodes: result.recoveryCodes ?? null });
    }
    case "passkey-options":
      return { intent, options: await secondFactor.passkeyRegistrationOptions(here.sessionId, here.personId, rp) };
    case "passkey-register": {
      let response: RegistrationResponseJSON;
      try {
        response = JSON.parse(String(form.get("response") ?? "")) as RegistrationResponseJSON;
      } catch {
        return data({ intent, error: tFor(context)("secondFactor.enrol.passkeyFailed") }, { status: 400 });
      }
      const name = String(form.get("name") ?? "");
      const result = await secondFactor.registerPasskey(actor, here.sessionId, rp, name, response);
      if (!result.ok)
        return data({ intent, error: tFor(context)("secondFactor.enrol.passkeyFailed") }, { status: 400 });
      return finish({
        intent,
        recoveryCodes: result.recoveryCodes,
        notice: tFor(context)("secondFactor.enrol.passkeyAdded"),
      });
    }
    case "totp-remove":
    case "passkey-remove":
    case "recovery-new": {
      // Enrolling people only add; the rest needs a full sign-in.
      if (here.enrolling) throw data({ reason: "forbidden" }, { status: 403 });
      if (intent === "recovery-new") return { intent, recoveryCodes: await secondFactor.newRecoveryCodes(actor) };
      if (await lastRequired())
        return data({ intent, error: tFor(context)("secondFactor.enrol.lastFactor") }, { status: 409 });
      if (intent === "totp-remove") await secondFactor.removeTotp(actor);
      else if (!(await secondFactor.removePasskey(actor, String(form.get("passkeyId") ?? ""))))
        throw data({ reason: "not_found" }, { status: 404 });
      return { intent };
    }
    default:
      throw data({ reason: "bad_request" }, { status: 400 });
  }
}

type ActionData = Awaited<ReturnType<typeof action>> extends infer T ? (T extends { data: infer D } ? D : T) : never;
const field = <K extends string>(d: unknown, key: K): unknown =>
  d && typeof d === "object" && key in d ? (d as Record<K, unknown>)[key] : undefined;

function PasskeyAdd() {
  const { t } = useTranslation();
  const options = useFetcher<typeof action>();
  const answer = useFetcher<typeof action>();
  const [name, setName] = useState(() => t("secondFactor.enrol.passkeyNameDefault"));
  const [failed, setFailed] = useState(false);
  const [supported, setSupported] = useState(true);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);
  const offered = field(options.data, "options") as Parameters<typeof startRegistration>[0]["optionsJSON"] | undefined;
  useEffect(() => {
    if (!offered) return;
    startRegistration({ optionsJSON: offered })
      .then((response) =>
        answer.submit({ intent: "passkey-register", name, response: JSON.stringify(response) }, { method: "post" }),
      )
      .catch(() => setFailed(true));
    // Each set of options is answered once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offered]);
  const error =
    (field(answer.data, "error") as string | undefined) ?? (failed ? t("secondFactor.enrol.passkeyFailed") : null);
  const notice = field(answer.data, "notice") as string | undefined;
  return (
    <>
      <div aria-live="polite">
        {error && <Notice tone="error">{error}</Notice>}
        {notice && !error && <Notice tone="success">{notice}</Notice>}
      </div>
      <RecoveryCodes data={answer.data} />
      {!supported ? (
        <p className="muted">{t("secondFactor.enrol.passkeyUnsupported")}</p>
      ) : (
        <div className="form">
          <div className="field">
            <label htmlFor="passkey-name">{t("secondFactor.enrol.passkeyName")}</label>
            <input
              type="text"
              id="passkey-name"
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <button
            type="button"
            className="primary"
            disabled={options.state !== "idle" || answer.state !== "idle"}
            onClick={() => {
              setFailed(false);
              void options.submit({ intent: "passkey-options" }, { method: "post" });
            }}
          >
            {t("secondFactor.enrol.passkeyAdd")}
          </button>
        </div>
      )}
    </>
  );
}

function RecoveryCodes({ data }: { data: unknown }) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const codes = field(data, "recoveryCodes") as string[] | null | undefined;
  const next = field(data, "next") as string | undefined;
  if (!codes && !next) return null;
  return (
    <section className="card" aria-labelledby="recovery-shown">
      {codes && (
        <>
          <h3 id="recovery-shown">{t("secondFactor.enrol.recoveryTitle")}</h3>
          <p>{t("secondFactor.enrol.recoveryShown")}</p>
          <ul className="recovery-codes" data-testid="recovery-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {next && (
        <Link className="button primary" to={next || search.get("next") || "/"} reloadDocument>
          {t("secondFactor.enrol.continue")}
        </Link>
      )}
    </section>
  );
}

export default function SecondFactorSettings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const result = actionData as ActionData | undefined;
  const setup = field(result, "setup") as { secret: string; qrSvg: string } | undefined;
  const error = field(result, "error") as string | undefined;
  const has = loaderData.totp || loaderData.passkeys.length > 0;
  return (
    <div className="page narrow">
      <title>{`${t("secondFactor.enrol.title")} · ${t("app.name")}`}</title>
      <h1>{t("secondFactor.enrol.title")}</h1>
      {loaderData.enrolling ? (
        <Notice tone="info">{t("secondFactor.enrol.required")}</Notice>
      ) : (
        <p className="lead">{t("secondFactor.enrol.intro")}</p>
      )}
      <div aria-live="assertive">{error && <Notice tone="error">{error}</Notice>}</div>
      <RecoveryCodes data={result} />

      <section className="card" aria-labelledby="current-heading">
        <h2 id="current-heading">{t("secondFactor.enrol.current")}</h2>
        {!has && <p>{t("secondFactor.enrol.none")}</p>}
        <ul>
          {loaderData.totp && (
            <li>
              {t("secondFactor.enrol.totpOn")}
              {!loaderData.enrolling && (
                <Form method="post" className="inline">
                  <button type="submit" name="intent" value="totp-remove" className="link">
                    {t("secondFactor.enrol.totpRemove")}
                  </button>
                </Form>
              )}
            </li>
          )}
          {loaderData.passkeys.map((k) => (
            <li key={k.id}>
              {k.name} · {t("secondFactor.enrol.added", { date: formatDay(k.createdAt.slice(0, 10), dateStyle) })}
              {!loaderData.enrolling && (
                <Form method="post" className="inline">
                  <input type="hidden" name="passkeyId" value={k.id} />
                  <button type="submit" name="intent" value="passkey-remove" className="link">
                    {t("secondFactor.enrol.passkeyRemove", { name: k.name })}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        {has && <p>{t("secondFactor.enrol.recoveryLeft", { count: loaderData.recoveryCodesLeft })}</p>}
      </section>

      {!loaderData.totp && (
        <section className="card" aria-labelledby="totp-heading">
          <h2 id="totp-heading">{t("secondFactor.enrol.totpTitle")}</h2>
          <p>{t("secondFactor.enrol.totpIntro")}</p>
          {setup ? (
            <Form method="post" className="form">
              <div
                className="qr"
                role="img"
                aria-label={t("secondFactor.enrol.qrLabel")}
                dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
              />
              <p>
                {t("secondFactor.enrol.secret")}: <code data-testid="totp-secret">{setup.secret}</code>
              </p>
              <div className="field">
                <label htmlFor="totp-code">{t("secondFactor.enrol.code")}</label>
                <input
                  type="text"
                  id="totp-code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={8}
                  required
                />
              </div>
              <button type="submit" name="intent" value="totp-confirm" className="primary">
                {t("secondFactor.enrol.confirm")}
              </button>
            </Form>
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="totp-start" className="primary">
                {t("secondFactor.enrol.totpStart")}
              </button>
            </Form>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="passkey-heading">
        <h2 id="passkey-heading">{t("secondFactor.enrol.passkeyTitle")}</h2>
        <p>{t("secondFactor.enrol.passkeyIntro")}</p>
        <PasskeyAdd />
      </section>

      {has && !loaderData.enrolling && (
        <section className="card" aria-labelledby="recovery-heading">
          <h2 id="recovery-heading">{t("secondFactor.enrol.recoveryTitle")}</h2>
          <p>{t("secondFactor.enrol.recoveryIntro")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="recovery-new">
              {t("secondFactor.enrol.recoveryNew")}
            </button>
          </Form>
        </section>
      )}
      {loaderData.enrolling && <CancelSignIn />}
    </div>
  );
}

/** Finishing enrolment sets the new session's cookie. */
export function headers({ actionHeaders }: Route.HeadersArgs) {
  return actionHeaders;
}
