// The live decision list (besluitenlijst) of every agenda item, closing the meeting (the list is
// read back, then locked; its SHA-256 is shown) and exporting it per receiving organisation.
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { AppError, ExportResult } from "../../lib/ipc/types";
import { SelectField, useFocusOn } from "./fields";
import { messages } from "./messages";
import { isOpen, useItemName, useKindLabel, useOrgLabel, type MeetingCtx } from "./shared";

export function DecisionListSection({ ctx }: { ctx: MeetingCtx }) {
  const t = useMessages(messages);
  const kindLabel = useKindLabel();
  const orgLabel = useOrgLabel();
  const itemName = useItemName(ctx.caseName);
  const headingId = useId();
  const { meeting } = ctx;
  const items = meeting.items.filter((i) => i.decisions.length > 0);
  return (
    <section aria-labelledby={headingId} className="casus-m-panel" data-e2e="decision-table">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.list2.caption}
      </h2>
      {!isOpen(meeting) && (
        <p className="utrecht-paragraph casus-m-locked" data-e2e="decision-list-locked">
          {t.list2.locked}
        </p>
      )}
      {items.length === 0 && <p className="utrecht-paragraph">{t.list2.none}</p>}
      {items.map((item) => (
        <div key={item.id} className="utrecht-table-container casus-table-container casus-m-minutes">
          <table className="utrecht-table utrecht-table--html-table casus-table" data-case-id={item.case_id}>
            <caption className="utrecht-table__caption casus-m-caption">{itemName(item)}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.seq}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.kind}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.text}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.owner}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.deadline}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.list2.at}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {item.decisions.map((d) => (
                <tr key={d.seq} className="utrecht-table__row" data-e2e="decision-row">
                  <th scope="row" className="utrecht-table__header-cell">
                    {d.seq}
                  </th>
                  <td className="utrecht-table__cell">{kindLabel(d.kind)}</td>
                  <td className="utrecht-table__cell casus-m-pre">{d.text}</td>
                  <td className="utrecht-table__cell">{[d.owner_person, orgLabel(d.owner_org)].filter(Boolean).join(", ")}</td>
                  <td className="utrecht-table__cell">{d.deadline ? <time dateTime={d.deadline}>{shortDate(d.deadline)}</time> : ""}</td>
                  <td className="utrecht-table__cell">
                    <time dateTime={d.at}>{dateTime(d.at)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

export function CloseSection({ ctx }: { ctx: MeetingCtx }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const headingId = useId();
  const warningId = useId();
  const { meeting } = ctx;
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useFocusOn<HTMLButtonElement>(confirming);
  const closeRef = useRef<HTMLButtonElement>(null);
  const [closedNow, setClosedNow] = useState(false);
  const doneRef = useFocusOn<HTMLDivElement>(closedNow);

  async function close() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      ctx.accept(await api.meetingClose(meeting.id));
      setConfirming(false);
      setClosedNow(true);
    } catch (error) {
      setFailure(error as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="casus-m-panel" data-e2e="close">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.close.title}
      </h2>
      {isOpen(meeting) ? (
        <>
          <p className="utrecht-paragraph">{t.close.intro}</p>
          <button
            ref={closeRef}
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-expanded={confirming}
            data-e2e="meeting-close"
            onClick={() => setConfirming(true)}
          >
            {t.close.button}
          </button>
          {confirming && (
            <div className="utrecht-alert utrecht-alert--warning casus-m-confirm">
              <p id={warningId} className="utrecht-paragraph">
                {t.close.confirmText}
              </p>
              <div className="casus-m-buttons">
                <button
                  ref={confirmRef}
                  type="button"
                  className="utrecht-button utrecht-button--primary-action"
                  aria-describedby={warningId}
                  aria-disabled={busy ? true : undefined}
                  data-e2e="meeting-close-confirm"
                  onClick={() => void close()}
                >
                  {t.close.confirm}
                </button>
                <button
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  data-e2e="meeting-close-cancel"
                  onClick={() => {
                    setConfirming(false);
                    closeRef.current?.focus();
                  }}
                >
                  {t.close.cancel}
                </button>
              </div>
            </div>
          )}
          {failure && <ErrorAlert error={failure} />}
        </>
      ) : (
        <div ref={doneRef} tabIndex={-1} className="utrecht-alert utrecht-alert--info" role="status" data-e2e="meeting-closed">
          <p className="utrecht-paragraph">{t.close.closed}</p>
          {meeting.minutes_hash && (
            <p className="utrecht-paragraph">
              {t.close.hash}:{" "}
              <code className="casus-m-hash" data-e2e="minutes-hash">
                {meeting.minutes_hash}
              </code>
            </p>
          )}
        </div>
      )}
    </section>
  );
}

export function ExportSection({ ctx }: { ctx: MeetingCtx }) {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  const headingId = useId();
  const [org, setOrg] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const orgRef = useRef<HTMLSelectElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (org === "") {
      setError(t.exportMinutes.orgMissing);
      orgRef.current?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await api.exportMinutes(ctx.meeting.id, org, "pdf"));
    } catch (e) {
      setFailure(e as AppError);
    } finally {
      setBusy(false);
      requestAnimationFrame(() => resultRef.current?.focus());
    }
  }

  return (
    <section aria-labelledby={headingId} className="casus-m-panel" data-e2e="export">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.exportMinutes.title}
      </h2>
      <p className="utrecht-paragraph">{t.exportMinutes.intro}</p>
      <form noValidate onSubmit={submit} className="casus-m-form casus-m-inline">
        <SelectField
          label={t.exportMinutes.org}
          aria-required
          value={org}
          onChange={setOrg}
          options={vocab.organisations}
          placeholder={t.exportMinutes.choose}
          error={error}
          ref={orgRef}
          data-e2e="minutes-export-org"
        />
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="minutes-export">
          {busy ? t.exportMinutes.busy : t.exportMinutes.submit}
        </button>
      </form>
      <div ref={resultRef} tabIndex={-1} className="casus-m-result">
        {failure && <ErrorAlert error={failure} />}
        <div role="status">
          {result && (
            <div className="utrecht-alert utrecht-alert--info" data-e2e="minutes-export-result">
              <p className="utrecht-paragraph">{t.exportMinutes.done(orgLabel(result.recipient))}</p>
              <dl className="casus-m-dl">
                <dt>{t.exportMinutes.path}</dt>
                <dd>
                  <code data-e2e="minutes-export-path">{result.path}</code>
                </dd>
                <dt>{t.exportMinutes.sha}</dt>
                <dd>
                  <code className="casus-m-hash" data-e2e="minutes-export-sha">
                    {result.sha256}
                  </code>
                </dd>
              </dl>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
