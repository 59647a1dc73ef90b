// Open actions past their deadline, across the cases this organisation takes part in (the core
// filters: partners see only the actions their own organisation owns). Each row opens the plan.
import { label, useApp } from "../../app/context";
import { Loaded, useLoad } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import { messages } from "./messages";
import "./plan.css";

export function OverduePage() {
  const { api, vocab, go } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.planOverdue(), []);
  return (
    <div className="casus-plan">
      <h1 className="utrecht-heading-1">{t.overdueTitle}</h1>
      <p className="utrecht-paragraph casus-plan__intro">{t.overdueIntro}</p>
      <Loaded load={load}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="utrecht-paragraph" data-e2e="overdue-none">
              {t.overdueNone}
            </p>
          ) : (
            <div className="casus-table-container">
              <table className="utrecht-table casus-table" data-e2e="overdue-table">
                <caption className="utrecht-table__caption">{t.overdueCaption(rows.length)}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colCase}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colAction}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colOwnerOrg}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colOwnerPerson}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colDeadline}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colStatus}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.colPlan}
                    </th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {rows.map((r) => (
                    <tr key={`${r.case_id}/${r.action_id}`} className="utrecht-table__row">
                      <th scope="row" className="utrecht-table__header-cell casus-table__name">
                        {r.case_number}
                      </th>
                      <td className="utrecht-table__cell">
                        <strong>{r.action_id}</strong> {r.description}
                      </td>
                      <td className="utrecht-table__cell">{r.owner_org ? label(vocab.organisations, r.owner_org) : t.none}</td>
                      <td className="utrecht-table__cell">{r.owner_person.trim() || t.none}</td>
                      <td className="utrecht-table__cell">{shortDate(r.deadline)}</td>
                      <td className="utrecht-table__cell">{label(vocab.intervention_statuses, r.status)}</td>
                      <td className="utrecht-table__cell">
                        <button
                          type="button"
                          className="casus-link-button"
                          data-e2e={`overdue-open-${r.case_id}-${r.action_id}`}
                          onClick={() => go({ page: "plan", caseId: r.case_id, meetingId: null })}
                        >
                          {t.openPlan}
                          <span className="casus-visually-hidden">{t.openPlanOf(r.case_number)}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </div>
  );
}
