// Small form parts of the plan editor: a labelled field, a select over a code list, and a list of
// lines (risk or protective factors) with add and remove.
import type { ReactNode } from "react";

import type { Code } from "../../lib/ipc/types";

export function Field({ id, label, children, wide }: { id: string; label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`utrecht-form-field casus-plan__field${wide ? " casus-plan__field--wide" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextInput({
  id,
  value,
  onChange,
  type = "text",
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date";
}) {
  return (
    <input
      id={id}
      data-e2e={id}
      type={type}
      className="utrecht-textbox utrecht-textbox--html-input"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function TextArea({ id, value, onChange, rows = 3 }: { id: string; value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <textarea
      id={id}
      data-e2e={id}
      rows={rows}
      className="utrecht-textarea utrecht-textarea--html-textarea"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function CodeSelect({
  id,
  value,
  onChange,
  codes,
  placeholder,
  extra,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  codes: Code[];
  /** The "nothing chosen" option; without it a code must be chosen. */
  placeholder?: string;
  /** A value that is no longer in the list, kept so the select shows what is stored. */
  extra?: Code;
}) {
  const known = codes.some((c) => c.code === value);
  return (
    <select id={id} data-e2e={id} className="utrecht-select utrecht-select--html-select" value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {codes.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
      {!known && value !== "" && <option value={value}>{extra?.label ?? value}</option>}
    </select>
  );
}

export function LineList({
  prefix,
  legend,
  lines,
  onChange,
  lineLabel,
  removeLabel,
  addLabel,
  empty,
  focus,
}: {
  prefix: string;
  legend: string;
  lines: string[];
  onChange: (lines: string[]) => void;
  lineLabel: (n: number) => string;
  removeLabel: (n: number) => string;
  addLabel: string;
  empty: string;
  /** Asks the editor to move focus to an element (by id) after the next render. */
  focus: (id: string) => void;
}) {
  return (
    <fieldset className="casus-plan__group">
      <legend className="casus-plan__legend">{legend}</legend>
      {lines.length === 0 && <p className="utrecht-paragraph casus-plan__empty">{empty}</p>}
      <ul className="casus-plan__lines">
        {lines.map((line, i) => (
          <li key={i} className="casus-plan__line">
            <Field id={`${prefix}-${i}`} label={lineLabel(i + 1)}>
              <TextInput id={`${prefix}-${i}`} value={line} onChange={(v) => onChange(lines.map((l, j) => (j === i ? v : l)))} />
            </Field>
            <button
              type="button"
              data-e2e={`${prefix}-remove-${i}`}
              className="utrecht-button utrecht-button--secondary-action casus-plan__remove"
              onClick={() => {
                onChange(lines.filter((_, j) => j !== i));
                focus(lines.length > 1 ? `${prefix}-${Math.max(0, i - 1)}` : `${prefix}-add`);
              }}
            >
              {removeLabel(i + 1)}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        id={`${prefix}-add`}
        data-e2e={`${prefix}-add`}
        className="utrecht-button utrecht-button--secondary-action"
        onClick={() => {
          onChange([...lines, ""]);
          focus(`${prefix}-${lines.length}`);
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
