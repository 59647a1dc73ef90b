// Aanwezigen: the attendance register of a meeting, the confidentiality statement to read aloud,
// and the acknowledgement per attendee (no agenda item opens before everyone has acknowledged).
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AppError, AttendeeInput } from "../../lib/ipc/types";
import { SelectField, StatusLine, TextField, useFocusOn } from "./fields";
import { messages } from "./messages";
import { ConfidentialityText, isOpen, useOrgLabel, type MeetingCtx } from "./shared";

export function AttendanceSection({ ctx }: { ctx: MeetingCtx }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  const { meeting } = ctx;
  const headingId = useId();
  const textHeadingId = useId();
  const [text] = useLoad(() => api.confidentialityText(), [api]);
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const open = isOpen(meeting);
  const unacked = meeting.attendees.filter((a) => !a.acknowledged);
  const allAcked = meeting.attendees.length > 0 && unacked.length === 0;

  async function acknowledge(attendeeId: string, name: string) {
    if (busy) return;
    setBusy(attendeeId);
    setFailure(null);
    try {
      await api.meetingAck(meeting.id, attendeeId);
      const view = await ctx.refresh();
      setStatus(t.attendance.ackDone(name));
      // The button is gone now: go on to the next attendee still to acknowledge, else the message.
      const next = view?.attendees.find((a) => !a.acknowledged);
      requestAnimationFrame(() => {
        const buttons = Array.from(tableRef.current?.querySelectorAll<HTMLButtonElement>("button[data-attendee-id]") ?? []);
        const button = next ? buttons.find((b) => b.dataset.attendeeId === next.id) : undefined;
        (button ?? statusRef.current)?.focus();
      });
    } catch (error) {
      setFailure(error as AppError);
      requestAnimationFrame(() => statusRef.current?.focus());
    } finally {
      setBusy(null);
    }
  }

  const statement = (
    <Loaded load={text}>{(value) => (
        <ConfidentialityText text={value} headingId={textHeadingId} fallbackTitle={t.attendance.textTitle(meeting.confidentiality_version)} />
      )}</Loaded>
  );

  return (
    <section aria-labelledby={headingId} className="casus-m-panel" data-e2e="attendance">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.attendance.title}
      </h2>
      <p className="utrecht-paragraph">{t.attendance.intro}</p>

      {allAcked || !open ? (
        <details className="casus-m-details">
          <summary data-e2e="confidentiality-show">{t.attendance.showText}</summary>
          {statement}
        </details>
      ) : (
        <section
          {...(text.kind === "ready"
            ? { "aria-labelledby": textHeadingId }
            : { "aria-label": t.attendance.textTitle(meeting.confidentiality_version) })}
          className="casus-m-conf-box"
          data-e2e="confidentiality-text"
        >
          <p className="utrecht-paragraph casus-m-muted">{t.attendance.textIntro}</p>
          {statement}
          <p className="utrecht-paragraph casus-m-muted">{t.attendance.textTitle(meeting.confidentiality_version)}</p>
        </section>
      )}

      {meeting.attendees.length === 0 ? (
        <p className="utrecht-paragraph">{t.attendance.none}</p>
      ) : (
        <>
          <div className={`utrecht-alert ${allAcked ? "utrecht-alert--info" : "utrecht-alert--warning"} casus-m-note`}>
            <p className="utrecht-paragraph">{allAcked ? t.attendance.allAcked : t.attendance.notAllAcked(unacked.length)}</p>
          </div>
          <div className="utrecht-table-container casus-table-container">
            <table ref={tableRef} className="utrecht-table utrecht-table--html-table casus-table" data-e2e="attendee-list">
              <caption className="utrecht-table__caption casus-visually-hidden">{t.attendance.caption}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {t.attendance.name}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t.attendance.org}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t.attendance.role}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {t.attendance.ack}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {meeting.attendees.map((a) => (
                  <tr key={a.id} className="utrecht-table__row" data-attendee-name={a.name}>
                    <th scope="row" className="utrecht-table__header-cell casus-table__name">
                      {a.name}
                    </th>
                    <td className="utrecht-table__cell">{orgLabel(a.org)}</td>
                    <td className="utrecht-table__cell">{a.role}</td>
                    <td className="utrecht-table__cell">
                      {a.acknowledged ? (
                        <span className="casus-m-badge casus-m-badge--ok" data-e2e="acked">
                          {t.attendance.acked}
                        </span>
                      ) : (
                        <span className="casus-m-ack">
                          {/* While it can be confirmed, the button says it all (and keeps the column narrow). */}
                          {!open && <span className="casus-m-badge casus-m-badge--todo">{t.attendance.notAcked}</span>}
                          {open && (
                            <button
                              type="button"
                              className="utrecht-button utrecht-button--secondary-action"
                              data-e2e="ack"
                              data-attendee-id={a.id}
                              data-attendee-name={a.name}
                              aria-label={t.attendance.ackButtonFor(a.name)}
                              aria-disabled={busy ? true : undefined}
                              onClick={() => void acknowledge(a.id, a.name)}
                            >
                              {t.attendance.ackButton}
                            </button>
                          )}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <StatusLine text={status} statusRef={statusRef} e2e="attendance-status" />
      {failure && <ErrorAlert error={failure} />}
      {open && <AddAttendeeForm ctx={ctx} />}
    </section>
  );
}

type Errors = Partial<Record<"name" | "org", string>>;

function AddAttendeeForm({ ctx }: { ctx: MeetingCtx }) {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const [form, setForm] = useState<AttendeeInput>({ name: "", org: "", role: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const orgRef = useRef<HTMLSelectElement>(null);
  const failureRef = useFocusOn<HTMLDivElement>(failure);

  const set = (key: keyof AttendeeInput) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: Errors = {};
    if (form.name.trim() === "") next.name = t.attendance.nameMissing;
    if (form.org === "") next.org = t.attendance.orgMissing;
    setErrors(next);
    if (next.name) return nameRef.current?.focus();
    if (next.org) return orgRef.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      const name = form.name.trim();
      await api.meetingAttend(ctx.meeting.id, { name, org: form.org, role: form.role.trim() });
      await ctx.refresh();
      setForm({ name: "", org: "", role: "" });
      setStatus(t.attendance.added(name));
      // Ready for the next attendee.
      requestAnimationFrame(() => nameRef.current?.focus());
    } catch (error) {
      setFailure(error as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="casus-m-form">
      <fieldset className="utrecht-form-fieldset casus-m-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t.attendance.add}</legend>
        <div className="casus-m-row">
          <TextField
            label={t.attendance.addName}
            aria-required
            value={form.name}
            onChange={set("name")}
            error={errors.name}
            ref={nameRef}
            data-e2e="attendee-name"
          />
          <SelectField
            label={t.attendance.addOrg}
            aria-required
            value={form.org}
            onChange={set("org")}
            options={vocab.organisations}
            placeholder={t.attendance.choose}
            error={errors.org}
            ref={orgRef}
            data-e2e="attendee-org"
          />
          <TextField label={t.attendance.addRole} hint={t.attendance.addRoleHint} value={form.role} onChange={set("role")} data-e2e="attendee-role" />
        </div>
      </fieldset>
      {failure && (
        <div ref={failureRef} tabIndex={-1}>
          <ErrorAlert error={failure} />
        </div>
      )}
      <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="attendee-add">
        {t.attendance.addSubmit}
      </button>
      <StatusLine text={status} e2e="attendee-status" />
    </form>
  );
}
