// "Doorbrekingen": every chair override of a covenant refusal, with the reason, for review.
import { useId } from "react";

import { label, useApp } from "../../app/context";
import { Loaded, useLoad } from "../../components/status";
import { dateTime, useMessages } from "../../i18n/lang";
import { UserName } from "./AuditTable";
import { messages } from "./messages";

export function OverridesPanel() {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const o = t.overrides;
  const heading = useId();
  const [load] = useLoad(() => api.covenantOverrides(), [api]);
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {o.heading}
      </h2>
      <p className="utrecht-paragraph">{o.intro}</p>
      <Loaded load={load}>
        {(rows) => (
          <div data-e2e="privacy-overrides">
            <p className="utrecht-paragraph casus-count" role="status">
              {o.count(rows.length)}
            </p>
            {rows.length === 0 ? (
              <p className="utrecht-paragraph">{o.empty}</p>
            ) : (
              <div className="casus-table-container casus-scroll" tabIndex={0} role="region" aria-label={o.caption}>
                <table className="utrecht-table casus-table">
                  <caption className="utrecht-table__caption">{o.caption}</caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th scope="col" className="utrecht-table__header-cell">{o.when}</th>
                      <th scope="col" className="utrecht-table__header-cell">{o.caseId}</th>
                      <th scope="col" className="utrecht-table__header-cell">{o.item}</th>
                      <th scope="col" className="utrecht-table__header-cell">{o.org}</th>
                      <th scope="col" className="utrecht-table__header-cell">{o.by}</th>
                      <th scope="col" className="utrecht-table__header-cell">{o.reason}</th>
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {rows.map((r) => (
                      <tr key={r.id} className="utrecht-table__row">
                        <th scope="row" className="utrecht-table__header-cell casus-nowrap">{dateTime(r.at)}</th>
                        <td className="utrecht-table__cell"><code className="casus-code">{r.case_id}</code></td>
                        <td className="utrecht-table__cell"><code className="casus-code">{r.item_id}</code></td>
                        <td className="utrecht-table__cell">{label(vocab.organisations, r.org)}</td>
                        <td className="utrecht-table__cell"><UserName name={r.by} hasAccount /></td>
                        <td className="utrecht-table__cell">{r.reason || t.audit.none}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </Loaded>
    </section>
  );
}
