import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, Link } from "react-router";
import {
  ACCOUNTABLE_OFFICER_CHOICES,
  GRADING_SCALES,
  LANGUAGE_NAMES,
  LANGUAGES,
  MINUTES_DELIVERY,
  ROLES,
} from "../contract/vocabulary.ts";
import { networkLanguageSchema } from "../forms/language.ts";
import { actorOf, requireNetworkAction } from "../../server/auth/guards.ts";
import { FormErrors, Notice, SelectField, TextField } from "../components/fields.tsx";
import { GradeMeanings } from "../components/GradeMeanings.tsx";
import { minutesSettingsSchema } from "../forms/minutes.ts";
import { ListedBasesSettings } from "../components/settings/ListedBasesSettings.tsx";
import { UpdateReminderSettings } from "../components/settings/UpdateReminderSettings.tsx";
import { updateReminderSchema } from "../forms/updates.ts";
import { listedBasisSchema } from "../forms/sharingBasis.ts";
import { officerRolesSchema, secondFactorRolesSchema } from "../forms/network.ts";
import { settingsSchema } from "../forms/signals.ts";
import { parseForm } from "../forms/submission.ts";
import type { Route } from "./+types/settings";
import { FORM_VALIDATION } from "../forms/validation.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireNetworkAction(context, request, params.networkId, "settings:manage");
  const network = (await context.services.networks.get(params.networkId))!;
  return {
    gradingScale: network.gradingScale,
    classification: network.classification ?? "",
    defaultClassification: context.services.documents.defaultClassification(
      network.minutesLanguage ?? network.language,
    ),
    officerRoles: await context.services.members.accountableOfficerRoles(network.id),
    minutes: (await context.services.minutes.settings.get(network.id))!,
    listedBases: await context.services.sharingBasis.listedBases(network.id),
    secondFactorRoles: await context.services.secondFactor.rolesOf(network.id),
    language: network.language,
    minutesLanguage: network.minutesLanguage ?? "",
    reminderDays: network.updateReminderDays,
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const viewer = await requireNetworkAction(context, request, params.networkId, "settings:manage");
  const formData = await request.formData();
  if (formData.get("intent") === "basis-add") {
    const parsed = parseForm(formData, listedBasisSchema, "basis-add");
    if (!parsed.ok) return parsed.response;
    await context.services.sharingBasis.addListedBasis(actorOf(context, viewer), params.networkId, parsed.value);
    return {
      intent: "basis-add",
      result: parsed.submission.reply({ resetForm: true }),
      basisNotice: "sharing.settings.added",
    };
  }
  if (formData.get("intent") === "basis-retire") {
    const done = await context.services.sharingBasis.retireListedBasis(
      actorOf(context, viewer),
      params.networkId,
      String(formData.get("basisId") ?? ""),
    );
    if (!done) throw data({ reason: "not_found" }, { status: 404 });
    return { intent: "basis-retire", result: undefined, basisNotice: "sharing.settings.retired" };
  }
  if (formData.get("intent") === "officer") {
    const parsed = parseForm(formData, officerRolesSchema, "officer");
    if (!parsed.ok) return parsed.response;
    const done = await context.services.networks.setAccountableOfficerRoles(
      actorOf(context, viewer),
      params.networkId,
      parsed.value.roles,
    );
    if (!done.ok) return data({ intent: "officer", result: undefined, officerError: true }, { status: 409 });
    return { intent: "officer", result: undefined, changed: done.changed };
  }
  if (formData.get("intent") === "second-factor") {
    const parsed = parseForm(formData, secondFactorRolesSchema, "second-factor");
    if (!parsed.ok) return parsed.response;
    const changed = await context.services.secondFactor.setRoles(
      actorOf(context, viewer),
      params.networkId,
      parsed.value.roles,
    );
    return { intent: "second-factor", result: undefined, changed };
  }
  if (formData.get("intent") === "language") {
    const parsed = parseForm(formData, networkLanguageSchema, "language");
    if (!parsed.ok) return parsed.response;
    const actor = actorOf(context, viewer);
    const pages = await context.services.networks.setLanguage(actor, params.networkId, parsed.value.language);
    const minutes = await context.services.networks.setMinutesLanguage(
      actor,
      params.networkId,
      parsed.value.minutesLanguage ?? null,
    );
    return { intent: "language", result: undefined, changed: pages || minutes };
  }
  if (formData.get("intent") === "update-reminder") {
    const parsed = parseForm(formData, updateReminderSchema, "update-reminder");
    if (!parsed.ok) return parsed.response;
    const changed = await context.services.updateReminders.setReminderDays(
      actorOf(context, viewer),
      params.networkId,
      parsed.value.reminderDays,
    );
    return { intent: "update-reminder", result: parsed.submission.reply(), changed };
  }
  if (formData.get("intent") === "minutes") {
    const parsed = parseForm(formData, minutesSettingsSchema, "minutes");
    if (!parsed.ok) return parsed.response;
    const changed = await context.services.minutes.settings.set(
      actorOf(context, viewer),
      params.networkId,
      parsed.value,
    );
    return { intent: "minutes", result: parsed.submission.reply(), changed };
  }
  const parsed = parseForm(formData, settingsSchema);
  if (!parsed.ok) return parsed.response;
  const actor = actorOf(context, viewer);
  const scaleChanged = await context.services.analysis.setGradingScale(
    actor,
    params.networkId,
    parsed.value.gradingScale,
  );
  const markingChanged = await context.services.networks.setClassification(
    actor,
    params.networkId,
    parsed.value.classification ?? null,
  );
  const changed = scaleChanged || markingChanged;
  return { result: parsed.submission.reply(), changed };
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData && "intent" in actionData && actionData.intent ? undefined : actionData?.result,
    defaultValue: { gradingScale: loaderData.gradingScale, classification: loaderData.classification },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsSchema }),
  });
  const [minutesForm, minutesFields] = useForm({
    ...FORM_VALIDATION,
    id: "minutes",
    lastResult: actionData && "intent" in actionData && actionData.intent === "minutes" ? actionData.result : undefined,
    defaultValue: { dueDays: String(loaderData.minutes.dueDays), delivery: loaderData.minutes.delivery },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: minutesSettingsSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("signals.settings.title")} · ${t("app.name")}`}</title>
      <h1>{t("signals.settings.title")}</h1>
      <p>
        <Link to="retention">{t("retention.fromSettings")}</Link>
      </p>
      {actionData && "changed" in actionData && (
        <Notice tone="success">
          {t(actionData.changed ? "signals.settings.saved" : "signals.settings.unchanged")}
        </Notice>
      )}
      <section aria-labelledby="grading-heading">
        <h2 id="grading-heading">{t("signals.settings.gradingTitle")}</h2>
        <p>{t("signals.settings.gradingIntro")}</p>
        <Form method="post" {...getFormProps(form)} className="card form">
          <FormErrors form={form} />
          <SelectField
            meta={fields.gradingScale}
            label={t("signals.settings.gradingScale")}
            options={GRADING_SCALES.map((s) => ({ value: s, label: t(`signals.scaleNames.${s}`) }))}
          />
          <TextField
            meta={fields.classification}
            label={t("signals.settings.classification")}
            hint={t("signals.settings.classificationHint", { marking: loaderData.defaultClassification })}
          />
          <button type="submit" className="primary">
            {t("signals.settings.save")}
          </button>
        </Form>
        <h3>{t("signals.settings.meanings")}</h3>
        {GRADING_SCALES.map((s) => (
          <section key={s} aria-label={t(`signals.scaleNames.${s}`)} className="card">
            <h4>{t(`signals.scaleNames.${s}`)}</h4>
            <GradeMeanings scale={s} />
          </section>
        ))}
      </section>
      <section aria-labelledby="network-language-heading">
        <h2 id="network-language-heading">{t("networkLanguage.title")}</h2>
        <p>{t("networkLanguage.intro")}</p>
        <Form method="post" className="card form">
          <div className="field">
            <label htmlFor="network-language">{t("networkLanguage.label")}</label>
            <select id="network-language" name="language" defaultValue={loaderData.language}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="network-minutes-language">{t("networkLanguage.minutesLabel")}</label>
            <select
              id="network-minutes-language"
              name="minutesLanguage"
              defaultValue={loaderData.minutesLanguage}
              aria-describedby="network-minutes-language-hint"
            >
              <option value="">{t("networkLanguage.sameAsDefault")}</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
            <p id="network-minutes-language-hint" className="hint">
              {t("networkLanguage.minutesHint")}
            </p>
          </div>
          <button type="submit" name="intent" value="language" className="primary">
            {t("signals.settings.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="minutes-settings-heading">
        <h2 id="minutes-settings-heading">{t("minutes.settings.title")}</h2>
        <p>{t("minutes.settings.intro")}</p>
        <Form method="post" {...getFormProps(minutesForm)} className="card form">
          <FormErrors form={minutesForm} />
          <TextField
            meta={minutesFields.dueDays}
            label={t("minutes.settings.dueDays")}
            hint={t("minutes.settings.dueDaysHint")}
          />
          <SelectField
            meta={minutesFields.delivery}
            label={t("minutes.settings.delivery")}
            hint={t("minutes.settings.deliveryHint")}
            options={MINUTES_DELIVERY.map((d) => ({ value: d, label: t(`minutes.settings.deliveries.${d}`) }))}
          />
          <button type="submit" name="intent" value="minutes" className="primary">
            {t("signals.settings.save")}
          </button>
        </Form>
      </section>
      <UpdateReminderSettings
        reminderDays={loaderData.reminderDays}
        lastResult={actionData?.intent === "update-reminder" ? actionData.result : undefined}
      />
      {actionData && "basisNotice" in actionData && actionData.basisNotice && (
        <Notice tone="success">{t(actionData.basisNotice)}</Notice>
      )}
      <ListedBasesSettings
        bases={loaderData.listedBases}
        lastResult={actionData?.intent === "basis-add" ? actionData.result : undefined}
      />
      <section aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">{t("secondFactor.settings.title")}</h2>
        <p>{t("secondFactor.settings.intro")}</p>
        <Form method="post" className="card form">
          <fieldset>
            <legend>{t("secondFactor.settings.roles")}</legend>
            {ROLES.map((role) => (
              <div className="field checkbox" key={role}>
                <input
                  type="checkbox"
                  id={`second-factor-${role}`}
                  name="roles"
                  value={role}
                  defaultChecked={loaderData.secondFactorRoles.includes(role)}
                />
                <label htmlFor={`second-factor-${role}`}>{t(`roles.${role}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="second-factor" className="primary">
            {t("signals.settings.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="officer-heading">
        <h2 id="officer-heading">{t("signals.settings.officerTitle")}</h2>
        <p>{t("signals.settings.officerIntro")}</p>
        <Form method="post" className="card form">
          {actionData && "officerError" in actionData && (
            <p role="alert" className="field-error">
              {t("signals.settings.officerHeld")}
            </p>
          )}
          <fieldset>
            <legend>{t("signals.settings.officerRoles")}</legend>
            {ACCOUNTABLE_OFFICER_CHOICES.map((role) => (
              <div className="field checkbox" key={role}>
                <input
                  type="checkbox"
                  id={`officer-${role}`}
                  name="roles"
                  value={role}
                  defaultChecked={loaderData.officerRoles.includes(role)}
                />
                <label htmlFor={`officer-${role}`}>{t(`roles.${role}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="officer" className="primary">
            {t("signals.settings.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}
