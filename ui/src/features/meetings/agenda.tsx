// Composing the agenda: proposed from the coordinator's cases (new admissions, evaluations due, overdue actions,
// new signals) or a case added by hand; each item shows its case and why it is on the agenda.
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert, type Load } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, CaseSummary } from "../../lib/ipc/types";
import { SelectField, StatusLine } from "./fields";
import { messages } from "./messages";
import { isOpen, type MeetingCtx } from "./shared";

/** Composing the agenda. Adding a case does not change the item on screen (the chair moves on from the agenda list). */
export function AgendaSection({ ctx, cases }: { ctx: MeetingCtx; cases: Load<CaseSummary[]> }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const headingId = useId();
  const { meeting } = ctx;
  const open = isOpen(meeting);
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [caseId, setCaseId] = useState("");
  const [caseError, setCaseError] = useState<string | undefined>(undefined);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);

  const reason = (code: string) => t.agenda.reasons[code] ?? code;

  async function run(action: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      setStatus(await action());
    } catch (error) {
      setStatus("");
      setFailure(error as AppError);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => statusRef.current?.focus());
    }
  }

  const propose = () =>
    run(async () => {
      const before = meeting.items.length;
      const view = await api.meetingAgenda(meeting.id, null, true);
      ctx.accept(view);
      return t.agenda.proposed(view.items.length - before);
    });

  function add(event: FormEvent) {
    event.preventDefault();
    if (caseId === "") {
      setCaseError(t.agenda.caseMissing);
      selectRef.current?.focus();
      return;
    }
    setCaseError(undefined);
    const chosen = caseId;
    void run(async () => {
      const view = await api.meetingAgenda(meeting.id, chosen, false);
      ctx.accept(view);
      setCaseId("");
      return t.agenda.added(ctx.caseName(chosen));
    });
  }

  const onAgenda = new Set(meeting.items.map((i) => i.case_id));
  const choices =
    cases.kind === "ready"
      ? cases.value.filter((c) => !onAgenda.has(c.id)).map((c) => ({ code: c.id, label: c.name }))
      : [];

  return (
    <section aria-labelledby={headingId} className="casus-m-panel" data-e2e="agenda">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.agenda.title}
      </h2>
      {meeting.items.length === 0 ? (
        <p className="utrecht-paragraph">{t.agenda.none}</p>
      ) : (
        <div className="utrecht-table-container casus-table-container">
          <table className="utrecht-table utrecht-table--html-table casus-table" data-e2e="agenda-list">
            <caption className="utrecht-table__caption casus-visually-hidden">{t.agenda.caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t.agenda.seq}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.agenda.case}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.agenda.reason}
                </th>
                <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                  {t.agenda.present}
                </th>
                <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                  {t.agenda.decisions}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {meeting.items.map((item) => (
                <tr key={item.id} className="utrecht-table__row" data-case-id={item.case_id}>
                  <td className="utrecht-table__cell">{item.seq}</td>
                  <th scope="row" className="utrecht-table__header-cell casus-table__name">
                    {ctx.caseName(item.case_id)}
                  </th>
                  <td className="utrecht-table__cell">{item.reason ? reason(item.reason) : item.withheld}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric">{item.present.length}</td>
                  <td className="utrecht-table__cell utrecht-table__cell--numeric">{item.decisions.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <div className="casus-m-actions">
          <p className="utrecht-paragraph casus-m-muted">{t.agenda.proposeHint}</p>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={busy ? true : undefined}
            data-e2e="agenda-propose"
            onClick={() => void propose()}
          >
            {t.agenda.propose}
          </button>
        </div>
      )}
      {open && (
        <form noValidate onSubmit={add} className="casus-m-form">
          <fieldset className="utrecht-form-fieldset casus-m-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t.agenda.addCase}</legend>
            <SelectField
              label={t.agenda.caseLabel}
              aria-required
              value={caseId}
              onChange={setCaseId}
              options={choices}
              placeholder={t.agenda.chooseCase}
              error={caseError}
              ref={selectRef}
              data-e2e="agenda-case"
            />
            {cases.kind === "failed" && (
              <>
                <p className="utrecht-paragraph">{t.agenda.casesFailed}</p>
                <ErrorAlert error={cases.error} />
              </>
            )}
          </fieldset>
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="agenda-add">
            {t.agenda.addSubmit}
          </button>
        </form>
      )}
      <StatusLine text={status} statusRef={statusRef} e2e="agenda-status" />
      {failure && <ErrorAlert error={failure} />}
    </section>
  );
}
