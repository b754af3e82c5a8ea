import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { Form, Link, redirect } from "react-router";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, SelectField, TextAreaField, TextField } from "../components/fields.tsx";
import { fromLocalInput, toLocalInput } from "../contract/localTime.ts";
import { days } from "../contract/time.ts";
import { OUTCOMES_OF, WRITTEN_REASONS, writtenOutcomeSchema } from "../contract/writtenProcedure.ts";
import { openWrittenSchema } from "../forms/written.ts";
import { parseForm, refuse } from "../forms/submission.ts";
import { FORM_VALIDATION } from "../forms/validation.ts";
import { tFor } from "../i18n.ts";
import { refusalText } from "../refusals.ts";
import type { Route } from "./+types/written-new";
import { SharingBasisFields } from "../components/case/SharingBasisFields.tsx";
import { todayIn } from "../dates.ts";

// Gathering information makes a task with an owner and a date: that is work for the
// table, so a decision in writing proposes the other outcomes.
const outcomesFor = (kind: keyof typeof OUTCOMES_OF) => OUTCOMES_OF[kind].filter((o) => o !== "gather_information");

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "decisions:inWriting");
  const network = (await context.services.networks.get(params.networkId))!;
  const candidates = await context.services.written.candidates(network.id);
  const code = new URL(request.url).searchParams.get("case");
  const chosen = candidates.find((c) => c.code === code?.trim().toUpperCase()) ?? null;
  const theCase =
    chosen?.kind === "routing" ? await context.services.caseRegister.findByCode(network.id, chosen.code) : null;
  return {
    timeZone: network.timeZone,
    suggested: toLocalInput(new Date(Date.now() + days(2)), network.timeZone),
    candidates,
    chosen,
    // A routing into multi-agency work asks the basis for sharing, as the case page's form does.
    basisChoices: theCase
      ? {
          listed: await context.services.sharingBasis.listedBases(network.id),
          people: (await context.services.members.list(network.id))
            .filter((m) => m.role !== "guest")
            .map((m) => ({ personId: m.personId, name: m.name, agencyName: m.agencyName })),
          isMinor: theCase.isMinor,
          today: todayIn(network.timeZone),
        }
      : null,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "decisions:inWriting");
  const network = (await context.services.networks.get(params.networkId))!;
  const parsed = parseForm(await request.formData(), openWrittenSchema);
  if (!parsed.ok) return parsed.response;
  const v = parsed.value;
  const deadline = fromLocalInput(v.deadline, network.timeZone);
  if (!deadline || deadline.getTime() <= Date.now())
    return refuse(parsed.submission, "", { fieldErrors: { deadline: [tFor(context)("written.new.pastDeadline")] } });
  const proposal = writtenOutcomeSchema.safeParse({
    outcome: v.outcome,
    rationale: v.rationale,
    careService: v.careService,
    referredTo: v.referredTo,
    basis:
      v.outcome === "take_into_maw" && v.basis
        ? {
            basis: v.basis,
            listedBasisId: v.basis === "listed_basis" ? (v.basisListedId ?? null) : null,
            caseReference: v.basis === "listed_basis" ? (v.basisReference ?? null) : null,
            obtainedOn: v.basisObtainedOn,
            obtainedBy: v.basisObtainedBy,
          }
        : undefined,
  });
  if (!proposal.success) return refuse(parsed.submission, "", { fieldErrors: { outcome: ["errors.required"] } });
  const opened = await context.services.written.open(
    actorOf(context, viewer) as { personId: string; ip: string },
    viewer,
    network.id,
    { caseCode: v.caseCode, reason: v.reason, deadline, proposal: proposal.data },
    context.publicUrl ?? new URL(request.url).origin,
  );
  if (!opened.ok) return refuse(parsed.submission, refusalText(tFor(context), opened.error));
  return redirect(`/n/${network.id}/written/${opened.data.id}`);
}

export default function NewWrittenProcedure({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { candidates, chosen, timeZone } = loaderData;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { caseCode: chosen?.code ?? "", deadline: loaderData.suggested },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openWrittenSchema }),
    ...FORM_VALIDATION,
  });
  const outcome = fields.outcome.value;
  return (
    <div className="page narrow">
      <title>{`${t("written.new.title")} · ${t("app.name")}`}</title>
      <p>
        <Link to="..">← {t("written.list.title")}</Link>
      </p>
      <h1>{t("written.new.title")}</h1>
      <p className="lead">{t("written.new.intro")}</p>
      <Form method="get" className="card form">
        <div className="field">
          <label htmlFor="written-case">{t("written.new.case")}</label>
          <select id="written-case" name="case" defaultValue={chosen?.code ?? ""} required>
            <option value="">{t("written.new.chooseCase")}</option>
            {candidates.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} · ${t(`written.kinds.${c.kind}`)}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={chosen ? "secondary" : "primary"}>
          {t("written.new.next")}
        </button>
      </Form>
      {chosen && (
        <Form method="post" {...getFormProps(form)} className="card form">
          <FormErrors form={form} />
          <input type="hidden" name="caseCode" value={chosen.code} />
          <p>
            <strong className="case-code">{chosen.code}</strong> {chosen.summary}
          </p>
          <p className="hint">{t("written.new.caseState", { kind: t(`written.kinds.${chosen.kind}`) })}</p>
          <SelectField
            meta={fields.reason}
            label={t("written.new.reason")}
            placeholder=""
            options={WRITTEN_REASONS.map((r) => ({ value: r, label: t(`written.reasons.${r}`) }))}
          />
          <SelectField
            meta={fields.outcome}
            label={t("written.new.outcome")}
            placeholder=""
            options={outcomesFor(chosen.kind).map((o) => ({ value: o, label: t(`meetings.decision.outcomes.${o}`) }))}
          />
          {chosen.kind === "routing" && (
            <>
              <TextField meta={fields.careService} label={t("written.new.careService")} />
              <TextField meta={fields.referredTo} label={t("written.new.referredTo")} />
            </>
          )}
          {loaderData.basisChoices && (!outcome || outcome === "take_into_maw") && (
            <SharingBasisFields
              fields={fields as unknown as Record<string, Parameters<typeof TextField>[0]["meta"]>}
              choices={loaderData.basisChoices}
            />
          )}
          <TextAreaField meta={fields.rationale} label={t("written.new.rationale")} />
          <TextField
            meta={fields.deadline}
            label={t("written.new.deadline")}
            hint={t("written.new.deadlineHint", { timeZone })}
            type="datetime-local"
          />
          <button type="submit" className="primary">
            {t("written.new.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
