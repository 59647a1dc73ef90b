// One table of audit entries (NEN 7513 by analogy): when, who (role, organisation), what, how it
// ended and why. Codes become words here; the core never sends names of events in Dutch.
import { label, useApp } from "../../app/context";
import { dateTime, useMessages } from "../../i18n/lang";
import type { AuditEntryView } from "../../lib/ipc/types";
import { messages, OK_OUTCOMES } from "./messages";

interface Props {
  entries: AuditEntryView[];
  caption: string;
  /** Show the case column (for lists across cases). */
  showCase?: boolean;
  e2e: string;
}

export function AuditTable({ entries, caption, showCase = false, e2e }: Props) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  return (
    <div data-e2e={e2e}>
      <p className="utrecht-paragraph casus-count" role="status">
        {t.audit.count(entries.length)}
      </p>
      {entries.length === 0 ? (
        <p className="utrecht-paragraph">{t.audit.empty}</p>
      ) : (
        <div className="casus-table-container casus-scroll" tabIndex={0} role="region" aria-label={caption}>
          <table className="utrecht-table casus-table">
            <caption className="utrecht-table__caption">{caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">{t.audit.when}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.user}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.role}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.org}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.event}</th>
                {showCase && <th scope="col" className="utrecht-table__header-cell">{t.audit.caseId}</th>}
                <th scope="col" className="utrecht-table__header-cell">{t.audit.outcome}</th>
                <th scope="col" className="utrecht-table__header-cell">{t.audit.purpose}</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {entries.map((e) => (
                <tr key={e.seq} className="utrecht-table__row" data-e2e="audit-row">
                  <th scope="row" className="utrecht-table__header-cell casus-nowrap">
                    {dateTime(e.at)}
                  </th>
                  <td className="utrecht-table__cell">
                    <UserName name={e.user} hasAccount={e.user_id !== ""} />
                  </td>
                  <td className="utrecht-table__cell">{label(vocab.roles, e.role) || t.audit.none}</td>
                  <td className="utrecht-table__cell">{label(vocab.organisations, e.org) || t.audit.none}</td>
                  <td className="utrecht-table__cell">
                    <EventName code={e.event} />
                    {e.details && (
                      <span className="casus-muted casus-block">
                        {t.audit.details}: {e.details}
                      </span>
                    )}
                  </td>
                  {showCase && (
                    <td className="utrecht-table__cell">
                      {e.case_number ? (
                        <span className="casus-nowrap">{e.case_number}</span>
                      ) : e.case_id ? (
                        <code className="casus-code">{e.case_id.slice(0, 8)}</code>
                      ) : (
                        t.audit.none
                      )}
                    </td>
                  )}
                  <td className="utrecht-table__cell">
                    <OutcomeBadge code={e.outcome} />
                  </td>
                  <td className="utrecht-table__cell">{t.purposes[e.purpose] ?? e.purpose}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The account name; a removed account or a failed sign-in has none. */
export function UserName({ name, hasAccount }: { name: string | null; hasAccount: boolean }) {
  const t = useMessages(messages);
  if (name) return <>{name}</>;
  if (!hasAccount) return <>{t.audit.none}</>;
  return <span className="casus-muted">{t.audit.removedUser}</span>;
}

export function EventName({ code }: { code: string }) {
  const t = useMessages(messages);
  return <>{t.events[code] ?? code}</>;
}

export function OutcomeBadge({ code }: { code: string }) {
  const t = useMessages(messages);
  const ok = OK_OUTCOMES.includes(code);
  return <span className={`casus-outcome casus-outcome--${ok ? "ok" : "refused"}`}>{t.outcomes[code] ?? code}</span>;
}
