// The plan editor's form parts: the shared labelled fields (components/fields) in the plan look
// (casus-plan__field, wide for long text), each with a fixed id that is also its data-e2e, and a list
// of lines (risk or protective factors) with add and remove.
import * as Shared from "../../components/fields";
import type { Code } from "../../lib/ipc/types";

type Plan<P> = Omit<P, "id"> & { id: string; wide?: boolean | undefined };

const planField = (wide: boolean | undefined) => `casus-plan__field${wide ? " casus-plan__field--wide" : ""}`;

export function TextField({ id, wide, ...props }: Plan<Shared.TextFieldProps>) {
  return <Shared.TextField id={id} data-e2e={id} className={planField(wide)} {...props} />;
}

export function TextArea({ id, wide, rows = 3, ...props }: Plan<Shared.TextAreaProps>) {
  return <Shared.TextArea id={id} data-e2e={id} className={planField(wide)} rows={rows} {...props} />;
}

/** `extra`: a value that is no longer in the list, kept so the select shows what is stored. */
export function SelectField({ id, wide, extra, ...props }: Plan<Shared.SelectFieldProps> & { extra?: Code | undefined }) {
  const known = (props.options ?? []).some((c) => c.code === props.value);
  return (
    <Shared.SelectField id={id} data-e2e={id} className={planField(wide)} {...props}>
      {!known && props.value !== "" && <option value={props.value}>{extra?.label ?? props.value}</option>}
    </Shared.SelectField>
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
            <TextField id={`${prefix}-${i}`} label={lineLabel(i + 1)} value={line} onChange={(v) => onChange(lines.map((l, j) => (j === i ? v : l)))} />
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
