// Small labelled form controls for the meeting screens (Utrecht classes): every control has a
// label, an optional hint and an inline error, both tied to it with aria-describedby. Forms use
// noValidate: checks are ours, in Dutch, and focus moves to the first field that needs work.
import { useEffect, useId, useRef, type ReactNode, type Ref, type RefObject } from "react";

import type { Code } from "../../lib/ipc/types";

interface Common {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  e2e?: string | undefined;
  disabled?: boolean | undefined;
}

function describedBy(hintId: string, errorId: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function Frame({
  id,
  label,
  hint,
  error,
  hintId,
  errorId,
  kind,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  hintId: string;
  errorId: string;
  kind: string;
  children: ReactNode;
}) {
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}${error ? " utrecht-form-field--invalid" : ""} casus-m-field`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <div id={hintId} className="utrecht-form-field-description casus-m-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="utrecht-form-field-error-message casus-m-error">
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export function TextField({
  value,
  onChange,
  type = "text",
  inputRef,
  autoComplete = "off",
  ...rest
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "date";
  inputRef?: Ref<HTMLInputElement> | undefined;
  autoComplete?: string;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Frame id={id} hintId={hintId} errorId={errorId} kind="text" label={rest.label} hint={rest.hint} error={rest.error}>
      <input
        id={id}
        ref={inputRef}
        type={type}
        className={`utrecht-textbox utrecht-textbox--html-input${rest.error ? " utrecht-textbox--invalid" : ""}`}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        aria-required={rest.required ? true : undefined}
        aria-invalid={rest.error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, rest.hint, rest.error)}
        disabled={rest.disabled}
        data-e2e={rest.e2e}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

export function TextArea({
  value,
  onChange,
  inputRef,
  rows = 4,
  ...rest
}: Common & {
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLTextAreaElement> | undefined;
  rows?: number;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Frame id={id} hintId={hintId} errorId={errorId} kind="textarea" label={rest.label} hint={rest.hint} error={rest.error}>
      <textarea
        id={id}
        ref={inputRef}
        rows={rows}
        className={`utrecht-textarea utrecht-textarea--html-textarea${rest.error ? " utrecht-textarea--invalid" : ""}`}
        value={value}
        aria-required={rest.required ? true : undefined}
        aria-invalid={rest.error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, rest.hint, rest.error)}
        disabled={rest.disabled}
        data-e2e={rest.e2e}
        onChange={(e) => onChange(e.target.value)}
      />
    </Frame>
  );
}

export function SelectField({
  value,
  onChange,
  options,
  placeholder,
  inputRef,
  ...rest
}: Common & {
  value: string;
  onChange: (value: string) => void;
  options: Code[];
  /** The empty first option ("Kies …"); none when every value is a valid choice. */
  placeholder?: string | undefined;
  inputRef?: Ref<HTMLSelectElement> | undefined;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <Frame id={id} hintId={hintId} errorId={errorId} kind="select" label={rest.label} hint={rest.hint} error={rest.error}>
      <select
        id={id}
        ref={inputRef}
        className={`utrecht-select utrecht-select--html-select${rest.error ? " utrecht-select--invalid" : ""}`}
        value={value}
        aria-required={rest.required ? true : undefined}
        aria-invalid={rest.error ? true : undefined}
        aria-describedby={describedBy(hintId, errorId, rest.hint, rest.error)}
        disabled={rest.disabled}
        data-e2e={rest.e2e}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

export function Checkbox({
  checked,
  onChange,
  label,
  e2e,
  disabled,
  hint,
  extra,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  e2e?: string | undefined;
  disabled?: boolean | undefined;
  hint?: string | undefined;
  /** More data- attributes for the E2E walkthrough. */
  extra?: Record<string, string> | undefined;
}) {
  const id = useId();
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox casus-m-check">
      <input
        id={id}
        type="checkbox"
        className="utrecht-checkbox utrecht-checkbox--html-input"
        checked={checked}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-e2e={e2e}
        {...extra}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="utrecht-form-field-description casus-m-hint">
          {hint}
        </div>
      )}
    </div>
  );
}

/** A status line that screen readers announce; focusable so focus can land on it after an action. */
export function StatusLine({ text, statusRef, e2e }: { text: string; statusRef?: Ref<HTMLParagraphElement>; e2e?: string }) {
  return (
    <p ref={statusRef} className="utrecht-paragraph casus-m-status" role="status" tabIndex={-1} data-e2e={e2e}>
      {text}
    </p>
  );
}

/** Today's date as YYYY-MM-DD in local time. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A ref that gets focus whenever `trigger` becomes a new truthy value (after it is rendered). */
export function useFocusOn<T extends HTMLElement>(trigger: unknown): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (trigger) ref.current?.focus();
  }, [trigger]);
  return ref;
}
