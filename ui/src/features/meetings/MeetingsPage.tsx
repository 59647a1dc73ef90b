// The case meetings (casusoverleggen): a list (date, place, status, number of agenda items) and a
// form to plan a new one. Opening or creating a meeting goes to meeting mode.
import { useId, useRef, useState, type FormEvent } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert, Loaded, useLoad } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { AppError, MeetingInput } from "../../lib/ipc/types";
import { TextField, today, useFocusOn } from "./fields";
import { messages } from "./messages";
import "./meetings.css";

export function MeetingsPage() {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const headingId = useId();
  const [list] = useLoad(() => api.meetingList(), [api]);

  return (
    <section aria-labelledby={headingId} className="casus-m">
      <h1 id={headingId} className="utrecht-heading-1">
        {t.list.title}
      </h1>
      <Loaded load={list}>
        {(meetings) =>
          meetings.length === 0 ? (
            <p className="utrecht-paragraph">{t.list.none}</p>
          ) : (
            <div className="utrecht-table-container casus-table-container">
              <table className="utrecht-table utrecht-table--html-table casus-table" data-e2e="meeting-list">
                <caption className="utrecht-table__caption casus-visually-hidden">{t.list.caption}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.list.date}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.list.place}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell">
                      {t.list.status}
                    </th>
                    <th scope="col" className="utrecht-table__header-cell utrecht-table__header-cell--numeric">
                      {t.list.items}
                    </th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {meetings.map((m) => (
                    <tr key={m.id} className="utrecht-table__row" data-meeting-id={m.id}>
                      <th scope="row" className="utrecht-table__header-cell casus-table__name">
                        <button
                          type="button"
                          className="casus-link-button"
                          data-e2e="meeting-open"
                          aria-label={t.list.open(shortDate(m.held_on))}
                          onClick={() => go({ page: "meeting", meetingId: m.id })}
                        >
                          <time dateTime={m.held_on}>{shortDate(m.held_on)}</time>
                        </button>
                      </th>
                      <td className="utrecht-table__cell">{m.place || t.list.noPlace}</td>
                      <td className="utrecht-table__cell">
                        <span className={`casus-m-badge casus-m-badge--${m.status === "open" ? "open" : "closed"}`}>
                          {t.status[m.status] ?? m.status}
                        </span>
                      </td>
                      <td className="utrecht-table__cell utrecht-table__cell--numeric">{m.items}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <NewMeetingForm />
    </section>
  );
}

type Errors = Partial<Record<"held_on" | "chair", string>>;

function NewMeetingForm() {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const headingId = useId();
  const [form, setForm] = useState<MeetingInput>({ held_on: today(), place: "", chair: "", minute_taker: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const heldOnRef = useRef<HTMLInputElement>(null);
  const chairRef = useRef<HTMLInputElement>(null);
  const failureRef = useFocusOn<HTMLDivElement>(failure);

  const set = (key: keyof MeetingInput) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.held_on)) next.held_on = t.create.heldOnMissing;
    if (form.chair.trim() === "") next.chair = t.create.chairMissing;
    setErrors(next);
    if (next.held_on) return heldOnRef.current?.focus();
    if (next.chair) return chairRef.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      const id = await api.meetingNew({
        held_on: form.held_on,
        place: form.place.trim(),
        chair: form.chair.trim(),
        minute_taker: form.minute_taker.trim(),
      });
      go({ page: "meeting", meetingId: id });
    } catch (error) {
      setFailure(error as AppError);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="casus-m-panel">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.create.title}
      </h2>
      <form noValidate onSubmit={submit} data-e2e="meeting-new" className="casus-m-form">
        <TextField
          label={t.create.heldOn}
          type="date"
          aria-required
          value={form.held_on}
          onChange={set("held_on")}
          error={errors.held_on}
          ref={heldOnRef}
          data-e2e="meeting-held-on"
        />
        <TextField label={t.create.place} hint={t.create.placeHint} value={form.place} onChange={set("place")} data-e2e="meeting-place" />
        <TextField
          label={t.create.chair}
          aria-required
          value={form.chair}
          onChange={set("chair")}
          error={errors.chair}
          ref={chairRef}
          data-e2e="meeting-chair"
        />
        <TextField label={t.create.minuteTaker} value={form.minute_taker} onChange={set("minute_taker")} data-e2e="meeting-minute-taker" />
        {failure && (
          <div ref={failureRef} tabIndex={-1}>
            <ErrorAlert error={failure} />
          </div>
        )}
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          aria-disabled={busy ? true : undefined}
          data-e2e="meeting-create"
        >
          {busy ? t.create.busy : t.create.submit}
        </button>
      </form>
    </section>
  );
}
