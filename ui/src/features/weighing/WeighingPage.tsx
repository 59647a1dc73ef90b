// The weighing session (*weging*): who of the weighing team is present (municipality, police and
// OM at least), the checklist answered yes/no, the outcome, the rationale and the next review. The
// core records it and moves the case to the outcome's phase in one step.
import { useId, useRef, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { DateField, RadioField, SelectField, TextArea, TextField } from "../../components/fields";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, CaseDetail, Criterion, WeighingForm } from "../../lib/ipc/types";
import { isIsoDate, useFocusHeading } from "../cases/util";
import { messages } from "./messages";
import "../cases/cases.css";
import "./weighing.css";

/** The weighing team needs at least these organisations (the core refuses without them). */
export const REQUIRED_ORGS = ["gemeente", "politie", "om"];

type T = (typeof messages)["nl"];

interface Person {
  key: number;
  name: string;
  org: string;
}

interface Errors {
  names: Record<number, string>;
  orgs: Record<number, string>;
  missing?: string;
  criteria: Record<string, string>;
  outcome?: string;
  rationale?: string;
  review?: string;
}

const NO_ERRORS: Errors = { names: {}, orgs: {}, criteria: {} };

function countErrors(e: Errors): number {
  return (
    Object.keys(e.names).length +
    Object.keys(e.orgs).length +
    Object.keys(e.criteria).length +
    [e.missing, e.outcome, e.rationale, e.review].filter((x) => x !== undefined).length
  );
}

