import { getCollectionProps } from "@conform-to/react";
import { useTranslation } from "react-i18next";

// Fields the plan and assessment forms need beside those in fields.tsx: long texts and
// a group of checkboxes. Same conventions: a real label, hint and error tied by id.

import { describedBy, FieldMessages as Messages, type Meta } from "./fields.tsx";

/** Several choices at once, e.g. the organisations involved. */
export function CheckboxGroup({
  meta,
  legend,
  hint,
  options,
}: {
  meta: Meta;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
}) {
  const boxes = getCollectionProps(meta, { type: "checkbox", options: options.map((o) => o.value) });
  return (
    <fieldset className="checkbox-group" aria-describedby={describedBy(meta, hint)}>
      <legend>{legend}</legend>
      <Messages meta={meta} hint={hint} />
      <div className="checkbox-columns">
        {boxes.map((props, i) => (
          <div className="field checkbox" key={props.key}>
            <input {...props} key={props.key} />
            <label htmlFor={props.id}>{options[i].label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** A list-level error, e.g. "add at least one goal", announced when it appears. */
export function ListErrors({ meta }: { meta: Meta }) {
  const { t } = useTranslation();
  if (!meta.errors?.length) return null;
  return (
    <p id={meta.errorId} className="field-error" role="alert">
      {meta.errors.map((e) => t(e)).join(" ")}
    </p>
  );
}
