// Signal entry (*signaal*): the source, date, kind of data, legal basis, reliability and content of
// a report; without a case it also asks who it is about and opens a new case. Required fields are
// checked here with Dutch messages; the core checks everything again and decides.
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, SignalForm, SubjectForm } from "../../lib/ipc/types";
import { Field, fieldAria } from "../cases/Field";
import { bsnValid, isIsoDate, todayIso, useFocusHeading } from "../cases/util";
import { messages } from "./messages";
import "../cases/cases.css";
import "./signals.css";

type Key = "name" | "born" | "bsn" | "address" | "notes" | "source" | "received" | "reporter_role" | "category" | "basis" | "reliability" | "content";
type Values = Record<Key, string>;
type Errors = Partial<Record<Key, string>>;

/** The order errors are checked and focused in (the order of the form). */
const ORDER: Key[] = ["name", "born", "bsn", "source", "received", "category", "basis", "reliability", "content"];

export function SignalPage({ caseId }: { caseId: string | null }) {
  const { api, go, user, vocab } = useApp();
  const t = useMessages(messages);
  const today = todayIso();
  const isNew = caseId === null;
  const base = useId();
  const id = (k: Key) => `${base}-${k}`;
  const [values, setValues] = useState<Values>({
    name: "",
    born: "",
    bsn: "",
    address: "",
    notes: "",
    source: user.org,
    received: today,
    reporter_role: "",
    category: "",
    basis: "",
    reliability: "",
    content: "",
  });
  const [errors, setErrors] = useState<Errors>({});
  const [count, setCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusHeading(headingRef);

  const set = (k: Key) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  // A partner adds information from its own organisation only (the core refuses anything else).
  const sources = user.role === "partner_member" ? vocab.organisations.filter((o) => o.code === user.org) : vocab.organisations;

  function validate(v: Values): Errors {
    const e: Errors = {};
    const err = t.errors;
    if (isNew) {
      if (v.name.trim() === "") e.name = err.name;
      if (!isIsoDate(v.born)) e.born = err.born;
      else if (v.born > today) e.born = err.bornFuture;
      else if (v.born < "1900-01-01") e.born = err.bornOld;
      if (v.bsn.trim() !== "" && !bsnValid(v.bsn.trim())) e.bsn = err.bsn;
    }
    if (v.source === "") e.source = err.source;
    if (!isIsoDate(v.received)) e.received = err.received;
    else if (v.received > today) e.received = err.receivedFuture;
    if (v.category === "") e.category = err.category;
    if (v.basis === "") e.basis = err.basis;
    if (v.reliability === "") e.reliability = err.reliability;
    if (v.content.trim() === "") e.content = err.content;
    return e;
  }

  function payload(v: Values): SignalForm {
    const form: SignalForm = {
      source: v.source,
      received: v.received,
      reporter_role: v.reporter_role.trim(),
      category: v.category,
      basis: v.basis,
      reliability: v.reliability,
      content: v.content,
    };
    if (isNew) {
      const subject: SubjectForm = { name: v.name.trim(), born: v.born };
      if (v.bsn.trim() !== "") subject.bsn = v.bsn.trim();
      if (v.address.trim() !== "") subject.address = v.address.trim();
      form.subject = subject;
      if (v.notes.trim() !== "") form.notes = v.notes;
    }
    return form;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = validate(values);
    setErrors(found);
    const keys = ORDER.filter((k) => found[k] !== undefined);
    setCount(keys.length);
    if (keys.length > 0) {
      document.getElementById(id(keys[0] as Key))?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const added = await api.signalAdd(caseId, payload(values));
      go({ page: "case", caseId: added.case_id });
    } catch (e) {
      setFailure(e as AppError);
      setBusy(false);
    }
  }

  const select = (k: "source" | "category" | "basis" | "reliability", options: { code: string; label: string }[], e2e: string) => (
    <select
      id={id(k)}
      className={`utrecht-select utrecht-select--html-select${errors[k] ? " utrecht-select--invalid" : ""}`}
      required
      aria-required="true"
      {...fieldAria(id(k), errors[k])}
      data-e2e={e2e}
      value={values[k]}
      onChange={set(k)}
    >
      <option value="">{t.choose}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );

  return (
    <div className="casus-signal">
      <h1 ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
        {isNew ? t.titleNew : t.titleAdd}
      </h1>
      <p className="utrecht-paragraph">{isNew ? t.introNew : t.introAdd}</p>
      <form className="casus-signal__form" onSubmit={submit} noValidate data-e2e="signal-form">
        <div aria-live="assertive">
          {count > 0 && (
            <div className="utrecht-alert utrecht-alert--error" role="alert" data-e2e="signal-errors">
              <p className="utrecht-paragraph">{t.summary(count)}</p>
            </div>
          )}
        </div>
        {failure && <ErrorAlert error={failure} />}
        {isNew && (
          <fieldset className="casus-signal__group">
            <legend className="utrecht-heading-2">{t.subject}</legend>
            <Field id={id("name")} label={t.name} error={errors.name}>
              <input
                id={id("name")}
                type="text"
                autoComplete="off"
                className="utrecht-textbox utrecht-textbox--html-input"
                required
                aria-required="true"
                {...fieldAria(id("name"), errors.name)}
                data-e2e="signal-name"
                value={values.name}
                onChange={set("name")}
              />
            </Field>
            <Field id={id("born")} label={t.born} error={errors.born}>
              <input
                id={id("born")}
                type="date"
                max={today}
                className="utrecht-textbox utrecht-textbox--html-input casus-date"
                required
                aria-required="true"
                {...fieldAria(id("born"), errors.born)}
                data-e2e="signal-born"
                value={values.born}
                onChange={set("born")}
              />
            </Field>
            <Field id={id("bsn")} label={t.bsn} hint={t.bsnHint} error={errors.bsn}>
              <input
                id={id("bsn")}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                className="utrecht-textbox utrecht-textbox--html-input casus-bsn"
                {...fieldAria(id("bsn"), errors.bsn, true)}
                data-e2e="signal-bsn"
                value={values.bsn}
                onChange={set("bsn")}
              />
            </Field>
            <Field id={id("address")} label={t.address}>
              <input
                id={id("address")}
                type="text"
                autoComplete="off"
                className="utrecht-textbox utrecht-textbox--html-input"
                data-e2e="signal-address"
                value={values.address}
                onChange={set("address")}
              />
            </Field>
            <Field id={id("notes")} label={t.notes}>
              <textarea
                id={id("notes")}
                rows={3}
                className="utrecht-textarea utrecht-textarea--html-textarea"
                data-e2e="signal-notes"
                value={values.notes}
                onChange={set("notes")}
              />
            </Field>
          </fieldset>
        )}
        <fieldset className="casus-signal__group">
          <legend className="utrecht-heading-2">{t.signal}</legend>
          <Field id={id("source")} label={t.source} error={errors.source}>
            {select("source", sources, "signal-source")}
          </Field>
          <Field id={id("received")} label={t.received} error={errors.received}>
            <input
              id={id("received")}
              type="date"
              max={today}
              className="utrecht-textbox utrecht-textbox--html-input casus-date"
              required
              aria-required="true"
              {...fieldAria(id("received"), errors.received)}
              data-e2e="signal-received"
              value={values.received}
              onChange={set("received")}
            />
          </Field>
          <Field id={id("reporter_role")} label={t.reporterRole} hint={t.reporterHint}>
            <input
              id={id("reporter_role")}
              type="text"
              autoComplete="off"
              className="utrecht-textbox utrecht-textbox--html-input"
              {...fieldAria(id("reporter_role"), undefined, true)}
              data-e2e="signal-reporter"
              value={values.reporter_role}
              onChange={set("reporter_role")}
            />
          </Field>
          <Field id={id("category")} label={t.category} error={errors.category}>
            {select("category", vocab.categories, "signal-category")}
          </Field>
          <Field id={id("basis")} label={t.basis} error={errors.basis}>
            {select("basis", vocab.bases, "signal-basis")}
          </Field>
          <Field id={id("reliability")} label={t.reliability} error={errors.reliability}>
            {select("reliability", vocab.reliabilities, "signal-reliability")}
          </Field>
          <Field id={id("content")} label={t.content} hint={t.contentHint} error={errors.content}>
            <textarea
              id={id("content")}
              rows={6}
              className={`utrecht-textarea utrecht-textarea--html-textarea${errors.content ? " utrecht-textarea--invalid" : ""}`}
              required
              aria-required="true"
              {...fieldAria(id("content"), errors.content, true)}
              data-e2e="signal-content"
              value={values.content}
              onChange={set("content")}
            />
          </Field>
        </fieldset>
        <div className="casus-button-row">
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined} data-e2e="signal-submit">
            {busy ? t.busy : t.submit}
          </button>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            data-e2e="signal-cancel"
            onClick={() => go(caseId === null ? { page: "start" } : { page: "case", caseId })}
          >
            {t.cancel}
          </button>
        </div>
      </form>
    </div>
  );
}
