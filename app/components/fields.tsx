import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

// Conform's field metadata, whatever the schema behind it.
export type Meta = FieldMetadata<unknown, Record<string, unknown>, string[]>;

interface FieldProps {
  meta: Meta;
  label: string;
  hint?: string;
}

export function describedBy(meta: Meta, hint: string | undefined): string | undefined {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function FieldMessages({ meta, hint }: { meta: Meta; hint?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {meta.errors?.length ? (
        <p id={meta.errorId} className="field-error">
          {meta.errors.map((e) => t(e)).join(" ")}
        </p>
      ) : null}
    </>
  );
}

export function TextField({
  meta,
  label,
  hint,
  type = "text",
  autoComplete,
}: FieldProps & { type?: "text" | "email" | "password" | "date" | "datetime-local" | "url"; autoComplete?: string }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <FieldMessages meta={meta} hint={hint} />
      <input
        {...getInputProps(meta, { type })}
        key={meta.key}
        autoComplete={autoComplete}
        aria-describedby={describedBy(meta, hint)}
      />
    </div>
  );
}

/** A date with a time of day, typed in the network's time zone. */
export function DateTimeField(props: FieldProps) {
  return <TextField {...props} type="datetime-local" />;
}

export function TextAreaField({ meta, label, hint, rows = 4 }: FieldProps & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <FieldMessages meta={meta} hint={hint} />
      <textarea {...getTextareaProps(meta)} key={meta.key} rows={rows} aria-describedby={describedBy(meta, hint)} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <FieldMessages meta={meta} hint={hint} />
      <select {...getSelectProps(meta)} key={meta.key} aria-describedby={describedBy(meta, hint)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({ meta, label, hint }: FieldProps) {
  return (
    <div className="field checkbox">
      <input
        {...getInputProps(meta, { type: "checkbox" })}
        key={meta.key}
        aria-describedby={hint ? `${meta.id}-hint` : undefined}
      />
      <label htmlFor={meta.id}>{label}</label>
      {hint && (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Problems with the form as a whole (e.g. wrong password), announced to screen readers. */
export function FormErrors({ form }: { form: { errors?: string[]; errorId: string } }) {
  const { t } = useTranslation();
  if (!form.errors?.length) return null;
  return (
    <div id={form.errorId} role="alert" className="notice error">
      {form.errors.map((e) => (
        <p key={e}>{t(e)}</p>
      ))}
    </div>
  );
}

export function Notice({ tone, children }: { tone: "success" | "info" | "error"; children: React.ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`notice ${tone}`}>
      {children}
    </div>
  );
}

/**
 * Choosing a password (first run, accepting an invitation, changing one's own): the new
 * password with the rules it must meet, and the same typed again. One place, so the three
 * forms cannot drift apart in hints or autocomplete.
 */
export function NewPasswordFields({
  password,
  confirm,
  labels,
}: {
  password: Meta;
  confirm: Meta;
  labels: { password: string; confirm: string };
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        meta={password}
        label={labels.password}
        hint={t("setup.passwordHint")}
        type="password"
        autoComplete="new-password"
      />
      <TextField meta={confirm} label={labels.confirm} type="password" autoComplete="new-password" />
    </>
  );
}
