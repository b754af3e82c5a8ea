import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";

// Fields the shared set lacks: a long text and a date with a time. Same markup and
// messages as app/components/fields.tsx, so they read and sound the same.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Meta = FieldMetadata<any, any, string[]>;

interface Props {
  meta: Meta;
  label: string;
  hint?: string;
}

function describedBy(meta: Meta, hint: string | undefined): string | undefined {
  const ids = [hint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Messages({ meta, hint }: Pick<Props, "meta" | "hint">) {
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

export function TextAreaField({ meta, label, hint, rows = 5 }: Props & { rows?: number }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <Messages meta={meta} hint={hint} />
      <textarea {...getTextareaProps(meta)} key={meta.key} rows={rows} aria-describedby={describedBy(meta, hint)} />
    </div>
  );
}

export function DateTimeField({ meta, label, hint }: Props) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <Messages meta={meta} hint={hint} />
      <input {...getInputProps(meta, { type: "datetime-local" })} key={meta.key} aria-describedby={describedBy(meta, hint)} />
    </div>
  );
}
