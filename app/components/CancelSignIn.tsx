import { Form } from "react-router";
import { useTranslation } from "react-i18next";

/** Leaving a half-finished sign-in (the second step, or enrolling a second factor): it signs out. */
export function CancelSignIn() {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/sign-out">
      <button type="submit" className="link">
        {t("secondFactor.step.cancel")}
      </button>
    </Form>
  );
}
