import { Form } from "react-router";
import { useTranslation } from "react-i18next";
import { signingOutHere } from "../realtime/signingOut.ts";

/** Leaving a half-finished sign-in (the second step, or enrolling a second factor): it signs out. */
export function CancelSignIn() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/sign-out" onSubmit={signingOutHere}>
      <button type="submit" className="link">
        {t("secondFactor.step.cancel")}
      </button>
    </Form>
  );
}
