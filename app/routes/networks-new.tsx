import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useTranslation } from "react-i18next";
import { data, Form, redirect } from "react-router";
import { actorOf, requireViewer } from "../../server/auth/guards.ts";
import { NetworkFields } from "../components/NetworkFields.tsx";
import { newNetworkSchema } from "../forms/auth.ts";
import { parseForm } from "../forms/submission.ts";
import type { Route } from "./+types/networks-new";
import { FORM_VALIDATION } from "../forms/validation.ts";

function requireCreator(context: Route.LoaderArgs["context"], request: Request) {
  const viewer = requireViewer(context, request);
  if (!context.services.policy.canCreateNetwork(viewer)) throw data({ reason: "forbidden" }, { status: 403 });
  return viewer;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  requireCreator(context, request);
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const viewer = requireCreator(context, request);
  const parsed = parseForm(await request.formData(), newNetworkSchema);
  if (!parsed.ok) return parsed.response;
  const networkId = await context.services.networks.create(
    { ...actorOf(context, viewer), personId: viewer.personId },
    parsed.value,
  );
  throw redirect(`/n/${networkId}`);
}

export default function NewNetwork({ actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    ...FORM_VALIDATION,
    lastResult: actionData?.result,
    defaultValue: { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newNetworkSchema }),
  });
  return (
    <div className="page narrow">
      <title>{`${t("networks.createTitle")} · ${t("app.name")}`}</title>
      <h1>{t("networks.createTitle")}</h1>
      <p className="lead">{t("networks.createIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="card form">
        <NetworkFields fields={fields} />
        <button type="submit" className="primary">
          {t("networks.create")}
        </button>
      </Form>
    </div>
  );
}
