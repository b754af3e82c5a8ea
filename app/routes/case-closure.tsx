import { useTranslation } from "react-i18next";
import { Form, redirect } from "react-router";
import { requireCase, requireCaseIntent } from "../../server/auth/guards.ts";
import { tFor } from "../i18n.ts";
import type { Checklist } from "../../server/cases/closure.ts";
import { checklistIn, type WordedChecklist } from "../contract/templateText.ts";
import { ClosureProposalForm } from "../components/case/ClosureProposalForm.tsx";
import { ClosureViews } from "../components/case/ClosureViews.tsx";
import { Notice } from "../components/fields.tsx";
import { formatMoment, useDateStyle } from "../dates.ts";
import { closureProposalSchema } from "../forms/closure.ts";
import { closureViewSchema, signOffSchema } from "../forms/cases.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import type { Route } from "./+types/case-closure";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { viewer, theCase } = await requireCase(context, request, params.networkId, params.code, "case:view");
  const { closure, caseFile, networks, policy } = context.services;
  const may = (a: Parameters<typeof policy.canOnCase>[1]) => policy.canOnCase(viewer, a, theCase.scope);
  const proposals = await closure.state(theCase.id);
  const open = proposals.find((p) => p.status === "open") ?? null;
  const ownAgencyId = viewer.memberships[theCase.networkId].agencyId;
  return {
    stage: theCase.stage,
    template: checklistIn(closure.template(), context.language),
    timeZone: (await networks.get(theCase.networkId))!.timeZone,
    involved: await caseFile.involvedAgencies(theCase.id),
    open,
    past: proposals.filter((p) => p.status !== "open").reverse(),
    ownAgencyId,
    may: {
      propose: may("closure:propose") && !open && (theCase.stage === "active" || theCase.stage === "monitoring"),
      withdraw: may("closure:propose") && !!open,
      giveView: may("closure:giveView") && !!open,
      signOff: may("closure:signOff") && !!open,
    },
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const formData = await request.formData();
  const { intent, viewer, theCase, actor } = await requireCaseIntent(context, request, params, formData, {
    propose: "closure:propose",
    withdraw: "closure:propose",
    view: "closure:giveView",
    signOff: "closure:signOff",
  });
  const { closure } = context.services;
  const refusal = (reason: string) => tFor(context)(`closure.refused.${reason}`);

  if (intent === "propose") {
    const template = closure.template();
    const parsed = parseForm(formData, closureProposalSchema(template.items.map((i) => i.key)), intent);
    if (!parsed.ok) return parsed.response;
    const checklist: Checklist = Object.fromEntries(
      Object.entries(parsed.value.items).map(([key, item]) => [key, { answer: item.answer, note: item.note ?? "" }]),
    );
    const done = await closure.propose(actor, theCase, { rationale: parsed.value.rationale, checklist });
    if (!done.ok) return refuse(parsed.submission, refusal(done.reason), { status: 409, intent });
    return { intent, result: parsed.submission.reply(), notice: "closure.proposed" };
  }
  if (intent === "withdraw") {
    await closure.withdraw(actor, theCase);
    return { intent, result: undefined, notice: "closure.withdrawn" };
  }
  if (intent === "view") {
    const parsed = parseForm(formData, closureViewSchema, intent);
    if (!parsed.ok) return parsed.response;
    const agencyId = viewer.memberships[theCase.networkId].agencyId;
    const done = await closure.giveView(actor, theCase, agencyId, {
      view: parsed.value.view,
      comment: parsed.value.comment ?? null,
    });
    if (!done.ok) return refuse(parsed.submission, refusal(done.reason), { status: 409, intent });
    return { intent, result: parsed.submission.reply(), notice: "closure.viewGiven" };
  }
  const parsed = parseForm(formData, signOffSchema, intent);
  if (!parsed.ok) return parsed.response;
  const done = await closure.signOff(actor, theCase, parsed.value.comment ?? null);
  if (!done.ok) return refuse(parsed.submission, refusal(done.reason), { status: 409, intent });
  // An accountable officer who sees the case only while its closure is open sees it no more.
  const closed = await context.services.caseRegister.findByCode(theCase.networkId, theCase.code);
  if (!closed || !context.services.policy.canOnCase(viewer, "case:view", closed.scope))
    throw redirect(`/n/${theCase.networkId}/cases`);
  return { intent, result: parsed.submission.reply(), notice: "closure.signedOff" };
}

export default function CaseClosure({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const dateStyle = useDateStyle();
  const d = loaderData;
  const resultFor = (intent: string) =>
    actionData && "intent" in actionData && actionData.intent === intent ? actionData.result : undefined;
  const failed = actionData?.result && "error" in actionData.result && actionData.result.error;
  return (
    <div>
      <title>{`${t("closure.title")} · ${t("app.name")}`}</title>
      {actionData && "notice" in actionData && !failed && <Notice tone="success">{t(actionData.notice)}</Notice>}
      {d.open ? (
        <section className="card" aria-labelledby="open-heading">
          <h2 id="open-heading">{t("closure.open.title")}</h2>
          <p className="muted">{t("closure.open.proposedAt", { when: formatMoment(d.open.proposedAt, dateStyle) })}</p>
          <p className="rationale">{d.open.rationale}</p>
          <Checklist template={d.template} checklist={d.open.checklist} />
          <ClosureViews
            involved={d.involved}
            views={d.open.views}
            ownAgencyId={d.may.giveView ? d.ownAgencyId : null}
            canSignOff={d.may.signOff}
            viewResult={resultFor("view")}
            signOffResult={resultFor("signOff")}
          />
          {d.may.withdraw && (
            <Form method="post" className="withdraw">
              <button type="submit" name="intent" value="withdraw" className="danger">
                {t("closure.withdraw")}
              </button>
            </Form>
          )}
        </section>
      ) : d.may.propose ? (
        <ClosureProposalForm template={d.template} lastResult={resultFor("propose")} />
      ) : (
        <p className="muted">{t(d.stage === "closed" ? "closure.isClosed" : "closure.notYet")}</p>
      )}
      {d.past.length > 0 && (
        <section className="card" aria-labelledby="past-heading">
          <h2 id="past-heading">{t("closure.past")}</h2>
          {d.past.map((p) => (
            <article key={p.id} className="past-proposal">
              <h3>
                {t(`closure.status.${p.status}`)} · {formatMoment(p.proposedAt, dateStyle)}
              </h3>
              <p className="rationale">{p.rationale}</p>
              {p.signOffComment && (
                <p className="muted">{t("closure.signOffComment", { comment: p.signOffComment })}</p>
              )}
              <Checklist template={d.template} checklist={p.checklist} />
              <ul className="plain-list">
                {p.views.map((v) => (
                  <li key={v.agencyId}>
                    <strong>{v.agencyName}</strong>: {t(`closure.viewLabels.${v.view}`)}
                    {v.comment && <span className="cell-sub">{v.comment}</span>}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </section>
      )}
    </div>
  );
}

function Checklist({ template, checklist }: { template: WordedChecklist; checklist: Checklist }) {
  const { t } = useTranslation();
  return (
    <dl className="checklist">
      {template.items.map((item) => (
        <div key={item.key}>
          <dt>{item.question}</dt>
          <dd>
            <strong>{checklist[item.key] ? t(`closure.answers.${checklist[item.key].answer}`) : "—"}</strong>
            {checklist[item.key]?.note && <span> — {checklist[item.key].note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
