// One agenda item in meeting mode: who is in the room for it (partners leave and return), and the
// BOB: beeldvorming (shares, each checked by the core against the covenant for everyone present),
// oordeelsvorming (judgement, risk instrument) and besluitvorming (decisions, actions, ...).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { ErrorAlert } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { AgendaItemView, AppError, DecisionInput, DecisionView, InstrumentInput, ShareView } from "../../lib/ipc/types";
import { Checkbox, SelectField, StatusLine, TextArea, TextField, today, useFocusOn } from "./fields";
import { messages } from "./messages";
import { DECIDE_KINDS, JUDGEMENT_KINDS, isOpen, presentOrgs, useKindLabel, useOrgLabel, type MeetingCtx } from "./shared";
import { inTextField } from "./workspace";

interface ItemProps {
  ctx: MeetingCtx;
  item: AgendaItemView;
}

// ---------------------------------------------------------------------------------------------
// Presence

export function PresencePanel({ ctx, item }: ItemProps) {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  const { meeting } = ctx;
  const headingId = useId();
  const open = isOpen(meeting);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const pendingRef = useRef<Record<string, boolean>>({});
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<{ error: AppError; present: boolean } | null>(null);
  const busy = Object.keys(pending).length > 0;
  const unacked = meeting.attendees.some((a) => !a.acknowledged);

  const isPresent = (id: string) => pending[id] ?? item.present.includes(id);

  async function toggle(attendeeId: string, present: boolean) {
    const who = meeting.attendees.find((a) => a.id === attendeeId);
    // One change per attendee at a time; two people leaving at once are two changes.
    if (!who || pendingRef.current[attendeeId] !== undefined) return;
    pendingRef.current = { ...pendingRef.current, [attendeeId]: present };
    setPending(pendingRef.current);
    setFailure(null);
    try {
      await api.meetingPresence(meeting.id, item.case_id, attendeeId, present);
      await ctx.refresh();
      setStatus(present ? t.item.returned(who.name, orgLabel(who.org)) : t.item.left(who.name, orgLabel(who.org)));
    } catch (error) {
      setStatus("");
      setFailure({ error: error as AppError, present });
    } finally {
      const { [attendeeId]: _done, ...rest } = pendingRef.current;
      pendingRef.current = rest;
      setPending(rest);
    }
  }

  async function everyoneIn() {
    if (busy) return;
    const absent = meeting.attendees.filter((a) => !item.present.includes(a.id));
    pendingRef.current = Object.fromEntries(absent.map((a) => [a.id, true]));
    setPending(pendingRef.current);
    setFailure(null);
    try {
      for (const a of absent) await api.meetingPresence(meeting.id, item.case_id, a.id, true);
      setStatus(t.item.allInDone);
    } catch (error) {
      setStatus("");
      setFailure({ error: error as AppError, present: true });
    } finally {
      await ctx.refresh();
      pendingRef.current = {};
      setPending({});
    }
  }

  // Alt+1 … Alt+9: the n-th attendee present or gone, outside text fields (where Alt+digit may type).
  const toggleRef = useRef<(n: number) => void>(() => {});
  toggleRef.current = (n: number) => {
    const who = meeting.attendees[n - 1];
    if (who && open) void toggle(who.id, !isPresent(who.id));
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || inTextField(event.target)) return;
      const digit = /^Digit([1-9])$/.exec(event.code);
      if (!digit) return;
      event.preventDefault();
      toggleRef.current(Number(digit[1]));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const orgs = presentOrgs(meeting, item, vocab.organisations);
  const anyAbsent = meeting.attendees.some((a) => !item.present.includes(a.id));
  const inRoom = meeting.attendees.filter((a) => isPresent(a.id)).length;

  return (
    <section aria-labelledby={headingId} className="casus-m-sub" data-e2e="presence-panel">
      <h3 id={headingId} className="utrecht-heading-3">
        {t.item.presenceTitle}
      </h3>
      {meeting.attendees.length === 0 ? (
        <p className="utrecht-paragraph">{t.item.noAttendees}</p>
      ) : (
        <>
          {open && <p className="utrecht-paragraph casus-m-muted">{t.item.presenceIntro}</p>}
          {open && unacked && (
            <div className="utrecht-alert utrecht-alert--warning casus-m-note">
              <p className="utrecht-paragraph">{t.item.needAck}</p>
            </div>
          )}
          <fieldset className="utrecht-form-fieldset casus-m-fieldset">
            <legend className="utrecht-form-fieldset__legend casus-visually-hidden">{t.item.presenceLegend}</legend>
            <p className="utrecht-paragraph casus-ws-room" data-e2e="room-now">
              {t.ws.roomNow(inRoom, meeting.attendees.length)}
            </p>
            <ul className="casus-m-presence">
              {meeting.attendees.map((a, i) => {
                const here = isPresent(a.id);
                return (
                  <li key={a.id} className={`casus-m-presence__row ${here ? "is-in" : "is-out"}`}>
                    {open && i < 9 && (
                      <kbd className="casus-ws-key" aria-hidden="true">
                        {t.ws.presenceKey(i + 1)}
                      </kbd>
                    )}
                    <Checkbox
                      aria-keyshortcuts={open && i < 9 ? `Alt+${i + 1}` : undefined}
                      checked={here}
                      disabled={!open}
                      data-e2e="presence"
                      data-attendee-name={a.name}
                      data-attendee-id={a.id}
                      label={t.item.presenceLabel(a.name, orgLabel(a.org))}
                      onChange={(checked) => void toggle(a.id, checked)}
                    />
                    <span className={`casus-m-badge ${here ? "casus-m-badge--in" : "casus-m-badge--out"}`} aria-hidden="true">
                      {here ? t.item.inRoom : t.item.outOfRoom}
                    </span>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <p className="utrecht-paragraph" data-e2e="present-orgs">
            {orgs.length === 0 ? t.item.nobody : t.item.presentOrgs(orgs.map(orgLabel).join(", "))}
          </p>
          {open && anyAbsent && (
            <button
              type="button"
              className="utrecht-button utrecht-button--secondary-action"
              aria-disabled={busy ? true : undefined}
              data-e2e="presence-all"
              onClick={() => void everyoneIn()}
            >
              {t.item.allIn}
            </button>
          )}
        </>
      )}
      <StatusLine text={status} e2e="presence-status" />
      {failure && (
        <>
          <ErrorAlert error={failure.error} />
          {failure.present && unacked && <p className="utrecht-paragraph">{t.item.needAck}</p>}
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Beeldvorming

type ShareErrors = Partial<Record<"source" | "category" | "basis" | "content", string>>;

export function SharePanel({ ctx, item }: ItemProps) {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  const { meeting } = ctx;
  const headingId = useId();
  const open = isOpen(meeting);
  const here = presentOrgs(meeting, item, vocab.organisations);
  const [source, setSource] = useState("");
  const [category, setCategory] = useState("");
  const [basis, setBasis] = useState("");
  const [content, setContent] = useState("");
  const [to, setTo] = useState<string[]>([]);
  const [errors, setErrors] = useState<ShareErrors>({});
  const [refusal, setRefusal] = useState<AppError | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const refs = {
    source: useRef<HTMLSelectElement>(null),
    category: useRef<HTMLSelectElement>(null),
    basis: useRef<HTMLSelectElement>(null),
    content: useRef<HTMLTextAreaElement>(null),
  };
  const statusRef = useRef<HTMLParagraphElement>(null);
  const refusalRef = useFocusOn<HTMLDivElement>(refusal);

  const recipients = here.filter((o) => o !== source);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: ShareErrors = {};
    if (!here.includes(source)) next.source = t.share.sourceMissing;
    if (category === "") next.category = t.share.categoryMissing;
    if (basis === "") next.basis = t.share.basisMissing;
    if (content.trim() === "") next.content = t.share.contentMissing;
    setErrors(next);
    const first = (["source", "category", "basis", "content"] as const).find((k) => next[k]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    const chosen = to.filter((o) => recipients.includes(o));
    setBusy(true);
    setRefusal(null);
    setStatus("");
    try {
      const share = await api.meetingShare(meeting.id, item.case_id, {
        source,
        category,
        basis,
        content: content.trim(),
        to: chosen.length > 0 ? chosen : null,
      });
      await ctx.refresh();
      setContent("");
      setTo([]);
      const orgs = share.allowed_to.length > 0 ? share.allowed_to.map(orgLabel).join(", ") : t.share.sharedWithNobody;
      setStatus(t.share.done(orgs, share.covenant));
      requestAnimationFrame(() => statusRef.current?.focus());
    } catch (error) {
      // Nothing was recorded: keep what was typed, so it can be shared once the room allows it.
      setRefusal(error as AppError);
    } finally {
      setBusy(false);
    }
  }

  const refusedByRoom = refusal && (refusal.code === "forbidden" || refusal.code === "invalid_input");
  // The core also refuses while someone in the room has not acknowledged confidentiality.
  const unackedHere = meeting.attendees.some((a) => item.present.includes(a.id) && !a.acknowledged);

  return (
    <section aria-labelledby={headingId} className="casus-m-sub casus-m-bob" data-e2e="share">
      <h3 id={headingId} className="utrecht-heading-3">
        {t.share.title}
      </h3>
      <p className="utrecht-paragraph casus-m-muted">{t.share.intro}</p>
      {/* What the core left out for this organisation, in its own words. */}
      {item.withheld && <p className="utrecht-paragraph casus-m-muted">{item.withheld}</p>}
      {item.shares.length === 0 ? (
        <p className="utrecht-paragraph">{t.share.none}</p>
      ) : (
        <ul className="casus-m-records" aria-label={t.share.listLabel} data-e2e="share-list">
          {item.shares.map((s) => (
            <ShareEntry key={s.id} share={s} />
          ))}
        </ul>
      )}
      {open && here.length === 0 && (
        <div className="utrecht-alert utrecht-alert--info casus-m-note">
          <p className="utrecht-paragraph">{t.share.nobodyPresent}</p>
        </div>
      )}
      {open && here.length > 0 && (
        <form noValidate onSubmit={submit} className="casus-m-form">
          <fieldset className="utrecht-form-fieldset casus-m-fieldset">
            <legend className="utrecht-form-fieldset__legend">{t.share.legend}</legend>
            <div className="casus-m-row">
              <SelectField
                label={t.share.source}
                hint={t.share.sourceHint}
                aria-required
                value={source}
                onChange={setSource}
                options={here.map((o) => ({ code: o, label: orgLabel(o) }))}
                placeholder={t.share.choose}
                error={errors.source}
                ref={refs.source}
                data-e2e="share-source"
              />
              <SelectField
                label={t.share.category}
                aria-required
                value={category}
                onChange={setCategory}
                options={vocab.categories}
                placeholder={t.share.choose}
                error={errors.category}
                ref={refs.category}
                data-e2e="share-category"
              />
              <SelectField
                label={t.share.basis}
                aria-required
                value={basis}
                onChange={setBasis}
                options={vocab.bases}
                placeholder={t.share.choose}
                error={errors.basis}
                ref={refs.basis}
                data-e2e="share-basis"
              />
            </div>
            <TextArea
              label={t.share.content}
              hint={t.share.contentHint}
              aria-required
              value={content}
              onChange={setContent}
              error={errors.content}
              ref={refs.content}
              data-e2e="share-content"
            />
            {recipients.length > 0 && (
              <fieldset className="utrecht-form-fieldset casus-m-fieldset casus-m-fieldset--inner">
                <legend className="utrecht-form-fieldset__legend">{t.share.to}</legend>
                <p className="utrecht-paragraph casus-m-muted">{t.share.toHint}</p>
                {recipients.map((o) => (
                  <Checkbox
                    key={o}
                    checked={to.includes(o)}
                    data-e2e="share-to"
                    data-org={o}
                    label={orgLabel(o)}
                    onChange={(checked) => setTo((list) => (checked ? [...list, o] : list.filter((x) => x !== o)))}
                  />
                ))}
              </fieldset>
            )}
          </fieldset>
          {refusal && (
            <div ref={refusalRef} tabIndex={-1} className="casus-m-refusal" data-e2e="share-refused">
              {/* A covenant refusal names who may not receive it; the generic wording would only confuse. */}
              {!(refusal.refused_to && refusal.refused_to.length > 0) && <ErrorAlert error={refusal} />}
              {refusedByRoom && (
                <div className="utrecht-alert utrecht-alert--warning" role="alert">
                  {refusal.refused_to && refusal.refused_to.length > 0 && (
                    <p className="utrecht-paragraph" data-e2e="share-refused-to">
                      {t.share.refusedTo(refusal.refused_to.map((o) => label(vocab.organisations, o)).join(", "))}
                    </p>
                  )}
                  <p className="utrecht-paragraph">{t.share.refused}</p>
                  {unackedHere && <p className="utrecht-paragraph">{t.item.needAck}</p>}
                </div>
              )}
            </div>
          )}
          <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="share-submit">
            {t.share.submit}
          </button>
        </form>
      )}
      <StatusLine text={status} statusRef={statusRef} e2e="share-status" />
    </section>
  );
}

function ShareEntry({ share }: { share: ShareView }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  return (
    <li className="casus-m-record" data-e2e="share-entry">
      <p className="utrecht-paragraph casus-m-record__meta">
        {t.share.fromTo(orgLabel(share.source), label(vocab.categories, share.category), label(vocab.bases, share.basis))}
      </p>
      <p className="utrecht-paragraph casus-m-record__text">{share.content}</p>
      <p className="utrecht-paragraph casus-m-muted">
        {share.allowed_to.length > 0 ? t.share.sharedWith(share.allowed_to.map(orgLabel).join(", ")) : t.share.sharedWithNobody}
        {" · "}
        {t.share.covenant(share.covenant)}
      </p>
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Oordeelsvorming

export function JudgementPanel({ ctx, item }: ItemProps) {
  const t = useMessages(messages);
  const headingId = useId();
  const open = isOpen(ctx.meeting);
  const records = item.decisions.filter((d) => JUDGEMENT_KINDS.includes(d.kind));
  return (
    <section aria-labelledby={headingId} className="casus-m-sub casus-m-bob" data-e2e="judgement">
      <h3 id={headingId} className="utrecht-heading-3">
        {t.judgement.title}
      </h3>
      <p className="utrecht-paragraph casus-m-muted">{t.judgement.intro}</p>
      <DecisionRecords records={records} none={t.judgement.none} listLabel={t.judgement.listLabel} />
      {open && <JudgementForm ctx={ctx} item={item} />}
      {open && <InstrumentForm ctx={ctx} item={item} />}
    </section>
  );
}

/** Records a decision of any kind; returns true when it was recorded. */
function useDecide(ctx: MeetingCtx, item: AgendaItemView) {
  const { api } = useApp();
  const [failure, setFailure] = useState<AppError | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const failureRef = useFocusOn<HTMLDivElement>(failure);
  async function decide(form: DecisionInput, done: string): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setFailure(null);
    setStatus("");
    try {
      await api.meetingDecide(ctx.meeting.id, item.case_id, form);
      await ctx.refresh();
      setStatus(done);
      requestAnimationFrame(() => statusRef.current?.focus());
      return true;
    } catch (error) {
      setFailure(error as AppError);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const feedback = (e2e: string) => (
    <>
      {failure && (
        <div ref={failureRef} tabIndex={-1}>
          <ErrorAlert error={failure} />
        </div>
      )}
      <StatusLine text={status} statusRef={statusRef} e2e={e2e} />
    </>
  );
  return { decide, busy, feedback };
}

function JudgementForm({ ctx, item }: ItemProps) {
  const t = useMessages(messages);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { decide, busy, feedback } = useDecide(ctx, item);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "") {
      setError(t.judgement.textMissing);
      textRef.current?.focus();
      return;
    }
    setError(undefined);
    const ok = await decide(
      { kind: "judgement", text: text.trim(), owner_org: null, owner_person: "", deadline: null, instrument: null },
      t.judgement.done,
    );
    if (ok) setText("");
  }

  return (
    <form noValidate onSubmit={submit} className="casus-m-form">
      <fieldset className="utrecht-form-fieldset casus-m-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t.judgement.legend}</legend>
        <TextArea label={t.judgement.text} aria-required value={text} onChange={setText} error={error} ref={textRef} data-e2e="judgement-text" />
      </fieldset>
      <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="judgement-submit">
        {t.judgement.submit}
      </button>
      {feedback("judgement-status")}
    </form>
  );
}

type InstrumentErrors = Partial<Record<"name" | "assessor" | "date" | "judgement", string>>;

function InstrumentForm({ ctx, item }: ItemProps) {
  const t = useMessages(messages);
  const empty: InstrumentInput = { name: "", version: "", assessor: "", certified: false, date: today(), judgement: "" };
  const [form, setForm] = useState<InstrumentInput>(empty);
  const [errors, setErrors] = useState<InstrumentErrors>({});
  const refs = {
    name: useRef<HTMLInputElement>(null),
    assessor: useRef<HTMLInputElement>(null),
    date: useRef<HTMLInputElement>(null),
    judgement: useRef<HTMLTextAreaElement>(null),
  };
  const { decide, busy, feedback } = useDecide(ctx, item);
  const set = (key: "name" | "version" | "assessor" | "date" | "judgement") => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: InstrumentErrors = {};
    if (form.name.trim() === "") next.name = t.judgement.nameMissing;
    if (form.assessor.trim() === "") next.assessor = t.judgement.assessorMissing;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) next.date = t.judgement.dateMissing;
    if (form.judgement.trim() === "") next.judgement = t.judgement.resultMissing;
    setErrors(next);
    const first = (["name", "assessor", "date", "judgement"] as const).find((k) => next[k]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    const instrument: InstrumentInput = {
      name: form.name.trim(),
      version: form.version.trim(),
      assessor: form.assessor.trim(),
      certified: form.certified,
      date: form.date,
      judgement: form.judgement.trim(),
    };
    const ok = await decide(
      { kind: "instrument", text: "", owner_org: null, owner_person: "", deadline: null, instrument },
      t.judgement.instrumentDone,
    );
    if (ok) setForm(empty);
  }

  return (
    <form noValidate onSubmit={submit} className="casus-m-form">
      <fieldset className="utrecht-form-fieldset casus-m-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t.judgement.instrumentLegend}</legend>
        <div className="casus-m-row">
          <TextField
            label={t.judgement.name}
            hint={t.judgement.nameHint}
            aria-required
            value={form.name}
            onChange={set("name")}
            error={errors.name}
            ref={refs.name}
            data-e2e="instrument-name"
          />
          <TextField label={t.judgement.version} value={form.version} onChange={set("version")} data-e2e="instrument-version" />
          <TextField
            label={t.judgement.assessor}
            aria-required
            value={form.assessor}
            onChange={set("assessor")}
            error={errors.assessor}
            ref={refs.assessor}
            data-e2e="instrument-assessor"
          />
          <TextField
            label={t.judgement.date}
            type="date"
            aria-required
            value={form.date}
            onChange={set("date")}
            error={errors.date}
            ref={refs.date}
            data-e2e="instrument-date"
          />
        </div>
        <Checkbox
          checked={form.certified}
          label={t.judgement.certified}
          data-e2e="instrument-certified"
          onChange={(certified) => setForm((f) => ({ ...f, certified }))}
        />
        <TextArea
          label={t.judgement.result}
          aria-required
          rows={3}
          value={form.judgement}
          onChange={set("judgement")}
          error={errors.judgement}
          ref={refs.judgement}
          data-e2e="instrument-judgement"
        />
      </fieldset>
      <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="instrument-submit">
        {t.judgement.instrumentSubmit}
      </button>
      {feedback("instrument-status")}
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Besluitvorming

export function DecisionPanel({ ctx, item }: ItemProps) {
  const t = useMessages(messages);
  const headingId = useId();
  const open = isOpen(ctx.meeting);
  const records = item.decisions.filter((d) => !JUDGEMENT_KINDS.includes(d.kind));
  return (
    <section aria-labelledby={headingId} className="casus-m-sub casus-m-bob" data-e2e="decision">
      <h3 id={headingId} className="utrecht-heading-3">
        {t.decision.title}
      </h3>
      <p className="utrecht-paragraph casus-m-muted">{open ? t.decision.intro : t.decision.closedIntro}</p>
      <DecisionRecords records={records} none={t.decision.none} listLabel={t.decision.listLabel} />
      <DecisionForm ctx={ctx} item={item} />
    </section>
  );
}

type DecisionErrors = Partial<Record<"text" | "owner_org" | "owner_person" | "deadline", string>>;

function DecisionForm({ ctx, item }: ItemProps) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const kindLabel = useKindLabel();
  const open = isOpen(ctx.meeting);
  const kinds: string[] = open ? [...DECIDE_KINDS] : ["addendum"];
  const [kind, setKind] = useState<string>(kinds[0] ?? "decision");
  const [text, setText] = useState("");
  const [ownerOrg, setOwnerOrg] = useState("");
  const [ownerPerson, setOwnerPerson] = useState("");
  const [deadline, setDeadline] = useState("");
  const [errors, setErrors] = useState<DecisionErrors>({});
  const refs = {
    text: useRef<HTMLTextAreaElement>(null),
    owner_org: useRef<HTMLSelectElement>(null),
    owner_person: useRef<HTMLInputElement>(null),
    deadline: useRef<HTMLInputElement>(null),
  };
  const { decide, busy, feedback } = useDecide(ctx, item);
  const current = kinds.includes(kind) ? kind : (kinds[0] ?? "decision");
  const needsOwner = current === "action" || current === "case_lead";
  const showOwner = needsOwner || current === "decision" || current === "scale" || current === "addendum";
  const needsDate = current === "action" || current === "evaluation";
  const showDate = needsDate || current === "decision" || current === "scale" || current === "addendum";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: DecisionErrors = {};
    if (text.trim() === "") next.text = t.decision.textMissing;
    if (needsOwner && ownerOrg === "") next.owner_org = t.decision.ownerOrgMissing;
    if (needsOwner && ownerPerson.trim() === "") next.owner_person = t.decision.ownerPersonMissing;
    if (needsDate && !/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
      next.deadline = current === "evaluation" ? t.decision.evaluationMissing : t.decision.deadlineMissing;
    }
    setErrors(next);
    const first = (["text", "owner_org", "owner_person", "deadline"] as const).find((k) => next[k]);
    if (first) {
      refs[first].current?.focus();
      return;
    }
    const ok = await decide(
      {
        kind: current,
        text: text.trim(),
        owner_org: showOwner && ownerOrg !== "" ? ownerOrg : null,
        owner_person: showOwner ? ownerPerson.trim() : "",
        deadline: showDate && deadline !== "" ? deadline : null,
        instrument: null,
      },
      t.decision.done(kindLabel(current)),
    );
    if (ok) {
      setText("");
      setOwnerOrg("");
      setOwnerPerson("");
      setDeadline("");
    }
  }

  return (
    <form noValidate onSubmit={submit} className="casus-m-form">
      <fieldset className="utrecht-form-fieldset casus-m-fieldset">
        <legend className="utrecht-form-fieldset__legend">{t.decision.legend}</legend>
        <SelectField
          label={t.decision.kind}
          value={current}
          onChange={(k) => {
            setKind(k);
            setErrors({});
          }}
          options={kinds.map((k) => ({ code: k, label: kindLabel(k) }))}
          data-e2e="decision-kind"
        />
        <TextArea
          label={t.decision.text}
          aria-required
          rows={3}
          value={text}
          onChange={setText}
          error={errors.text}
          ref={refs.text}
          data-e2e="decision-text"
        />
        {showOwner && (
          <div className="casus-m-row">
            <SelectField
              label={needsOwner ? t.decision.ownerOrg : `${t.decision.ownerOrg} (${t.common.optional})`}
              aria-required={needsOwner || undefined}
              value={ownerOrg}
              onChange={setOwnerOrg}
              options={vocab.organisations}
              placeholder={t.decision.choose}
              error={errors.owner_org}
              ref={refs.owner_org}
              data-e2e="decision-owner-org"
            />
            <TextField
              label={needsOwner ? t.decision.ownerPerson : `${t.decision.ownerPerson} (${t.common.optional})`}
              aria-required={needsOwner || undefined}
              value={ownerPerson}
              onChange={setOwnerPerson}
              error={errors.owner_person}
              ref={refs.owner_person}
              data-e2e="decision-owner-person"
            />
          </div>
        )}
        {showDate && (
          <TextField
            label={
              current === "evaluation"
                ? t.decision.evaluationDate
                : needsDate
                  ? t.decision.deadline
                  : `${t.decision.deadline} (${t.common.optional})`
            }
            type="date"
            aria-required={needsDate || undefined}
            value={deadline}
            onChange={setDeadline}
            error={errors.deadline}
            ref={refs.deadline}
            data-e2e="decision-deadline"
          />
        )}
      </fieldset>
      <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy ? true : undefined} data-e2e="decision-submit">
        {t.decision.submit}
      </button>
      {feedback("decision-status")}
    </form>
  );
}

function DecisionRecords({ records, none, listLabel }: { records: DecisionView[]; none: string; listLabel: string }) {
  const kindLabel = useKindLabel();
  const orgLabel = useOrgLabel();
  const t = useMessages(messages);
  if (records.length === 0) return <p className="utrecht-paragraph">{none}</p>;
  return (
    <ul className="casus-m-records" aria-label={listLabel}>
      {records.map((d) => (
        <li key={d.seq} className="casus-m-record">
          <p className="utrecht-paragraph casus-m-record__meta">
            {d.seq}. {kindLabel(d.kind)} · <time dateTime={d.at}>{dateTime(d.at)}</time>
          </p>
          <p className="utrecht-paragraph casus-m-record__text">{d.text}</p>
          {(d.owner_org || d.owner_person || d.deadline) && (
            <p className="utrecht-paragraph casus-m-muted">
              {(d.owner_org || d.owner_person) && t.presentation.owner(orgLabel(d.owner_org), d.owner_person)}
              {(d.owner_org || d.owner_person) && d.deadline && " · "}
              {d.deadline && t.presentation.deadline(shortDate(d.deadline))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
