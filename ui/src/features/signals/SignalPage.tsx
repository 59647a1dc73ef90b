// Signal entry (*signaal*): the source, date, kind of data, legal basis, reliability and content of
// a report; without a case it also asks who it is about and opens a new case. Required fields are
// checked here with Dutch messages; the core checks everything again and decides.
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ownOrganisationOnly } from "../../app/policy";
import { DateField, SelectField, TextArea, TextField } from "../../components/fields";
import { ErrorAlert } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, SignalForm, SubjectForm } from "../../lib/ipc/types";
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
  // The case that already has this BSN, when the core says so (only to an organisation that takes
  // part in it; anyone else gets the plain refusal, which tells nothing about who is known).
  const [knownCase, setKnownCase] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusHeading(headingRef);

  // A field's error goes as soon as the field is right (a new error waits for the next submit).
  const set = (k: Key) => (value: string) => {
    const next = { ...values, [k]: value };
    setValues(next);
    if (errors[k] !== undefined && validate(next)[k] === undefined) {
      const rest = { ...errors };
      delete rest[k];
      setErrors(rest);
      setCount(ORDER.filter((x) => rest[x] !== undefined).length);
    }
  };
  // Some users add information from their own organisation only (the core refuses anything else).
  const sources = ownOrganisationOnly(user, "add_information") ? vocab.organisations.filter((o) => o.code === user.org) : vocab.organisations;

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
      const error = e as AppError;
      const known = knownBsnCase(error);
      setBusy(false);
      if (known) {
        setKnownCase(known);
        setErrors({ bsn: t.errors.bsnKnown });
        setCount(1);
        document.getElementById(id("bsn"))?.focus();
        return;
      }
      setFailure(error);
    }
  }

  const select = (k: "source" | "category" | "basis" | "reliability", label: string, options: { code: string; label: string }[], e2e: string) => (
    <SelectField
      id={id(k)}
      label={label}
      error={errors[k]}
      required
      data-e2e={e2e}
      value={values[k]}
      onChange={set(k)}
      placeholder={t.choose}
      options={options}
    />
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
              {/* Each error links to its field (GOV.UK / NL Design System error summary). */}
              <ul className="utrecht-unordered-list">
                {ORDER.filter((k) => errors[k] !== undefined).map((k) => (
                  <li key={k} className="utrecht-unordered-list__item">
                    <a
                      className="utrecht-link"
                      href={`#${id(k)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(id(k))?.focus();
                      }}
                    >
                      {errors[k]}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        {failure && <ErrorAlert error={failure} />}
        {isNew && (
          <fieldset className="casus-signal__group">
            <legend className="utrecht-heading-2">{t.subject}</legend>
            <TextField
              id={id("name")}
              label={t.name}
              error={errors.name}
              required
              autoComplete="off"
              data-e2e="signal-name"
              value={values.name}
              onChange={set("name")}
            />
            <DateField
              id={id("born")}
              label={t.born}
              error={errors.born}
              required
              max={today}
              controlClassName="casus-date"
              data-e2e="signal-born"
              value={values.born}
              onChange={set("born")}
            />
            <TextField
              id={id("bsn")}
              label={t.bsn}
              hint={t.bsnHint}
              error={errors.bsn}
              inputMode="numeric"
              autoComplete="off"
              controlClassName="casus-bsn"
              data-e2e="signal-bsn"
              value={values.bsn}
              onChange={set("bsn")}
            />
            {knownCase && errors.bsn === t.errors.bsnKnown && (
              <p className="utrecht-paragraph">
                <button
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  data-e2e="signal-open-known"
                  onClick={() => go({ page: "case", caseId: knownCase })}
                >
                  {t.openKnown}
                </button>
              </p>
            )}
            <TextField id={id("address")} label={t.address} autoComplete="off" data-e2e="signal-address" value={values.address} onChange={set("address")} />
            <TextArea id={id("notes")} label={t.notes} rows={3} data-e2e="signal-notes" value={values.notes} onChange={set("notes")} />
          </fieldset>
        )}
        <fieldset className="casus-signal__group">
          <legend className="utrecht-heading-2">{t.signal}</legend>
          {select("source", t.source, sources, "signal-source")}
          <DateField
            id={id("received")}
            label={t.received}
            error={errors.received}
            required
            max={today}
            controlClassName="casus-date"
            data-e2e="signal-received"
            value={values.received}
            onChange={set("received")}
          />
          <TextField
            id={id("reporter_role")}
            label={t.reporterRole}
            hint={t.reporterHint}
            autoComplete="off"
            data-e2e="signal-reporter"
            value={values.reporter_role}
            onChange={set("reporter_role")}
          />
          {select("category", t.category, vocab.categories, "signal-category")}
          {select("basis", t.basis, vocab.bases, "signal-basis")}
          {select("reliability", t.reliability, vocab.reliabilities, "signal-reliability")}
          <TextArea
            id={id("content")}
            label={t.content}
            hint={t.contentHint}
            error={errors.content}
            required
            rows={6}
            data-e2e="signal-content"
            value={values.content}
            onChange={set("content")}
          />
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

/** The case the core names when this BSN already belongs to a case the user's organisation takes
 * part in (`subject.bsn: case <id> already has this BSN`); `null` for any other error. */
function knownBsnCase(error: AppError): string | null {
  if (error.code !== "invalid_input") return null;
  const found = /^subject\.bsn: case ([0-9a-f]{32}) already has this BSN$/.exec(error.message);
  return found?.[1] ?? null;
}
