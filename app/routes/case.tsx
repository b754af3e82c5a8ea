import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { actorOf, requireCase, requireCaseIntent } from "../../server/auth/guards.ts";
import { tFor } from "../i18n.ts";
import { CaseTimeline } from "../components/case/CaseTimeline.tsx";
import { IdentityPanel } from "../components/case/IdentityPanel.tsx";
import { MoveCaseForm } from "../components/case/MoveCaseForm.tsx";
import { MonitoringChecks } from "../components/case/MonitoringChecks.tsx";
import { SharingBasisPanel } from "../components/case/SharingBasisPanel.tsx";
import { Notice } from "../components/fields.tsx";
import { formatDay, todayIn, useDateStyle } from "../dates.ts";
import { agenciesSchema, checkSchema, identitySchema, moveSchema, summarySchema } from "../forms/cases.ts";
import { sharingBasisSchema, withdrawalSchema } from "../forms/sharingBasis.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/case";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { caseFile, caseRegister, networks, stages, policy, sharingBasis, members } = context.services;
  const may = (a: Parameters<typeof policy.canOnCase>[1]) => policy.canOnCase(viewer, a, theCase.scope);
  const network = (await networks.get(theCase.networkId))!;
  const search = new URL(request.url).searchParams;
  const wantsIdentity = search.get("identity") === "show";
  const actor = actorOf(context, viewer);
  return {
    theCase: {
      id: theCase.id,
      code: theCase.code,
      stage: theCase.stage,
      summary: theCase.summary,
      nextCheckInOn: theCase.nextCheckInOn,
    },
    timeZone: network.timeZone,
    // Just registered through the signal form: confirm it, and suggest child protection for a minor.
    registered: search.get("registered") === "1",
    minor: theCase.isMinor,
    today: todayIn(network.timeZone),
    // undefined: not asked for (or not allowed); null: asked, none recorded.
    identity: wantsIdentity && may("case:viewIdentity") ? await caseRegister.viewIdentity(actor, theCase) : undefined,
    involved: await caseFile.involvedAgencies(theCase.id),
    allAgencies: may("case:manageAgencies") ? await networks.listAgencies(theCase.networkId) : [],
    openTasks: await caseFile.openTasks(theCase.id),
    plan: await caseFile.currentPlan(theCase.id),
    checks: await caseFile.monitoringChecks(theCase.id),
    timeline: await caseFile.timeline(theCase),
    moves: may("case:decide") ? stages.offeredMoves(theCase) : [],
    sharing: {
      state: await sharingBasis.stateOf(theCase.id),
      history: await sharingBasis.historyOf(theCase.id),
      choices: may("consent:record")
        ? {
            listed: await sharingBasis.listedBases(theCase.networkId),
            people: (await members.list(theCase.networkId))
              .filter((m) => m.role !== "guest")
              .map((m) => ({ personId: m.personId, name: m.name, agencyName: m.agencyName })),
            isMinor: theCase.isMinor,
            today: todayIn(network.timeZone),
          }
        : null,
    },
    may: {
      identity: may("case:viewIdentity"),
      editIdentity: may("case:editIdentity"),
      summary: may("case:decide"),
      agencies: may("case:manageAgencies"),
      monitoring: may("monitoring:record"),
    },
    // The person's requests about the case, for those whose role may ask them (decision 0038).
    accessRequestsHref: policy.can(viewer, "access:ask", theCase.networkId)
      ? `/n/${theCase.networkId}/access-requests?code=${encodeURIComponent(theCase.code)}`
      : null,
  };
}

const BASIS_REFUSALS = {
  basis_does_not_fit: { field: "basis", key: "sharing.errors.basisDoesNotFit" },
  unknown_listed_basis: { field: "basisListedId", key: "sharing.errors.unknownListed" },
  unknown_member: { field: "basisObtainedBy", key: "sharing.errors.unknownMember" },
  in_future: { field: "basisObtainedOn", key: "sharing.errors.inFuture" },
  no_consent_to_withdraw: { field: "basis", key: "sharing.errors.noConsent" },
} as const;

const MOVE_REFUSALS = ["same_stage", "not_allowed", "closure_needs_sign_off", "active_needs_plan"] as const;

