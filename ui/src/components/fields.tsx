// The form fields of every screen, in the NL Design System (Utrecht) look: a visible label tied to
// the control (htmlFor), an optional hint and an optional inline error, both tied to the control
// with aria-describedby, the Utrecht invalid classes and aria-invalid when there is an error.
// Forms use noValidate: the checks are ours, in plain words, and focus moves to the first field that
// needs work (pass `ref` for that). Everything else on the control (data-e2e, name, autoComplete,
// disabled, aria-*) is passed through as given.
import { useId, type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

/** What every labelled field knows, whatever its control. */
export interface FieldProps {
  /** The visible label. */
  label: ReactNode;
  /** The control's id (for focusing it by id); a generated one when left out. */
  id?: string | undefined;
  /** A description under the label (`<id>-hint`). */
  hint?: ReactNode;
  /** An inline error under the label (`<id>-error`); the field is invalid while it is set. */
  error?: ReactNode;
  /** Announce the inline error as soon as it appears (role="alert"). */
  alert?: boolean | undefined;
  /** Invalid without an inline error: the message stands elsewhere (give its id in `describedBy`). */
  invalid?: boolean | undefined;
  /** Ids of more descriptions (a message region of the form), read after the hint and the error. */
  describedBy?: string | undefined;
  /** Required: the native attribute and aria-required. (For aria-required alone, pass `aria-required`.) */
  required?: boolean | undefined;
  /** More classes on the field (the wrapper). */
  className?: string | undefined;
  /** More classes on the control. */
  controlClassName?: string | undefined;
}

type Kind = "text" | "select" | "textarea";

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** The ids and aria attributes of one field's control. */
function useField(props: FieldProps) {
  const generated = useId();
  const id = props.id ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hasError = props.error !== undefined && props.error !== null && props.error !== false && props.error !== "";
  const hasHint = props.hint !== undefined && props.hint !== null && props.hint !== false && props.hint !== "";
  const invalid = hasError || props.invalid === true;
  const described = [hasHint ? hintId : null, hasError ? errorId : null, props.describedBy || null].filter(Boolean).join(" ");
  return {
    id,
    hintId,
    errorId,
    hasError,
    hasHint,
    invalid,
    // Only the attributes that apply, so a caller's own (say aria-required) is not overwritten.
    aria: {
      ...(props.required ? { required: true, "aria-required": true as const } : {}),
      ...(invalid ? { "aria-invalid": true as const } : {}),
      ...(described ? { "aria-describedby": described } : {}),
    },
  };
}

function Frame({ field, kind, props, children }: { field: ReturnType<typeof useField>; kind: Kind; props: FieldProps; children: ReactNode }) {
  return (
    <div className={classes("utrecht-form-field", `utrecht-form-field--${kind}`, field.invalid && "utrecht-form-field--invalid", props.className)}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {props.label}
        </label>
      </div>
      {field.hasHint && (
        <p id={field.hintId} className="utrecht-form-field-description">
          {props.hint}
        </p>
      )}
      {field.hasError && (
        <p id={field.errorId} className="utrecht-form-field-error-message" role={props.alert ? "alert" : undefined}>
          {props.error}
        </p>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

/** Splits the field's own props from the attributes that go on the control. */
function split<P extends FieldProps>(props: P) {
  const { label, id, hint, error, alert, invalid, describedBy, required, className, controlClassName, ...control } = props;
  return { own: { label, id, hint, error, alert, invalid, describedBy, required, className, controlClassName } as FieldProps, control };
}

type InputAttrs = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "required" | "value" | "onChange" | "type" | "children">;

export type TextFieldProps = FieldProps &
  InputAttrs & {
    value: string;
    onChange: (value: string) => void;
    type?: "text" | "date" | "password" | "search" | undefined;
    ref?: Ref<HTMLInputElement> | undefined;
  };

/** A one-line text box (also for passwords, search and dates). */
export function TextField(props: TextFieldProps) {
  const { own, control } = split(props);
  const { value, onChange, type = "text", ref, ...rest } = control;
  const field = useField(own);
  return (
    <Frame field={field} kind="text" props={own}>
      <input
        {...rest}
        {...field.aria}
        ref={ref}
        id={field.id}
        type={type}
        className={classes("utrecht-textbox utrecht-textbox--html-input", field.invalid && "utrecht-textbox--invalid", own.controlClassName)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

/** A date (YYYY-MM-DD) in the browser's date control. */
export function DateField(props: Omit<TextFieldProps, "type">) {
  return <TextField {...props} type="date" />;
}

export type TextAreaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className" | "required" | "value" | "onChange" | "children"> & {
    value: string;
    onChange: (value: string) => void;
    ref?: Ref<HTMLTextAreaElement> | undefined;
  };

/** Text of more than one line. */
export function TextArea(props: TextAreaProps) {
  const { own, control } = split(props);
  const { value, onChange, ref, ...rest } = control;
  const field = useField(own);
  return (
    <Frame field={field} kind="textarea" props={own}>
      <textarea
        {...rest}
        {...field.aria}
        ref={ref}
        id={field.id}
        className={classes("utrecht-textarea utrecht-textarea--html-textarea", field.invalid && "utrecht-textarea--invalid", own.controlClassName)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

/** One choice of a select: a code and what it shows. */
export interface Choice {
  code: string;
  label: string;
}

export type SelectFieldProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "required" | "value" | "onChange"> & {
    value: string;
    onChange: (value: string) => void;
    /** The choices, in order. */
    options?: readonly Choice[] | undefined;
    /** The empty first option ("Kies …"); none when every value is a valid choice. */
    placeholder?: string | undefined;
    /** More <option>s, after `options`. */
    children?: ReactNode;
    ref?: Ref<HTMLSelectElement> | undefined;
  };

/** A choice from a list. */
export function SelectField(props: SelectFieldProps) {
  const { own, control } = split(props);
  const { value, onChange, options, placeholder, children, ref, ...rest } = control;
  const field = useField(own);
  return (
    <Frame field={field} kind="select" props={own}>
      <select
        {...rest}
        {...field.aria}
        ref={ref}
        id={field.id}
        className={classes("utrecht-select utrecht-select--html-select", field.invalid && "utrecht-select--invalid", own.controlClassName)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Frame>
  );
}

export type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "checked" | "onChange" | "type" | "children"> & {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string | undefined;
  hint?: ReactNode;
  /** More classes on the field (the wrapper). */
  className?: string | undefined;
  ref?: Ref<HTMLInputElement> | undefined;
};

/** A checkbox with its label after it, and an optional hint. */
export function CheckboxField({ label, checked, onChange, id: given, hint, className, ref, ...rest }: CheckboxFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const hasHint = hint !== undefined && hint !== null && hint !== false && hint !== "";
  return (
    <div className={classes("utrecht-form-field utrecht-form-field--checkbox", className)}>
      <input
        {...rest}
        ref={ref}
        id={id}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input"
        checked={checked}
        aria-describedby={hasHint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
        {label}
      </label>
      {hasHint && (
        <p id={`${id}-hint`} className="utrecht-form-field-description">
          {hint}
        </p>
      )}
    </div>
  );
}

export type RadioFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "checked" | "onChange" | "type" | "children"> & {
  label: ReactNode;
  /** The group's name: one name per question. */
  name: string;
  checked: boolean;
  /** This option was chosen. */
  onSelect: () => void;
  id?: string | undefined;
  /** More classes on the option (the wrapper). */
  className?: string | undefined;
  ref?: Ref<HTMLInputElement> | undefined;
};

/** One option of a radio question (inside a fieldset whose legend asks the question). */
export function RadioField({ label, checked, onSelect, id: given, className, ref, ...rest }: RadioFieldProps) {
  const generated = useId();
  const id = given ?? generated;
  return (
    <div className={className}>
      <input
        {...rest}
        ref={ref}
        id={id}
        type="radio"
        className="utrecht-radio-button utrecht-radio-button--html-input"
        checked={checked}
        onChange={onSelect}
      />
      <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}
