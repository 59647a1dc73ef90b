// The meeting as a workspace: the agenda down the side (each item with its state, the one on
// screen marked), the decision list of the whole meeting always beside it, and the keyboard
// shortcuts a chair uses while the projector is on. Which item is on screen is the core's answer
// (`MeetingView.current`, set by `meeting_select`); this file only asks and shows.
import { useEffect, useId } from "react";

import { shortDate, useMessages } from "../../i18n/lang";
import type { AgendaItemView, MeetingView } from "../../lib/ipc/types";
import { messages } from "./messages";
import { JUDGEMENT_KINDS, useItemName, useKindLabel, useOrgLabel, type MeetingCtx } from "./shared";

/** What the main area of the workspace shows. */
export type WorkspaceView = "prep" | "item" | "finish";

export type ItemState = "todo" | "busy" | "done";

/**
 * An agenda item's state, from what is recorded: decided once a decision of besluitvorming is
 * recorded; in discussion while it is on screen or once someone was present, something was shared
 * or a judgement recorded; otherwise not started.
 */
export function itemState(item: AgendaItemView, current: boolean): ItemState {
  if (item.decisions.some((d) => !JUDGEMENT_KINDS.includes(d.kind))) return "done";
  if (current || item.present.length > 0 || item.shares.length > 0 || item.decisions.length > 0) return "busy";
  return "todo";
}

/** The item on screen: the core's current item, else the first on the agenda. */
export function shownItem(meeting: MeetingView): AgendaItemView | undefined {
  return meeting.items.find((i) => i.case_id === meeting.current) ?? meeting.items[0];
}

/** The item `step` places from the one on screen (-1 previous, +1 next), if there is one. */
export function neighbour(meeting: MeetingView, step: -1 | 1): AgendaItemView | undefined {
  const here = shownItem(meeting);
  if (!here) return undefined;
  const i = meeting.items.findIndex((x) => x.id === here.id);
  return meeting.items[i + step];
}

/** Whether a key press happens while typing (a text box, a text area, a list box or editable text). */
export function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return false;
}

/**
 * Alt+PageDown / Alt+PageUp: next / previous agenda item, anywhere on the meeting screen (no
 * screen reader and no text field uses them). Returns nothing; calls `go` with -1 or +1.
 */
export function useItemShortcuts(enabled: boolean, go: (step: -1 | 1) => void) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key === "PageDown" || event.key === "PageUp") {
        event.preventDefault();
        go(event.key === "PageDown" ? 1 : -1);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [enabled, go]);
}

export function AgendaNav({
  ctx,
  view,
  onView,
  onSelect,
}: {
  ctx: MeetingCtx;
  view: WorkspaceView;
  onView: (view: WorkspaceView) => void;
  onSelect: (caseId: string) => void;
}) {
  const t = useMessages(messages);
  const headingId = useId();
  const { meeting } = ctx;
  const shown = shownItem(meeting);
  return (
    <nav aria-labelledby={headingId} className="casus-ws-nav" data-e2e="agenda-nav">
      <h2 id={headingId} className="utrecht-heading-2 casus-ws-nav__title">
        {t.ws.agenda}
      </h2>
      <StepEntry step="prep" view={view} onView={onView} e2e="ws-prep" label={t.ws.prep} />
      {meeting.items.length > 0 && (
        <ol className="casus-ws-nav__list" aria-describedby={SHORTCUT_HINT_ID}>
          {meeting.items.map((item, i) => {
            const on = view === "item" && item.id === shown?.id;
            const state = itemState(item, item.case_id === meeting.current);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className={`casus-ws-nav__entry casus-ws-nav__entry--${state}`}
                  aria-current={on ? "true" : undefined}
                  data-e2e="agenda-item"
                  data-case-id={item.case_id}
                  data-state={state}
                  onClick={() => onSelect(item.case_id)}
                >
                  <span className="casus-ws-nav__seq" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="casus-ws-nav__name">
                    <span className="casus-visually-hidden">{t.ws.position(i + 1, meeting.items.length)}: </span>
                    {ctx.caseName(item.case_id)}
                  </span>
                  <span className={`casus-m-badge casus-ws-badge casus-ws-badge--${state}`}>{t.ws.states[state]}</span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <StepEntry step="finish" view={view} onView={onView} e2e="ws-finish" label={t.ws.finish} />
    </nav>
  );
}

/** "Voorbereiding" or "Afronden en verslag": a part of the meeting around the agenda items. */
function StepEntry({
  step,
  view,
  onView,
  e2e,
  label,
}: {
  step: "prep" | "finish";
  view: WorkspaceView;
  onView: (view: WorkspaceView) => void;
  e2e: string;
  label: string;
}) {
  return (
    <ul className="casus-ws-nav__list">
      <li>
        <button
          type="button"
          className="casus-ws-nav__entry casus-ws-nav__entry--step"
          aria-current={view === step ? "true" : undefined}
          data-e2e={e2e}
          onClick={() => onView(step)}
        >
          {label}
        </button>
      </li>
    </ul>
  );
}

const SHORTCUT_HINT_ID = "casus-ws-keys";

/** The keyboard shortcuts, written on screen below the decision list. */
export function ShortcutHint() {
  const t = useMessages(messages);
  return (
    <div id={SHORTCUT_HINT_ID} className="casus-ws-keys" data-e2e="shortcut-hint">
      <p className="casus-ws-keys__title">{t.ws.shortcuts}</p>
      <ul className="casus-ws-keys__list">
        <li>
          <kbd>Alt</kbd>+<kbd>Page Down</kbd>: {t.ws.shortcutNext}
        </li>
        <li>
          <kbd>Alt</kbd>+<kbd>Page Up</kbd>: {t.ws.shortcutPrevious}
        </li>
        <li>
          <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>9</kbd>: {t.ws.shortcutPresence}
        </li>
      </ul>
    </div>
  );
}

/** The decision list of the whole meeting, short, beside the agenda: always in view. */
export function DecisionDigest({ ctx }: { ctx: MeetingCtx }) {
  const t = useMessages(messages);
  const kindLabel = useKindLabel();
  const orgLabel = useOrgLabel();
  const itemName = useItemName(ctx.caseName);
  const headingId = useId();
  const items = ctx.meeting.items.filter((i) => i.decisions.length > 0);
  return (
    <section aria-labelledby={headingId} className="casus-ws-digest" data-e2e="decision-list">
      <h2 id={headingId} className="utrecht-heading-2 casus-ws-nav__title">
        {t.list2.title}
      </h2>
      {ctx.meeting.status !== "open" && <p className="casus-ws-digest__locked">{t.list2.locked}</p>}
      {items.length === 0 && <p className="casus-ws-digest__none">{t.ws.decisionsNone}</p>}
      {items.map((item) => (
        <div key={item.id} className="casus-ws-digest__item">
          <h3 className="utrecht-heading-3 casus-ws-digest__name">{itemName(item)}</h3>
          <ol className="casus-ws-digest__list" aria-label={itemName(item)}>
            {item.decisions.map((d) => (
              <li key={d.seq} data-e2e="decision-row">
                <span className="casus-ws-digest__kind">{kindLabel(d.kind)}</span> {d.text}
                {(d.owner_person || d.owner_org || d.deadline) && (
                  <span className="casus-ws-digest__meta">
                    {[[d.owner_person, orgLabel(d.owner_org)].filter(Boolean).join(", "), d.deadline ? shortDate(d.deadline) : ""]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </section>
  );
}