export async function action({ context, request, params }: Route.ActionArgs) {
  const formData = await request.formData();
  const { intent, theCase, actor } = await requireCaseIntent(context, request, params, formData, {
    identity: "case:editIdentity",
    summary: "case:decide",
    agencies: "case:manageAgencies",
    move: "case:decide",
    check: "monitoring:record",
    basis: "consent:record",
    withdraw: "consent:record",
  });
  const { caseRegister, stages, closure, sharingBasis } = context.services;

  if (intent === "identity") {
    const parsed = parseForm(formData, identitySchema, intent);
    if (!parsed.ok) return parsed.response;
    const { name, dateOfBirth, address, contacts } = parsed.value;
    const { isMinor } = await caseRegister.saveIdentity(actor, theCase, {
      name,
      dateOfBirth: dateOfBirth ?? null,
      address: address ?? null,
      contacts: contacts ?? null,
    });
    return {
      intent,
      result: parsed.submission.reply(),
      notice: isMinor ? "cases.identity.savedMinor" : "cases.identity.saved",
    };
  }
  if (intent === "summary") {
    const parsed = parseForm(formData, summarySchema, intent);
    if (!parsed.ok) return parsed.response;
    await caseRegister.setSummary(actor, theCase, parsed.value.summary);
    return { intent, result: parsed.submission.reply(), notice: "cases.summary.saved" };
  }
  if (intent === "agencies") {
    const parsed = parseForm(formData, agenciesSchema, intent);
    if (!parsed.ok) return parsed.response;
    const known = new Set((await context.services.networks.listAgencies(theCase.networkId)).map((a) => a.id));
    // An agency of another network (or none) is refused, not dropped: dropping would un-involve the rest.
    if (parsed.value.agencyIds.some((id) => !known.has(id)))
      return refuse(parsed.submission, tFor(context)("members.unknownAgency"), { status: 400, intent });
    await caseRegister.setInvolvedAgencies(actor, theCase, parsed.value.agencyIds);
    return { intent, result: parsed.submission.reply(), notice: "cases.agencies.saved" };
  }
  if (intent === "basis") {
    const parsed = parseForm(formData, sharingBasisSchema, intent);
    if (!parsed.ok) return parsed.response;
    const v = parsed.value;
    const done = await sharingBasis.record(actor, theCase, {
      basis: v.basis,
      listedBasisId: v.basis === "listed_basis" ? (v.basisListedId ?? null) : null,
      caseReference: v.basis === "listed_basis" ? (v.basisReference ?? null) : null,
      obtainedOn: v.basisObtainedOn,
      obtainedBy: v.basisObtainedBy,
    });
    if (!done.ok)
      return refuse(parsed.submission, "", {
        status: 409,
        intent,
        fieldErrors: { [BASIS_REFUSALS[done.reason].field]: [BASIS_REFUSALS[done.reason].key] },
      });
    return { intent, result: parsed.submission.reply({ resetForm: true }), notice: "sharing.recorded" };
  }
  if (intent === "withdraw") {
    const parsed = parseForm(formData, withdrawalSchema, intent);
    if (!parsed.ok) return parsed.response;
    const done = await sharingBasis.withdraw(actor, theCase, {
      withdrawnOn: parsed.value.withdrawnOn,
      note: parsed.value.note ?? null,
    });
    if (!done.ok)
      return refuse(parsed.submission, tFor(context)(BASIS_REFUSALS[done.reason].key), {
        status: 409,
        intent,
        ...(done.reason === "in_future" ? { fieldErrors: { withdrawnOn: ["sharing.errors.inFuture"] } } : {}),
      });
    return { intent, result: parsed.submission.reply({ resetForm: true }), notice: "sharing.withdrawnNotice" };
  }
  if (intent === "check") {
    const parsed = parseForm(formData, checkSchema, intent);
    if (!parsed.ok) return parsed.response;
    const done = await closure.recordCheck(actor, theCase, parsed.value.checkId, parsed.value.note);
    if (!done) return refuse(parsed.submission, tFor(context)("cases.monitoring.notFound"), { status: 409, intent });
    return { intent, result: parsed.submission.reply({ resetForm: true }), notice: "cases.monitoring.recorded" };
  }
  const parsed = parseForm(formData, moveSchema, intent);
  if (!parsed.ok) return parsed.response;
  if (!stages.offeredMoves(theCase).includes(parsed.value.to)) {
    return refuse(parsed.submission, tFor(context)("cases.move.refused.not_allowed"), { status: 409, intent });
  }
  const moved = await stages.move(actor, theCase, parsed.value.to, parsed.value.rationale);
  if (!moved.ok)
    return refuse(
      parsed.submission,
      tFor(context)(`cases.move.refused.${MOVE_REFUSALS.find((r) => r === moved.reason)}`),
      {
        status: 409,
        intent,
      },
    );
  return { intent, result: parsed.submission.reply({ resetForm: true }), notice: "cases.move.done" };
}

