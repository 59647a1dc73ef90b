// "Wie zag deze casus?": the case's audit entries (privacy officer) and the inzage overview for a
// data-subject access request (coordinator and privacy officer). No content, only metadata.
import { useId, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { can } from "../../app/policy";
import { TextField } from "../../components/fields";
import { Loaded, useLoad } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { Inzage } from "../../lib/ipc/types";
import { AuditTable, EventName, OutcomeBadge, UserName } from "./AuditTable";
import { messages } from "./messages";

export function CasePanel({ caseId }: { caseId: string | null }) {
  const { user } = useApp();
  const t = useMessages(messages);
  const ids = { missing: useId(), heading: useId() };
  const [value, setValue] = useState(caseId ?? "");
  const [asked, setAsked] = useState<{ id: string; n: number } | null>(caseId ? { id: caseId, n: 0 } : null);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = value.trim().toLowerCase();
    if (id === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    setAsked((a) => ({ id, n: (a?.n ?? 0) + 1 }));
  };

  // The case's entries of every user need the whole log; the overview its own action.
  const officer = can(user, "read_whole_audit_log");
  const mayInzage = can(user, "prepare_inzage");

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="utrecht-heading-2">
        {t.caseTab.heading}
      </h2>
      <p className="utrecht-paragraph">{t.caseTab.intro}</p>
      <form className="casus-inline-form" onSubmit={submit} noValidate role="search" aria-labelledby={ids.heading}>
        <TextField
          label={t.caseTab.field}
          hint={t.caseTab.hint}
          invalid={missing}
          describedBy={missing ? ids.missing : undefined}
          controlClassName="casus-code-input"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          data-e2e="privacy-case-id"
          value={value}
          onChange={setValue}
        />
        <button type="submit" className="utrecht-button utrecht-button--primary-action" data-e2e="privacy-case-search">
          {t.caseTab.search}
        </button>
      </form>
      <div id={ids.missing} aria-live="assertive">
        {missing && (
          <div className="utrecht-alert utrecht-alert--error">
            <p className="utrecht-paragraph">{t.caseTab.missing}</p>
          </div>
        )}
      </div>
      {asked && (
        <div key={`${asked.id}-${asked.n}`}>
          <section className="casus-section">
            <h3 className="utrecht-heading-3">{t.caseTab.logHeading}</h3>
            {officer ? (
              <CaseLog caseId={asked.id} />
            ) : (
              <div className="utrecht-alert utrecht-alert--info">
                <p className="utrecht-paragraph">{t.caseTab.logOnlyOfficer}</p>
              </div>
            )}
          </section>
          <section className="casus-section" data-e2e="privacy-inzage">
            <h3 className="utrecht-heading-3">{t.caseTab.inzageHeading}</h3>
            {mayInzage ? (
              <InzageView caseId={asked.id} />
            ) : (
              <p className="utrecht-paragraph">{t.caseTab.inzageOnly}</p>
            )}
          </section>
        </div>
      )}
    </section>
  );
}

function CaseLog({ caseId }: { caseId: string }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.auditLog(caseId, null), [api, caseId]);
  return (
    <Loaded load={load}>
      {(entries) => <AuditTable entries={entries} caption={t.caseTab.logCaption(caseId)} e2e="privacy-case-log" />}
    </Loaded>
  );
}

function InzageView({ caseId }: { caseId: string }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.inzage(caseId), [api, caseId]);
  return (
    <>
      <p className="utrecht-paragraph">{t.caseTab.inzageIntro}</p>
      <Loaded load={load}>{(inzage) => <InzageBody inzage={inzage} />}</Loaded>
    </>
  );
}

