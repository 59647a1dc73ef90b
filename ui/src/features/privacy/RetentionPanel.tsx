// "Vernietiging": closed cases with their retention period, and the two-person approval of
// destruction (first a coordinator or chair, then the privacy officer; the core refuses the same
// person twice). After destruction the certificate is shown: ids, dates, approvers' account ids,
// covenant version and key fingerprint, no personal data.
import { useId, useState } from "react";

import { label, useApp } from "../../app/context";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { AppError, ApprovalResult, Certificate, RetentionDue } from "../../lib/ipc/types";
import { messages } from "./messages";

type Outcome =
  | { kind: "done"; result: ApprovalResult }
  | { kind: "failed"; caseId: string; error: AppError; firstBy: string | null };

export function RetentionPanel() {
  const { api, user, vocab } = useApp();
  const t = useMessages(messages);
  const r = t.retention;
  const heading = useId();
  const [load, reload] = useLoad(() => api.retentionDue(true), [api]);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const approve = async (row: RetentionDue) => {
    if (busy !== null) return;
    setBusy(row.case_id);
    setOutcome(null);
    try {
      const result = await api.retentionApprove(row.case_id);
      setOutcome({ kind: "done", result });
      reload();
    } catch (error) {
      setOutcome({ kind: "failed", caseId: row.case_id, error: error as AppError, firstBy: row.first_approval_by });
    } finally {
      setBusy(null);
    }
  };

  /** Why the core refused, in the words of the two-person rule. */
  const hint = (o: Extract<Outcome, { kind: "failed" }>): string | null => {
    if (o.error.code === "forbidden") {
      const same = o.firstBy !== null && o.firstBy.toLocaleLowerCase("nl") === user.name.toLocaleLowerCase("nl");
      return same ? r.samePerson : r.order;
    }
    if (o.error.code === "invalid_input") return r.notYet;
    return null;
  };

  return (
    <section aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {r.heading}
      </h2>
      <p className="utrecht-paragraph">{r.intro}</p>
      <div aria-live="polite" data-e2e="retention-message">
        {outcome?.kind === "done" && (
          <div className="utrecht-alert utrecht-alert--ok">
            <p className="utrecht-paragraph">
              {outcome.result.step === "destroyed" ? r.destroyed(outcome.result.case_id) : r.firstDone(outcome.result.case_id)}
            </p>
          </div>
        )}
      </div>
      {outcome?.kind === "failed" && (
        <div data-e2e="retention-error">
          <ErrorAlert error={outcome.error} />
          {hint(outcome) && (
            <div className="utrecht-alert utrecht-alert--info">
              <p className="utrecht-paragraph">{hint(outcome)}</p>
            </div>
          )}
        </div>
      )}
      {outcome?.kind === "done" && outcome.result.certificate && <CertificateView cert={outcome.result.certificate} />}
      <Loaded load={load}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="utrecht-paragraph" data-e2e="retention-list">
              {r.empty}
            </p>
          ) : (
            <div className="casus-table-container casus-scroll casus-section" tabIndex={0} role="region" aria-label={r.caption}>
              <table className="utrecht-table casus-table" data-e2e="retention-list">
                <caption className="utrecht-table__caption">{r.caption}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th scope="col" className="utrecht-table__header-cell">{r.caseId}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.state}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.closedOn}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.destroyAfter}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.due}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.firstApproval}</th>
                    <th scope="col" className="utrecht-table__header-cell">{r.action}</th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {rows.map((row) => (
                    <tr key={row.case_id} className="utrecht-table__row">
                      <th scope="row" className="utrecht-table__header-cell">
                        <code className="casus-code">{row.case_id}</code>
                      </th>
                      <td className="utrecht-table__cell">{label(vocab.states, row.state)}</td>
                      <td className="utrecht-table__cell">{shortDate(row.closed_on)}</td>
                      <td className="utrecht-table__cell">{shortDate(row.destroy_after)}</td>
                      <td className="utrecht-table__cell">
                        <span className={`casus-outcome casus-outcome--${row.due ? "refused" : "ok"}`}>{row.due ? r.dueYes : r.dueNo}</span>
                      </td>
                      <td className="utrecht-table__cell">{row.first_approval_by ?? r.noApproval}</td>
                      <td className="utrecht-table__cell">
                        {row.due ? (
                          <button
                            type="button"
                            className="utrecht-button utrecht-button--secondary-action"
                            data-e2e="retention-approve"
                            data-case-id={row.case_id}
                            aria-label={r.approveFor(row.case_id)}
                            aria-disabled={busy !== null || undefined}
                            onClick={() => approve(row)}
                          >
                            {busy === row.case_id ? r.busy : r.approve}
                          </button>
                        ) : (
                          <span className="casus-muted">{r.notDue}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}

function CertificateView({ cert }: { cert: Certificate }) {
  const t = useMessages(messages);
  const c = t.retention.cert;
  const heading = useId();
  return (
    <section className="casus-certificate" aria-labelledby={heading} data-e2e="retention-certificate">
      <h3 id={heading} className="utrecht-heading-3">
        {t.retention.certHeading}
      </h3>
      <p className="utrecht-paragraph">{t.retention.certIntro}</p>
      <dl className="casus-facts">
        <div>
          <dt>{c.caseId}</dt>
          <dd><code className="casus-code">{cert.case_id}</code></dd>
        </div>
        <div>
          <dt>{c.closedOn}</dt>
          <dd>{shortDate(cert.closed_on)}</dd>
        </div>
        <div>
          <dt>{c.destroyAfter}</dt>
          <dd>{shortDate(cert.destroy_after)}</dd>
        </div>
        <div>
          <dt>{c.destroyedAt}</dt>
          <dd>{dateTime(cert.destroyed_at)}</dd>
        </div>
        <div>
          <dt>{c.first}</dt>
          <dd><code className="casus-code">{cert.first_approver}</code></dd>
        </div>
        <div>
          <dt>{c.second}</dt>
          <dd><code className="casus-code">{cert.second_approver}</code></dd>
        </div>
        <div>
          <dt>{c.covenant}</dt>
          <dd>{cert.covenant}</dd>
        </div>
        <div>
          <dt>{c.key}</dt>
          <dd><code className="casus-code">{cert.key_fingerprint}</code></dd>
        </div>
      </dl>
    </section>
  );
}