export default function CaseFilePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent ? actionData.result : undefined;
  const overdue = (due: string | null) => due !== null && due < d.today;
  return (
    <div className="case-file">
      <title>{`${d.theCase.code} · ${t("app.name")}`}</title>
      {d.registered && !actionData && (
        <Notice tone="success">
          <p>{t("signals.register.registered", { code: d.theCase.code })}</p>
          {d.minor && <p>{t("signals.register.minorRoute")}</p>}
        </Notice>
      )}
      {actionData && "notice" in actionData && <Notice tone="success">{t(actionData.notice)}</Notice>}
      {actionData && !("notice" in actionData) && actionData.result?.error && (
        <Notice tone="error">{t("errors.formProblems")}</Notice>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">{t("cases.file.status")}</h2>
          <p>{d.theCase.summary}</p>
          <dl className="facts">
            <dt>{t("cases.file.nextCheckIn")}</dt>
            <dd>{d.theCase.nextCheckInOn ? formatDay(d.theCase.nextCheckInOn, dateStyle) : t("cases.file.none")}</dd>
            <dt>{t("cases.file.plan")}</dt>
            <dd>
              {d.plan ? (
                <Link to="plan">{t("cases.file.planVersion", { version: d.plan.version })}</Link>
              ) : (
                t("cases.file.noPlan")
              )}
            </dd>
            <dt>{t("cases.file.involved")}</dt>
            <dd>{d.involved.length ? d.involved.map((a) => a.name).join(", ") : t("cases.file.none")}</dd>
          </dl>
          {d.accessRequestsHref && (
            <p>
              <Link to={d.accessRequestsHref}>{t("cases.file.accessRequests")}</Link>
            </p>
          )}
          {d.may.summary && (
            <details>
              <summary>{t("cases.summary.edit")}</summary>
              <Form method="post" className="form">
                <div className="field">
                  <label htmlFor="case-summary">{t("cases.summary.label")}</label>
                  <p className="hint" id="case-summary-hint">
                    {t("cases.summary.hint")}
                  </p>
                  <textarea
                    id="case-summary"
                    name="summary"
                    defaultValue={d.theCase.summary}
                    rows={3}
                    required
                    aria-describedby="case-summary-hint"
                  />
                </div>
                <button type="submit" name="intent" value="summary" className="primary">
                  {t("cases.summary.save")}
                </button>
              </Form>
            </details>
          )}
        </section>
        <section className="card" aria-labelledby="tasks-heading">
          <h2 id="tasks-heading">{t("cases.file.openTasks")}</h2>
          {d.openTasks.length === 0 ? (
            <p className="muted">{t("cases.file.noTasks")}</p>
          ) : (
            <ul className="plain-list">
              {d.openTasks.map((task) => (
                <li key={task.id}>
                  {task.what}
                  <span className="cell-sub">
                    {[task.ownerName, task.agencyName].filter(Boolean).join(", ")}
                    {task.dueOn && ` · ${t("cases.file.due", { date: formatDay(task.dueOn, dateStyle) })}`}
                    {overdue(task.dueOn) && <span className="badge warning">{t("home.overdue")}</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <SharingBasisPanel
        state={d.sharing.state}
        history={d.sharing.history}
        choices={d.sharing.choices}
        lastBasis={resultFor("basis")}
        lastWithdrawal={resultFor("withdraw")}
      />
      {d.may.identity && (
        <IdentityPanel identity={d.identity} canEdit={d.may.editIdentity} lastResult={resultFor("identity")} />
      )}
      {d.may.agencies && (
        <section className="card" aria-labelledby="agencies-heading">
          <h2 id="agencies-heading">{t("cases.agencies.title")}</h2>
          <p className="muted">{t("cases.agencies.intro")}</p>
          <Form method="post" className="form">
            <fieldset className="checkbox-grid">
              <legend className="visually-hidden">{t("cases.agencies.title")}</legend>
              {d.allAgencies.map((a) => (
                <label key={a.id} className="checkbox-option">
                  <input
                    type="checkbox"
                    name="agencyIds"
                    value={a.id}
                    defaultChecked={d.involved.some((i) => i.id === a.id)}
                  />{" "}
                  {a.name}
                </label>
              ))}
            </fieldset>
            <button type="submit" name="intent" value="agencies" className="secondary">
              {t("cases.agencies.save")}
            </button>
          </Form>
        </section>
      )}
      {d.checks.length > 0 && (
        <MonitoringChecks
          checks={d.checks}
          canRecord={d.may.monitoring}
          today={d.today}
          lastResult={resultFor("check")}
        />
      )}
      {d.moves.length > 0 && <MoveCaseForm moves={d.moves} lastResult={resultFor("move")} />}
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t("cases.timeline.title")}</h2>
        <CaseTimeline entries={d.timeline} />
      </section>
    </div>
  );
}