export function WeighingPage({ caseId }: { caseId: string }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(async () => {
    const [detail, criteria] = await Promise.all([api.showCase(caseId), api.weighingCriteria()]);
    return { detail, criteria };
  }, [caseId]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusHeading(headingRef);
  const name = load.kind === "ready" ? load.value.detail.subject?.name : undefined;

  return (
    <div className="casus-weighing">
      <h1 ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
        {name ? t.titleFor(name) : t.title}
      </h1>
      <p className="utrecht-paragraph">{t.intro}</p>
      <Loaded load={load}>{({ detail, criteria }) => <WeighingSession detail={detail} criteria={criteria} t={t} onDone={() => go({ page: "case", caseId })} />}</Loaded>
    </div>
  );
}

function WeighingSession({ detail, criteria, t, onDone }: { detail: CaseDetail; criteria: Criterion[]; t: T; onDone: () => void }) {
  const { api, go, vocab } = useApp();
  const base = useId();
  const [people, setPeople] = useState<Person[]>(REQUIRED_ORGS.map((org, i) => ({ key: i, name: "", org })));
  const [nextKey, setNextKey] = useState(REQUIRED_ORGS.length);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [outcome, setOutcome] = useState("");
  const [rationale, setRationale] = useState("");
  const [review, setReview] = useState("");
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [count, setCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const ids = {
    name: (k: number) => `${base}-name-${k}`,
    org: (k: number) => `${base}-org-${k}`,
    crit: (code: string) => `${base}-crit-${code}`,
    missing: `${base}-missing`,
    outcome: `${base}-outcome`,
    rationale: `${base}-rationale`,
    review: `${base}-review`,
  };

  if (detail.state !== "under_weighing") {
    return (
      <>
        <div className="utrecht-alert utrecht-alert--warning" role="alert" data-e2e="weigh-wrong-phase">
          <p className="utrecht-paragraph">{t.notUnderWeighing(label(vocab.states, detail.state))}</p>
        </div>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => go({ page: "case", caseId: detail.id })}>
          {t.backToCase}
        </button>
      </>
    );
  }

  const update = (key: number, patch: Partial<Person>) => setPeople((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const addPerson = () => {
    const key = nextKey;
    setPeople((ps) => [...ps, { key, name: "", org: "" }]);
    setNextKey(key + 1);
    window.setTimeout(() => document.getElementById(ids.name(key))?.focus(), 0);
  };
  const removePerson = (key: number) => {
    setPeople((ps) => ps.filter((p) => p.key !== key));
    window.setTimeout(() => addRef.current?.focus(), 0);
  };

  function validate(): { errors: Errors; first: string | null } {
    const e: Errors = { names: {}, orgs: {}, criteria: {} };
    const order: string[] = [];
    for (const p of people) {
      if (p.name.trim() === "") {
        e.names[p.key] = t.errors.personName;
        order.push(ids.name(p.key));
      }
      if (p.org === "") {
        e.orgs[p.key] = t.errors.personOrg;
        order.push(ids.org(p.key));
      }
    }
    const missing = REQUIRED_ORGS.filter((o) => !people.some((p) => p.org === o));
    if (missing.length > 0) {
      e.missing = t.errors.missingOrgs(missing.map((o) => label(vocab.organisations, o)).join(", "));
      order.push(`${ids.missing}-add`);
    }
    for (const c of criteria) {
      if (answers[c.code] === undefined) {
        e.criteria[c.code] = t.errors.criterion;
        order.push(`${ids.crit(c.code)}-yes`);
      }
    }
    if (outcome === "") {
      e.outcome = t.errors.outcome;
      order.push(ids.outcome);
    }
    if (rationale.trim() === "") {
      e.rationale = t.errors.rationale;
      order.push(ids.rationale);
    }
    if (review !== "" && !isIsoDate(review)) {
      e.review = t.errors.date;
      order.push(ids.review);
    }
    return { errors: e, first: order[0] ?? null };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const { errors: found, first } = validate();
    setErrors(found);
    setCount(countErrors(found));
    if (first !== null) {
      document.getElementById(first)?.focus();
      return;
    }
    const form: WeighingForm = {
      present: people.map((p) => ({ name: p.name.trim(), org: p.org })),
      criteria: Object.fromEntries(criteria.map((c) => [c.code, answers[c.code] === true])),
      outcome,
      rationale: rationale.trim(),
      next_review: review === "" ? null : review,
    };
    setBusy(true);
    setFailure(null);
    try {
      await api.weigh(detail.id, form);
      onDone();
    } catch (e) {
      setFailure(e as AppError);
      setBusy(false);
    }
  }

  return (
    <form className="casus-weighing__form" onSubmit={submit} noValidate data-e2e="weigh-form">
      <div aria-live="assertive">
        {count > 0 && (
          <div className="utrecht-alert utrecht-alert--error" role="alert" data-e2e="weigh-errors">
            <p className="utrecht-paragraph">{t.summary(count)}</p>
          </div>
        )}
      </div>
      {failure && <ErrorAlert error={failure} />}

      <fieldset className="casus-weighing__group" aria-describedby={`${ids.missing}-intro${errors.missing ? ` ${ids.missing}` : ""}`}>
        <legend className="utrecht-heading-2">{t.present}</legend>
        <p id={`${ids.missing}-intro`} className="utrecht-paragraph">
          {t.presentIntro}
        </p>
        {errors.missing && (
          <p id={ids.missing} className="utrecht-form-field-error-message" data-e2e="weigh-missing-orgs">
            {errors.missing}
          </p>
        )}
        <ol className="casus-weighing__people">
          {people.map((p, i) => (
            <li key={p.key} className="casus-weighing__person" data-e2e="weigh-person">
              <TextField
                id={ids.name(p.key)}
                label={t.personName(i + 1)}
                error={errors.names[p.key]}
                required
                autoComplete="off"
                data-e2e="weigh-person-name"
                value={p.name}
                onChange={(name) => update(p.key, { name })}
              />
              <SelectField
                id={ids.org(p.key)}
                label={t.personOrg(i + 1)}
                error={errors.orgs[p.key]}
                required
                data-e2e="weigh-person-org"
                value={p.org}
                onChange={(org) => update(p.key, { org })}
                placeholder={t.choose}
                options={vocab.organisations}
              />
              {people.length > 1 && (
                <button type="button" className="utrecht-button utrecht-button--secondary-action casus-weighing__remove" onClick={() => removePerson(p.key)}>
                  {t.removePerson(i + 1)}
                </button>
              )}
            </li>
          ))}
        </ol>
        <button
          ref={addRef}
          id={`${ids.missing}-add`}
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          data-e2e="weigh-add-person"
          onClick={addPerson}
        >
          {t.addPerson}
        </button>
      </fieldset>

      <section className="casus-weighing__group" aria-labelledby={`${base}-criteria`}>
        <h2 id={`${base}-criteria`} className="utrecht-heading-2">
          {t.criteria}
        </h2>
        <p className="utrecht-paragraph">{t.criteriaIntro}</p>
        {criteria.map((c) => {
          const cid = ids.crit(c.code);
          const err = errors.criteria[c.code];
          return (
            <fieldset
              key={c.code}
              className={`casus-criterion${err ? " casus-criterion--invalid" : ""}`}
              aria-describedby={err ? `${cid}-error` : undefined}
              data-e2e={`weigh-criterion-${c.code}`}
            >
              <legend className="utrecht-form-label casus-criterion__question">{c.question}</legend>
              {err && (
                <p id={`${cid}-error`} className="utrecht-form-field-error-message">
                  {err}
                </p>
              )}
              <div className="casus-criterion__answers">
                {([true, false] as const).map((value) => {
                  const rid = `${cid}-${value ? "yes" : "no"}`;
                  return (
                    <RadioField
                      key={rid}
                      id={rid}
                      className="casus-radio"
                      name={cid}
                      label={value ? t.yes : t.no}
                      checked={answers[c.code] === value}
                      data-e2e={`weigh-criterion-${c.code}-${value ? "yes" : "no"}`}
                      onSelect={() => setAnswers((a) => ({ ...a, [c.code]: value }))}
                    />
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </section>

      <section className="casus-weighing__group" aria-labelledby={`${base}-outcome-heading`}>
        <h2 id={`${base}-outcome-heading`} className="utrecht-heading-2">
          {t.outcomeHeading}
        </h2>
        <SelectField
          id={ids.outcome}
          label={t.outcome}
          error={errors.outcome}
          required
          data-e2e="weigh-outcome"
          value={outcome}
          onChange={setOutcome}
          placeholder={t.choose}
          options={vocab.outcomes}
        />
        <TextArea
          id={ids.rationale}
          label={t.rationale}
          hint={t.rationaleHint}
          error={errors.rationale}
          required
          rows={5}
          data-e2e="weigh-rationale"
          value={rationale}
          onChange={setRationale}
        />
        <DateField
          id={ids.review}
          label={t.nextReview}
          error={errors.review}
          controlClassName="casus-date"
          data-e2e="weigh-review"
          value={review}
          onChange={setReview}
        />
      </section>

      <div className="casus-button-row">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined} data-e2e="weigh-submit">
          {busy ? t.busy : t.submit}
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="weigh-cancel" onClick={() => go({ page: "case", caseId: detail.id })}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
