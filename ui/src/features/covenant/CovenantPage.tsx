// The covenant: "Mag dit?" (ask the core whether a kind of data may go from one organisation to
// another, with the Dutch explanation), then the active covenant with parties, rules (every [I]
// rule labelled as an assumption) and the stored versions. The core decides; this only shows.
import { useId, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { SelectField, TextField } from "../../components/fields";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { dateTime, useMessages } from "../../i18n/lang";
import type { AppError, CheckForm, CovenantView, RuleView, VerdictView } from "../../lib/ipc/types";
import "./covenant.css";
import { messages } from "./messages";

/** True for a rule marked [I] (inferred, not found in a source). */
export function isInferred(status: string): boolean {
  const s = status.toLowerCase();
  return s === "inferred" || s === "i";
}

/** "P5Y" → "5 jaar"; "P1Y6M" → "1 jaar en 6 maanden"; anything else as written. */
function useRetention(): (iso: string) => string {
  const t = useMessages(messages);
  return (iso) => {
    const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(iso.trim());
    if (!m) return iso;
    const parts: string[] = [];
    if (m[1]) parts.push(t.years(Number(m[1])));
    if (m[2]) parts.push(t.months(Number(m[2])));
    if (m[3] && (Number(m[3]) > 0 || parts.length === 0)) parts.push(t.days(Number(m[3])));
    if (parts.length === 0) return iso;
    const last = parts.pop() as string;
    return parts.length ? `${parts.join(", ")} ${t.and} ${last}` : last;
  };
}

export function CovenantPage() {
  const { api } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.covenantShow(), [api]);
  return (
    <div className="casus-covenant">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <p className="utrecht-paragraph">{t.intro}</p>
      <CheckSection rules={load.kind === "ready" ? load.value.rules : []} />
      <Loaded load={load}>{(c) => <CovenantBody covenant={c} />}</Loaded>
    </div>
  );
}

