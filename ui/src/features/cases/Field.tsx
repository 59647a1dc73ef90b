// One labelled form field in the NL Design System look: label, optional hint, error message (tied
// to the control with aria-describedby by the caller via `fieldAria`), then the control.
import type { ReactNode } from "react";

export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`utrecht-form-field${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="utrecht-form-field-description">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="utrecht-form-field-error-message">
          {error}
        </p>
      )}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

/** The aria attributes of a control inside `Field`. */
export function fieldAria(id: string, error: string | undefined, hint?: boolean): { "aria-invalid"?: true; "aria-describedby"?: string } {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((x) => x !== null).join(" ");
  return {
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(described ? { "aria-describedby": described } : {}),
  };
}
