// The meeting screens' form fields: the shared labelled fields (components/fields) in the meeting
// look (casus-m-field, casus-m-check), text boxes without autocomplete or spell check. Required
// fields are marked with aria-required only (no native required: no browser :invalid styling before
// anything is typed). Forms use noValidate: checks are ours, in Dutch, and focus moves to the first
// field that needs work.
import { useEffect, useRef, type Ref, type RefObject } from "react";

import * as Shared from "../../components/fields";

export function TextField(props: Shared.TextFieldProps) {
  return <Shared.TextField className="casus-m-field" autoComplete="off" spellCheck={false} {...props} />;
}

export function TextArea(props: Shared.TextAreaProps) {
  return <Shared.TextArea className="casus-m-field" rows={4} {...props} />;
}

export function SelectField(props: Shared.SelectFieldProps) {
  return <Shared.SelectField className="casus-m-field" {...props} />;
}

export function Checkbox(props: Shared.CheckboxFieldProps) {
  return <Shared.CheckboxField className="casus-m-check" {...props} />;
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
