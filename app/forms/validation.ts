/**
 * When every form checks its fields: a field is first checked when it is left, and once
 * it shows a problem it is checked again as it is typed in, so the message goes while the
 * person fixes it, never at the moment they leave it. Checking again on leaving made the
 * message vanish under the pointer as it pressed the submit button: the button moved up
 * and the first click missed (issue 11).
 */
export const FORM_VALIDATION = { shouldValidate: "onBlur", shouldRevalidate: "onInput" } as const;
