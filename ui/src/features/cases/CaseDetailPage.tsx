// The case screen: who the case is about (or "afgeschermd"), its phase and member organisations,
// the timeline (signals and information by date, merged with the phase decisions), what the
// covenant left out and why, the next lifecycle steps (blocked ones with their reason), and the
// decision whether the person is informed. The core decides every read and every step.
import { useId, useRef, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { can, canForAny } from "../../app/policy";
import { DateField, RadioField, TextArea, TextField } from "../../components/fields";
import { ErrorAlert, Loaded, useLoad, type Load } from "../../components/status";
import { dateTime, shortDate, useMessages } from "../../i18n/lang";
import type { AppError, CaseAction, CaseDetail, CaseMeetingEntry, HistoryEntry, InformDecision, ItemView } from "../../lib/ipc/types";
import { hasCaseTab } from "../privacy/PrivacyPage";
import { messages } from "./messages";
import { capitalise, isIsoDate, stateClass, useFocusHeading } from "./util";
import "./cases.css";

type T = (typeof messages)["nl"];

interface CaseData {
  detail: CaseDetail;
  history: HistoryEntry[] | null;
  meetings: CaseMeetingEntry[];
}

export function CaseDetailPage({ caseId }: { caseId: string }) {
  const { api, user } = useApp();
  const t = useMessages(messages);
  const [load, reload] = useLoad<CaseData>(async () => {
    const [detail, history, meetings] = await Promise.all([
      api.showCase(caseId),
      // Only when the core lets this user read it (it refuses, and logs, others).
      can(user, "read_case_history") ? api.caseHistory(caseId) : Promise.resolve(null),
      api.caseMeetingRecord(caseId),
    ]);
    return { detail, history, meetings };
  }, [caseId]);
  const [actions, reloadActions] = useLoad(() => api.caseActions(caseId), [caseId]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusHeading(headingRef);

  const refresh = () => {
    reload();
    reloadActions();
  };

  const ready = load.kind === "ready" ? load.value : null;
  const title = ready === null ? t.detail.loadingTitle : ready.detail.subject ? t.detail.title(ready.detail.subject.name) : t.detail.titleShielded;
  return (
    <div className="casus-case">
      <h1 ref={headingRef} tabIndex={-1} className="utrecht-heading-1" data-e2e="case-title">
        {title}
      </h1>
      {ready === null ? <Loaded load={load}>{() => null}</Loaded> : <CaseBody data={ready} actions={actions} refresh={refresh} t={t} />}
    </div>
  );
}

function CaseBody({ data, actions, refresh, t }: { data: CaseData; actions: Load<CaseAction[]>; refresh: () => void; t: T }) {
  const { user } = useApp();
  const { detail, history, meetings } = data;
  const caseId = detail.id;
  return (
    <>
      <PhaseLine detail={detail} t={t} />
      <CaseLinks detail={detail} t={t} />
      <SubjectSection detail={detail} t={t} />
      <MembersSection detail={detail} t={t} />
      <WithheldNotice detail={detail} t={t} />
      <section aria-labelledby="casus-actions-heading" className="casus-case__section">
        <h2 id="casus-actions-heading" className="utrecht-heading-2">
          {t.actions.title}
        </h2>
        <Loaded load={actions}>
          {(list) => <Actions caseId={caseId} actions={list} onDone={refresh} t={t} />}
        </Loaded>
      </section>
      <Timeline detail={detail} history={history} meetings={meetings} t={t} />
      {can(user, "record_inform") && <InformForm caseId={caseId} t={t} current={detail.inform} />}
    </>
  );
}

function PhaseLine({ detail, t }: { detail: CaseDetail; t: T }) {
  const { vocab } = useApp();
  return (
    <p className="utrecht-paragraph casus-case__phase">
      {t.detail.number}: <strong data-e2e="case-number">{detail.number}</strong>
      {" · "}
      {t.detail.phase}:{" "}
      <span className={stateClass(detail.state)} data-e2e="case-state" data-state={detail.state}>
        {capitalise(label(vocab.states, detail.state))}
      </span>
    </p>
  );
}

function CaseLinks({ detail, t }: { detail: CaseDetail; t: T }) {
  const { go, user } = useApp();
  const caseId = detail.id;
  return (
    <nav aria-label={t.detail.links} className="casus-case__links">
      <ul className="casus-button-row">
        <li>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="add-signal" onClick={() => go({ page: "signal", caseId })}>
            {t.detail.addSignal}
          </button>
        </li>
        {detail.state === "under_weighing" && can(user, "weigh") && (
          <li>
            <button type="button" className="utrecht-button utrecht-button--primary-action" data-e2e="open-weighing" onClick={() => go({ page: "weighing", caseId })}>
              {t.detail.weigh}
            </button>
          </li>
        )}
        <li>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="open-plan" onClick={() => go({ page: "plan", caseId, meetingId: null })}>
            {t.detail.plan}
          </button>
        </li>
        <li>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="open-export" onClick={() => go({ page: "export", caseId })}>
            {t.detail.export}
          </button>
        </li>
        {hasCaseTab(user) && (
          <li>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="open-inzage" onClick={() => go({ page: "privacy", caseId })}>
              {t.detail.privacy}
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}

function SubjectSection({ detail, t }: { detail: CaseDetail; t: T }) {
  const s = detail.subject;
  return (
    <section aria-labelledby="casus-subject-heading" className="casus-case__section">
      <h2 id="casus-subject-heading" className="utrecht-heading-2">
        {t.detail.subject}
      </h2>
      {s ? (
        <dl className="casus-facts" data-e2e="case-subject">
          <dt>{t.detail.name}</dt>
          <dd>{s.name}</dd>
          <dt>{t.detail.born}</dt>
          <dd>
            <time dateTime={s.born}>{shortDate(s.born)}</time>
          </dd>
          <dt>{t.detail.bsn}</dt>
          <dd>{s.bsn ?? t.detail.none}</dd>
          <dt>{t.detail.address}</dt>
          <dd>{s.address.trim() === "" ? t.detail.none : s.address}</dd>
        </dl>
      ) : (
        <>
          <p className="utrecht-paragraph casus-shielded" data-e2e="case-subject-shielded">
            {t.detail.shielded}
          </p>
          <Why caseId={detail.id} item="subject" buttonText={t.why.subjectButton} t={t} />
        </>
      )}
      {detail.notes !== null && detail.notes.trim() !== "" && (
        <>
          <h3 className="utrecht-heading-3">{t.detail.notes}</h3>
          <LongText text={detail.notes} more={t.detail.more} less={t.detail.less} />
        </>
      )}
    </section>
  );
}

function MembersSection({ detail, t }: { detail: CaseDetail; t: T }) {
  const { vocab } = useApp();
  return (
    <section aria-labelledby="casus-members-heading" className="casus-case__section">
      <h2 id="casus-members-heading" className="utrecht-heading-2">
        {t.detail.members}
      </h2>
      <ul className="utrecht-unordered-list casus-members" data-e2e="case-members">
        {detail.members.map((m) => (
          <li key={m}>{label(vocab.organisations, m)}</li>
        ))}
      </ul>
      <p className="utrecht-paragraph casus-muted">{t.detail.covenant(detail.covenant)}</p>
    </section>
  );
}

function WithheldNotice({ detail, t }: { detail: CaseDetail; t: T }) {
  const { vocab } = useApp();
  if (detail.withheld.length === 0) return null;
  return (
    <section aria-labelledby="casus-withheld-heading" className="utrecht-alert utrecht-alert--info casus-case__section" data-e2e="case-withheld">
      <h2 id="casus-withheld-heading" className="utrecht-heading-2">
        {t.withheld.title}
      </h2>
      <p className="utrecht-paragraph">{t.withheld.intro}</p>
      <ul className="utrecht-unordered-list">
        {detail.withheld.map((w) => (
          <li key={`${w.category}:${w.source}`}>
            {t.withheld.line(w.count, label(vocab.categories, w.category), label(vocab.organisations, w.source))}
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---- The covenant's explanation of one item ("Waarom?") -------------------------------------

function Why({ caseId, item, buttonText, describedBy, t }: { caseId: string; item: string; buttonText: string; describedBy?: string; t: T }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="casus-why">
      <button
        type="button"
        className="utrecht-button utrecht-button--secondary-action casus-why__button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-describedby={describedBy}
        data-e2e="why"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? t.why.close : buttonText}
      </button>
      {open && <WhyPanel id={panelId} caseId={caseId} item={item} t={t} />}
    </div>
  );
}

function WhyPanel({ id, caseId, item, t }: { id: string; caseId: string; item: string; t: T }) {
  const { api, user, vocab } = useApp();
  const [org, setOrg] = useState(user.org);
  const selectId = useId();
  const [verdict] = useLoad(() => api.covenantExplain(caseId, item, org), [caseId, item, org]);
  const orgName = label(vocab.organisations, org);
  return (
    <div id={id} className="casus-why__panel" data-e2e="why-panel">
      {/* Others may ask only about their own organisation. */}
      {canForAny(user, "explain_covenant") && (
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={selectId}>
              {t.why.org}
            </label>
          </div>
          <div className="utrecht-form-field__input">
            <select id={selectId} className="utrecht-select utrecht-select--html-select" value={org} data-e2e="why-org" onChange={(e) => setOrg(e.target.value)}>
              {vocab.organisations.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      <div aria-live="polite">
        <Loaded load={verdict}>
          {(v) => (
            <div className={`casus-verdict casus-verdict--${v.allowed ? "allowed" : "refused"}`} data-e2e="why-verdict" data-allowed={v.allowed}>
              <p className="utrecht-paragraph casus-verdict__answer">{v.allowed ? t.why.allowed(orgName) : t.why.refused(orgName)}</p>
              <p className="utrecht-paragraph">{v.explanation}</p>
              {v.overridden && <p className="utrecht-paragraph">{t.why.overridden}</p>}
              <dl className="casus-facts">
                <dt>{t.why.rules}</dt>
                <dd>{v.rules.length > 0 ? v.rules.join(", ") : t.why.noRules}</dd>
                {v.basis && (
                  <>
                    <dt>{t.why.basis}</dt>
                    <dd>{label(vocab.bases, v.basis)}</dd>
                  </>
                )}
                {v.conditions.length > 0 && (
                  <>
                    <dt>{t.why.conditions}</dt>
                    <dd>
                      <ul className="utrecht-unordered-list">
                        {v.conditions.map((c) => (
                          <li key={c}>{c}</li>
                        ))}
                      </ul>
                    </dd>
                  </>
                )}
                {v.alternatives.length > 0 && (
                  <>
                    <dt>{t.why.alternatives}</dt>
                    <dd>{v.alternatives.map((b) => label(vocab.bases, b)).join("; ")}</dd>
                  </>
                )}
              </dl>
              <p className="utrecht-paragraph casus-muted">{t.why.version(v.covenant)}</p>
            </div>
          )}
        </Loaded>
      </div>
    </div>
  );
}

// ---- Timeline ---------------------------------------------------------------------------------

type Entry =
  | { kind: "item"; date: string; order: string; item: ItemView }
  | { kind: "history"; date: string; order: string; entry: HistoryEntry }
  | { kind: "meeting"; date: string; order: string; record: CaseMeetingEntry; index: number };

/** Items (by date received) and decisions (by time) on one line, oldest first; on the same day a
 *  signal comes before the decision taken on it. */
function mergeTimeline(items: ItemView[], history: HistoryEntry[] | null, meetings: CaseMeetingEntry[]): Entry[] {
  const entries: Entry[] = [
    ...meetings.map((record, index): Entry => ({ kind: "meeting", date: localDay(record.at), order: `2|${record.at}`, record, index })),
    ...items.map((item): Entry => ({ kind: "item", date: item.received.slice(0, 10), order: `0|${item.received}`, item })),
    ...(history ?? []).map((entry): Entry => ({
      kind: "history",
      date: localDay(entry.at),
      order: `1|${entry.at}|${String(entry.seq).padStart(8, "0")}`,
      entry,
    })),
  ];
  return entries.sort((a, b) => a.date.localeCompare(b.date) || a.order.localeCompare(b.order));
}

/** The local calendar day of a timestamp (YYYY-MM-DD), as `dateTime` shows it. */
function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function Timeline({ detail, history, meetings, t }: { detail: CaseDetail; history: HistoryEntry[] | null; meetings: CaseMeetingEntry[]; t: T }) {
  const { vocab } = useApp();
  const entries = mergeTimeline(detail.items, history, meetings);
  const state = (code: string) => label(vocab.states, code);
  return (
    <section aria-labelledby="casus-timeline-heading" className="casus-case__section">
      <h2 id="casus-timeline-heading" className="utrecht-heading-2">
        {t.timeline.title}
      </h2>
      <p className="utrecht-paragraph casus-muted">{t.timeline.intro}</p>
      {history === null && <p className="utrecht-paragraph">{t.timeline.historyHidden}</p>}
      {entries.length === 0 ? (
        <p className="utrecht-paragraph">{t.timeline.empty}</p>
      ) : (
        <ol className="casus-timeline" data-e2e="case-timeline">
          {entries.map((e) =>
            e.kind === "item" ? (
              <ItemEntry key={`i-${e.item.id}`} caseId={detail.id} item={e.item} t={t} />
            ) : e.kind === "meeting" ? (
              <MeetingEntry key={`m-${e.index}`} record={e.record} t={t} />
            ) : (
              <li key={`h-${e.entry.seq}`} className="casus-timeline__entry casus-timeline__entry--decision" data-e2e="timeline-decision">
                <h3 className="utrecht-heading-3">
                  <time dateTime={e.entry.at}>{dateTime(e.entry.at)}</time> ·{" "}
                  {e.entry.from ? t.timeline.transition(state(e.entry.from), state(e.entry.to)) : t.timeline.opened(state(e.entry.to))}
                </h3>
                <dl className="casus-facts">
                  <dt>{t.timeline.by}</dt>
                  <dd>{e.entry.by ?? t.timeline.unknownUser}</dd>
                  {e.entry.reason !== null && e.entry.reason !== "" && (
                    <>
                      <dt>{t.timeline.reason}</dt>
                      <dd className="casus-prewrap">{e.entry.reason}</dd>
                    </>
                  )}
                  {e.entry.present !== null && e.entry.present.length > 0 && (
                    <>
                      <dt>{t.timeline.present}</dt>
                      <dd>{e.entry.present.join(", ")}</dd>
                    </>
                  )}
                  {e.entry.next_review && (
                    <>
                      <dt>{t.timeline.nextReview}</dt>
                      <dd>
                        <time dateTime={e.entry.next_review}>{shortDate(e.entry.next_review)}</time>
                      </dd>
                    </>
                  )}
                </dl>
              </li>
            ),
          )}
        </ol>
      )}
    </section>
  );
}

/** A share or a decision from a case meeting: what, when, who received it under which covenant. */
function MeetingEntry({ record, t }: { record: CaseMeetingEntry; t: T }) {
  const { vocab, go } = useApp();
  const orgs = (codes: string[]) => codes.map((c) => label(vocab.organisations, c)).join(", ");
  const isShare = record.kind === "share";
  return (
    <li className="casus-timeline__entry casus-timeline__entry--meeting" data-e2e="timeline-meeting" data-kind={record.kind}>
      <h3 className="utrecht-heading-3">
        <time dateTime={record.at}>{dateTime(record.at)}</time> ·{" "}
        {isShare
          ? t.timeline.shared(label(vocab.organisations, record.source), label(vocab.categories, record.category))
          : t.timeline.meetingDecision(label(vocab.decision_kinds, record.kind))}
      </h3>
      {record.text === null ? (
        <p className="utrecht-paragraph casus-muted">{t.timeline.meetingWithheld}</p>
      ) : (
        <p className="utrecht-paragraph casus-prewrap casus-timeline__content">{record.text}</p>
      )}
      <dl className="casus-facts">
        {isShare && (
          <>
            <dt>{t.timeline.sharedWith}</dt>
            <dd>{record.allowed_to.length > 0 ? orgs(record.allowed_to) : t.timeline.nobody}</dd>
            <dt>{t.timeline.verdict}</dt>
            <dd>{t.timeline.allowedBy(record.covenant ?? "")}</dd>
          </>
        )}
        {record.owner_org && (
          <>
            <dt>{t.timeline.owner}</dt>
            <dd>{label(vocab.organisations, record.owner_org)}</dd>
          </>
        )}
        {record.deadline && (
          <>
            <dt>{t.timeline.deadline}</dt>
            <dd>
              <time dateTime={record.deadline}>{shortDate(record.deadline)}</time>
            </dd>
          </>
        )}
        <dt>{t.timeline.meeting}</dt>
        <dd>
          <button type="button" className="casus-link-button" onClick={() => go({ page: "meeting", meetingId: record.meeting_id })}>
            {t.timeline.meetingOf(shortDate(record.held_on))}
          </button>
        </dd>
      </dl>
    </li>
  );
}

function ItemEntry({ caseId, item, t }: { caseId: string; item: ItemView; t: T }) {
  const { vocab } = useApp();
  const headingId = useId();
  return (
    <li className="casus-timeline__entry" data-e2e="timeline-item" data-item-id={item.id}>
      <h3 id={headingId} className="utrecht-heading-3">
        <time dateTime={item.received}>{shortDate(item.received)}</time> · {item.kind === "signal" ? t.timeline.signal : t.timeline.information}{" "}
        {label(vocab.organisations, item.source)}
      </h3>
      <p className="utrecht-paragraph casus-prewrap casus-timeline__content">{item.content}</p>
      <dl className="casus-facts">
        <dt>{t.timeline.source}</dt>
        <dd>{label(vocab.organisations, item.source)}</dd>
        {item.reporter_role.trim() !== "" && (
          <>
            <dt>{t.timeline.reporter}</dt>
            <dd>{item.reporter_role}</dd>
          </>
        )}
        <dt>{t.timeline.category}</dt>
        <dd>{label(vocab.categories, item.category)}</dd>
        <dt>{t.timeline.basis}</dt>
        <dd>{label(vocab.bases, item.basis)}</dd>
        <dt>{t.timeline.reliability}</dt>
        <dd>{label(vocab.reliabilities, item.reliability)}</dd>
        <dt>{t.timeline.received}</dt>
        <dd>
          <time dateTime={item.received}>{shortDate(item.received)}</time>
        </dd>
      </dl>
      {item.overridden && <p className="utrecht-paragraph casus-override">{t.timeline.overridden}</p>}
      <Why caseId={caseId} item={item.id} buttonText={t.why.button} describedBy={headingId} t={t} />
    </li>
  );
}

// ---- Lifecycle steps --------------------------------------------------------------------------

function Actions({ caseId, actions, onDone, t }: { caseId: string; actions: CaseAction[]; onDone: () => void; t: T }) {
  const { api, vocab } = useApp();
  const [chosen, setChosen] = useState<CaseAction | null>(null);
  const [done, setDone] = useState<string>("");
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // After a step the form is gone: focus goes to the notice that says what was recorded.
  const status = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const close = (to: string | null) => {
    setChosen(null);
    if (to) window.setTimeout(() => buttons.current.get(to)?.focus(), 0);
  };

  return (
    <>
      <p className="utrecht-paragraph casus-muted">{t.actions.intro}</p>
      <div role="status" className="casus-status" data-e2e="transition-status" ref={status} tabIndex={-1}>
        {done}
      </div>
      {actions.length === 0 ? (
        <p className="utrecht-paragraph">{t.actions.none}</p>
      ) : (
        <ul className="casus-actions">
          {actions.map((a) => {
            const whyId = `${baseId}-${a.to}`;
            return (
              <li key={a.to} className="casus-actions__item">
                <button
                  type="button"
                  ref={(el) => {
                    if (el) buttons.current.set(a.to, el);
                    else buttons.current.delete(a.to);
                  }}
                  className={`utrecht-button ${a.possible ? "utrecht-button--primary-action" : "utrecht-button--secondary-action"}`}
                  disabled={!a.possible}
                  aria-describedby={!a.possible && a.blocked_by ? whyId : undefined}
                  aria-expanded={a.possible ? chosen?.to === a.to : undefined}
                  data-e2e={`case-action-${a.to}`}
                  onClick={() => {
                    setDone("");
                    setChosen(a);
                  }}
                >
                  {capitalise(a.label)}
                </button>
                {!a.possible && a.blocked_by && (
                  <p id={whyId} className="utrecht-paragraph casus-blocked" data-e2e={`case-action-blocked-${a.to}`}>
                    {a.blocked_by}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {chosen && (
        <TransitionForm
          key={chosen.to}
          action={chosen}
          t={t}
          onCancel={() => close(chosen.to)}
          onSubmit={async (reason, present, nextReview) => {
            const result = await api.caseTransition(caseId, chosen.to, reason, present, nextReview);
            const msg = t.actions.done(label(vocab.states, result.to));
            setDone(result.destroy_after ? `${msg} ${t.actions.destroyAfter(shortDate(result.destroy_after))}` : msg);
            close(null);
            window.setTimeout(() => status.current?.focus(), 0);
            onDone();
          }}
        />
      )}
    </>
  );
}

/** Characters of a long text shown before "meer tonen": a long note must not push the next step
 * of the lifecycle far down the page. */
const LONG_TEXT = 600;

/** A text that is shown in full when short, and otherwise cut at a word with a button that opens
 * the rest (`aria-expanded`, the same paragraph grows). */
function LongText({ text, more, less }: { text: string; more: string; less: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (text.length <= LONG_TEXT) return <p className="utrecht-paragraph casus-prewrap">{text}</p>;
  const cut = text.lastIndexOf(" ", LONG_TEXT);
  const shown = open ? text : `${text.slice(0, cut > LONG_TEXT / 2 ? cut : LONG_TEXT)}…`;
  return (
    <>
      <p id={id} className="utrecht-paragraph casus-prewrap" data-e2e="long-text">
        {shown}
      </p>
      <button
        type="button"
        className="utrecht-button utrecht-button--subtle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? less : more}
      </button>
    </>
  );
}

function TransitionForm({
  action,
  onSubmit,
  onCancel,
  t,
}: {
  action: CaseAction;
  onSubmit: (reason: string, present: string[], nextReview: string | null) => Promise<void>;
  onCancel: () => void;
  t: T;
}) {
  const ids = { heading: useId() };
  const [reason, setReason] = useState("");
  const [present, setPresent] = useState("");
  const [review, setReview] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; review?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reviewRef = useRef<HTMLInputElement>(null);
  useFocusHeading(reasonRef);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: { reason?: string; review?: string } = {};
    if (reason.trim() === "") next.reason = t.actions.reasonMissing;
    if (review !== "" && !isIsoDate(review)) next.review = t.invalidDate;
    setErrors(next);
    if (next.reason) return reasonRef.current?.focus();
    if (next.review) return reviewRef.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      const names = present
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== "");
      await onSubmit(reason.trim(), names, review === "" ? null : review);
    } catch (e) {
      setFailure(e as AppError);
      setBusy(false);
    }
  }

  return (
    <form
      className="casus-panel"
      aria-labelledby={ids.heading}
      onSubmit={submit}
      noValidate
      data-e2e="transition-form"
      // Escape closes the inline form, as it would a dialog; focus goes back to the step's button.
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <h3 id={ids.heading} className="utrecht-heading-3">
        {t.actions.formTitle(capitalise(action.label))}
      </h3>
      {failure && <ErrorAlert error={failure} />}
      <TextArea
        ref={reasonRef}
        label={t.actions.reason}
        error={errors.reason}
        alert
        required
        rows={3}
        data-e2e="transition-reason"
        value={reason}
        onChange={setReason}
      />
      <TextField label={t.actions.present} hint={t.actions.presentHint} data-e2e="transition-present" value={present} onChange={setPresent} />
      <DateField
        ref={reviewRef}
        label={t.actions.nextReview}
        error={errors.review}
        alert
        controlClassName="casus-date"
        data-e2e="transition-review"
        value={review}
        onChange={setReview}
      />
      <div className="casus-button-row">
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined} data-e2e="transition-submit">
          {busy ? t.actions.busy : t.actions.submit}
        </button>
        <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="transition-cancel" onClick={onCancel}>
          {t.actions.cancel}
        </button>
      </div>
    </form>
  );
}

// ---- Informing the person ---------------------------------------------------------------------

function InformForm({ caseId, t, current }: { caseId: string; t: T; current: InformDecision | null }) {
  const { api } = useApp();
  const ids = { heading: useId(), choiceError: useId() };
  const [informed, setInformed] = useState<boolean | null>(null);
  const [reason, setReason] = useState("");
  const [review, setReview] = useState("");
  const [errors, setErrors] = useState<{ choice?: string; reason?: string; review?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const [done, setDone] = useState("");
  const yesRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reviewRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const next: { choice?: string; reason?: string; review?: string } = {};
    if (informed === null) next.choice = t.inform.choose;
    if (reason.trim() === "") next.reason = t.inform.reasonMissing;
    if (review !== "" && !isIsoDate(review)) next.review = t.invalidDate;
    setErrors(next);
    setDone("");
    if (next.choice) return yesRef.current?.focus();
    if (next.reason) return reasonRef.current?.focus();
    if (next.review) return reviewRef.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      await api.caseInform(caseId, { informed: informed === true, reason: reason.trim(), review: review === "" ? null : review });
      setDone(t.inform.done);
    } catch (e) {
      setFailure(e as AppError);
    }
    setBusy(false);
  }

  return (
    <section aria-labelledby={ids.heading} className="casus-case__section">
      <h2 id={ids.heading} className="utrecht-heading-2">
        {t.inform.title}
      </h2>
      <p className="utrecht-paragraph casus-muted">{t.inform.intro}</p>
      <p className="utrecht-paragraph" data-e2e="inform-current">
        {current === null
          ? t.inform.none
          : t.inform.current(current.informed, current.reason, current.review ? shortDate(current.review) : null)}
      </p>
      <form className="casus-panel" onSubmit={submit} noValidate aria-labelledby={ids.heading} data-e2e="inform-form">
        {failure && <ErrorAlert error={failure} />}
        <fieldset
          className={`utrecht-form-fieldset casus-fieldset${errors.choice ? " utrecht-form-fieldset--invalid" : ""}`}
          aria-describedby={errors.choice ? ids.choiceError : undefined}
        >
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">{t.inform.question}</legend>
          {errors.choice && (
            <p id={ids.choiceError} className="utrecht-form-field-error-message" role="alert">
              {errors.choice}
            </p>
          )}
          <RadioField
            ref={yesRef}
            className="casus-radio"
            name={`${ids.heading}-informed`}
            label={t.inform.yes}
            checked={informed === true}
            data-e2e="inform-yes"
            onSelect={() => setInformed(true)}
          />
          <RadioField
            className="casus-radio"
            name={`${ids.heading}-informed`}
            label={t.inform.no}
            checked={informed === false}
            data-e2e="inform-no"
            onSelect={() => setInformed(false)}
          />
        </fieldset>
        <TextArea
          ref={reasonRef}
          label={t.inform.reason}
          error={errors.reason}
          alert
          required
          rows={3}
          data-e2e="inform-reason"
          value={reason}
          onChange={setReason}
        />
        <DateField
          ref={reviewRef}
          label={t.inform.review}
          error={errors.review}
          alert
          controlClassName="casus-date"
          data-e2e="inform-review"
          value={review}
          onChange={setReview}
        />
        <div role="status" className="casus-status" data-e2e="inform-status">
          {done}
        </div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action" aria-disabled={busy || undefined} data-e2e="inform-submit">
          {busy ? t.inform.busy : t.inform.submit}
        </button>
      </form>
    </section>
  );
}