function CovenantBody({ covenant }: { covenant: CovenantView }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const retention = useRetention();
  const ids = { about: useId(), rules: useId(), versions: useId() };
  return (
    <>
      <section className="casus-cov-section" aria-labelledby={ids.about} data-e2e="covenant-about">
        <h2 id={ids.about} className="utrecht-heading-2">
          {t.about}
        </h2>
        <p className="utrecht-paragraph casus-cov-title">{covenant.title}</p>
        <dl className="casus-cov-facts">
          <div>
            <dt>{t.id}</dt>
            <dd>{covenant.id}</dd>
          </div>
          <div>
            <dt>{t.versionLabel}</dt>
            <dd data-e2e="covenant-version">{t.version(covenant.version, covenant.version_no)}</dd>
          </div>
          <div>
            <dt>{t.retention}</dt>
            <dd data-e2e="covenant-retention">{t.retentionText(retention(covenant.retention))}</dd>
          </div>
        </dl>
        <h3 className="utrecht-heading-3">{t.parties}</h3>
        <div className="casus-table-container casus-cov-scroll">
          <table className="utrecht-table casus-table" data-e2e="covenant-parties">
            <caption className="utrecht-table__caption">{t.partiesCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t.party}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.partyKind}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {covenant.parties.map(([org, kind]) => (
                <tr key={org} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">{label(vocab.organisations, org)}</th>
                  <td className="utrecht-table__cell">{t.kinds[kind] ?? kind}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="casus-cov-section" aria-labelledby={ids.rules}>
        <h2 id={ids.rules} className="utrecht-heading-2">
          {t.rules}
        </h2>
        <p className="utrecht-paragraph">{t.rulesIntro}</p>
        {covenant.rules.some((r) => isInferred(r.status)) && (
          <div className="utrecht-alert utrecht-alert--warning">
            <p className="utrecht-paragraph">{t.inferredNote}</p>
          </div>
        )}
        <div className="casus-table-container casus-cov-scroll">
          <table className="utrecht-table casus-table" data-e2e="covenant-rules">
            <caption className="utrecht-table__caption">{t.rulesCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t.rule}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.effect}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.status}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.text}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {covenant.rules.map((r) => (
                <tr key={r.id} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell casus-cov-nowrap">{r.id}</th>
                  <td className="utrecht-table__cell">
                    <span className={`casus-cov-effect casus-cov-effect--${r.effect === "forbid" ? "forbid" : "permit"}`}>
                      {t.effects[r.effect] ?? r.effect}
                    </span>
                  </td>
                  <td className="utrecht-table__cell">
                    <StatusLabel status={r.status} />
                  </td>
                  <td className="utrecht-table__cell">{r.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="casus-cov-section" aria-labelledby={ids.versions}>
        <h2 id={ids.versions} className="utrecht-heading-2">
          {t.versions}
        </h2>
        <div className="casus-table-container casus-cov-scroll">
          <table className="utrecht-table casus-table" data-e2e="covenant-versions">
            <caption className="utrecht-table__caption">{t.versionsCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t.versionNo}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.covenant}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.file}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.imported}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.checksum}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.active}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {covenant.versions.map((v) => (
                <tr key={v.version_no} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">{v.version_no}</th>
                  <td className="utrecht-table__cell">{v.covenant}</td>
                  <td className="utrecht-table__cell">{v.file_name}</td>
                  <td className="utrecht-table__cell casus-cov-nowrap">{dateTime(v.imported_at)}</td>
                  <td className="utrecht-table__cell">
                    <code className="casus-cov-code">{v.sha256}</code>
                  </td>
                  <td className="utrecht-table__cell">{v.active ? <strong>{t.activeYes}</strong> : t.activeNo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

function StatusLabel({ status }: { status: string }) {
  const t = useMessages(messages);
  return isInferred(status) ? (
    <span className="casus-cov-status casus-cov-status--inferred">{t.inferred}</span>
  ) : (
    <span className="casus-cov-status">{t.sourced}</span>
  );
}

type Answer = { kind: "idle" } | { kind: "busy" } | { kind: "done"; verdict: VerdictView } | { kind: "failed"; error: AppError };

function CheckSection({ rules }: { rules: RuleView[] }) {
  const { api, user, vocab } = useApp();
  const t = useMessages(messages);
  const c = t.check;
  const ids = { heading: useId() };
  const orgs = vocab.organisations;
  const defaultFrom = orgs.find((o) => o.code === "politie")?.code ?? orgs[0]?.code ?? "";
  const defaultTo = user.org !== defaultFrom ? user.org : (orgs.find((o) => o.code !== defaultFrom)?.code ?? defaultFrom);
  const [form, setForm] = useState<CheckForm>({
    from: defaultFrom,
    to: defaultTo,
    category: vocab.categories[0]?.code ?? "",
    purpose: "pga",
    phase: null,
    basis: null,
  });
  const [answer, setAnswer] = useState<Answer>({ kind: "idle" });

  const set = <K extends keyof CheckForm>(key: K, value: CheckForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.kind === "busy") return;
    setAnswer({ kind: "busy" });
    try {
      const verdict = await api.covenantCheck({ ...form, purpose: form.purpose.trim() || "pga" });
      setAnswer({ kind: "done", verdict });
    } catch (error) {
      setAnswer({ kind: "failed", error: error as AppError });
    }
  };

  return (
    <section className="casus-cov-section casus-cov-check" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="utrecht-heading-2">
        {c.heading}
      </h2>
      <p className="utrecht-paragraph">{c.intro}</p>
      <form onSubmit={submit} noValidate className="casus-cov-form">
        <SelectField label={c.from} data-e2e="covenant-from" value={form.from} onChange={(v) => set("from", v)} options={orgs} />
        <SelectField label={c.to} data-e2e="covenant-to" value={form.to} onChange={(v) => set("to", v)} options={orgs} />
        <SelectField
          label={c.category}
          data-e2e="covenant-category"
          value={form.category}
          onChange={(v) => set("category", v)}
          options={vocab.categories}
        />
        <TextField
          label={c.purpose}
          hint={c.purposeHint}
          autoComplete="off"
          spellCheck={false}
          data-e2e="covenant-purpose"
          value={form.purpose}
          onChange={(v) => set("purpose", v)}
        />
        <SelectField
          label={c.phase}
          hint={c.optional}
          data-e2e="covenant-phase"
          value={form.phase ?? ""}
          onChange={(v) => set("phase", v === "" ? null : v)}
          placeholder={c.phaseAny}
          options={vocab.states}
        />
        <SelectField
          label={c.basis}
          hint={c.optional}
          data-e2e="covenant-basis"
          value={form.basis ?? ""}
          onChange={(v) => set("basis", v === "" ? null : v)}
          placeholder={c.basisAny}
          options={vocab.bases}
        />
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          data-e2e="covenant-check-submit"
          aria-disabled={answer.kind === "busy" || undefined}
        >
          {answer.kind === "busy" ? c.busy : c.submit}
        </button>
      </form>
      <div aria-live="polite" className="casus-cov-answer">
        {answer.kind === "done" && <Verdict verdict={answer.verdict} rules={rules} />}
      </div>
      {answer.kind === "failed" && <ErrorAlert error={answer.error} />}
    </section>
  );
}

function Verdict({ verdict, rules }: { verdict: VerdictView; rules: RuleView[] }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const c = t.check;
  const heading = useId();
  const rule = (id: string) => rules.find((r) => r.id === id);
  return (
    <section
      aria-labelledby={heading}
      className={`utrecht-alert ${verdict.allowed ? "utrecht-alert--ok" : "utrecht-alert--warning"} casus-cov-verdict`}
      data-e2e="covenant-verdict"
      data-allowed={verdict.allowed}
    >
      <h3 id={heading} className="utrecht-heading-3 casus-cov-verdict__title">
        <span aria-hidden="true">{verdict.allowed ? "✓ " : "✗ "}</span>
        {verdict.allowed ? c.allowed : c.refused}
      </h3>
      <p className="utrecht-paragraph" lang="nl">
        {verdict.explanation}
      </p>
      {verdict.overridden && <p className="utrecht-paragraph casus-cov-flag">{c.overridden}</p>}
      <dl className="casus-cov-facts">
        <div>
          <dt>{c.decidedBy}</dt>
          <dd>
            {verdict.rules.length === 0 ? (
              c.noRules
            ) : (
              <ul className="casus-cov-list">
                {verdict.rules.map((id) => {
                  const r = rule(id);
                  return (
                    <li key={id}>
                      <strong>{id}</strong>
                      {r && (
                        <>
                          {" "}
                          (<StatusLabel status={r.status} />){r.text ? `: ${r.text}` : ""}
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
        {verdict.basis && (
          <div>
            <dt>{c.basisUsed}</dt>
            <dd>{label(vocab.bases, verdict.basis)}</dd>
          </div>
        )}
        {verdict.conditions.length > 0 && (
          <div>
            <dt>{c.conditions}</dt>
            <dd>
              <ul className="casus-cov-list">
                {verdict.conditions.map((x) => (
                  <li key={x} lang="nl">
                    {x}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {verdict.alternatives.length > 0 && (
          <div>
            <dt>{c.alternatives}</dt>
            <dd>
              <ul className="casus-cov-list">
                {verdict.alternatives.map((b) => (
                  <li key={b}>{label(vocab.bases, b)}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {verdict.allowed_phases !== undefined && (
          <div>
            <dt>{c.allowedPhases}</dt>
            <dd>
              {verdict.allowed_phases.length === 0
                ? c.noPhases
                : verdict.allowed_phases.map((p) => label(vocab.states, p)).join(", ")}
            </dd>
          </div>
        )}
        <div>
          <dt>{c.covenantVersion}</dt>
          <dd>{verdict.covenant}</dd>
        </div>
      </dl>
    </section>
  );
}