function InzageBody({ inzage }: { inzage: Inzage }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const c = t.caseTab;
  const org = (code: string) => label(vocab.organisations, code);
  return (
    <>
      <dl className="casus-facts">
        <div>
          <dt>{c.phase}</dt>
          <dd>{label(vocab.states, inzage.state)}</dd>
        </div>
        <div>
          <dt>{c.covenant}</dt>
          <dd>{inzage.covenant}</dd>
        </div>
      </dl>

      <h4 className="utrecht-heading-4">{c.heldHeading}</h4>
      {inzage.held.length === 0 ? (
        <p className="utrecht-paragraph">{c.heldEmpty}</p>
      ) : (
        <div className="casus-table-container casus-scroll" tabIndex={0} role="region" aria-label={c.heldCaption}>
          <table className="utrecht-table casus-table" data-e2e="inzage-held">
            <caption className="utrecht-table__caption">{c.heldCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{c.category}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.source}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.count}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.weigh}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {inzage.held.map((h) => (
                <tr key={`${h.category}-${h.source}`} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">{label(vocab.categories, h.category)}</th>
                  <td className="utrecht-table__cell">{org(h.source)}</td>
                  <td className="utrecht-table__cell">{h.count}</td>
                  <td className="utrecht-table__cell">{h.weigh_before_release ? c.weighText : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4 className="utrecht-heading-4">{c.sharedHeading}</h4>
      {inzage.shared_with.length === 0 ? (
        <p className="utrecht-paragraph">{c.sharedEmpty}</p>
      ) : (
        <div className="casus-table-container casus-scroll" tabIndex={0} role="region" aria-label={c.sharedCaption}>
          <table className="utrecht-table casus-table" data-e2e="inzage-shared">
            <caption className="utrecht-table__caption">{c.sharedCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{c.recipient}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.category}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.source}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.basis}</th>
                <th scope="col" className="utrecht-table__header-cell">{c.rules}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {inzage.shared_with.map((s) => (
                <tr key={`${s.org}-${s.category}-${s.source}`} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell">{org(s.org)}</th>
                  <td className="utrecht-table__cell">{label(vocab.categories, s.category)}</td>
                  <td className="utrecht-table__cell">{org(s.source)}</td>
                  <td className="utrecht-table__cell">{s.basis ? label(vocab.bases, s.basis) : t.audit.none}</td>
                  <td className="utrecht-table__cell">
                    {s.rules.join(", ") || t.audit.none}
                    {s.overridden && <span className="casus-flag casus-block">{c.overridden}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4 className="utrecht-heading-4">{c.accessHeading}</h4>
      {inzage.accessed.length === 0 ? (
        <p className="utrecht-paragraph">{c.accessEmpty}</p>
      ) : (
        <div className="casus-table-container casus-scroll" tabIndex={0} role="region" aria-label={c.accessCaption}>
          <table className="utrecht-table casus-table" data-e2e="inzage-accessed">
            <caption className="utrecht-table__caption">{c.accessCaption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t.audit.when}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.user}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.role}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.org}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.event}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.outcome}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {inzage.accessed.map((a, i) => (
                <tr key={`${a.at}-${i}`} className="utrecht-table__row">
                  <th scope="row" className="utrecht-table__header-cell casus-nowrap">{dateTime(a.at)}</th>
                  <td className="utrecht-table__cell">
                    <UserName name={a.user} hasAccount={a.role !== ""} />
                  </td>
                  <td className="utrecht-table__cell">{label(vocab.roles, a.role) || t.audit.none}</td>
                  <td className="utrecht-table__cell">{org(a.org) || t.audit.none}</td>
                  <td className="utrecht-table__cell">
                    <EventName code={a.event} />
                  </td>
                  <td className="utrecht-table__cell">
                    <OutcomeBadge code={a.outcome} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h4 className="utrecht-heading-4">{c.informHeading}</h4>
      {inzage.inform === null ? (
        <p className="utrecht-paragraph">{c.informNone}</p>
      ) : (
        <>
          <p className="utrecht-paragraph">{inzage.inform.informed ? c.informed : c.notInformed}</p>
          <dl className="casus-facts">
            {inzage.inform.reason && (
              <div>
                <dt>{c.informReason}</dt>
                <dd>{inzage.inform.reason}</dd>
              </div>
            )}
            {inzage.inform.review && (
              <div>
                <dt>{c.informReview}</dt>
                <dd>{shortDate(inzage.inform.review)}</dd>
              </div>
            )}
          </dl>
        </>
      )}
    </>
  );
}
