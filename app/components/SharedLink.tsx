import { Form } from "react-router";
import { Notice } from "./fields.tsx";

/** A link just made, shown once to copy and hand over (the server keeps only its hash). */
export function NewLinkNotice({
  message,
  link,
  copyHint,
  testId,
}: {
  message: string;
  link: string;
  copyHint: string;
  testId: string;
}) {
  return (
    <Notice tone="success">
      <p>{message}</p>
      <p>
        <output className="invite-link" data-testid={testId}>
          {link}
        </output>
      </p>
      <p className="muted">{copyHint}</p>
    </Notice>
  );
}

/** Withdraws one link so it no longer works; the button names what it withdraws. */
export function RevokeForm({
  field,
  id,
  label,
  accessibleName,
}: {
  field: string;
  id: string;
  label: string;
  accessibleName: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name={field} value={id} />
      <button type="submit" name="intent" value="revoke" className="secondary" aria-label={accessibleName}>
        {label}
      </button>
    </Form>
  );
}
