// Meeting mode (casusoverleg) as a workspace: the agenda down the side with each item's state
// and the decision list of the whole meeting beside it; the main area shows the preparation
// (attendance, confidentiality, composing the agenda), the item on screen with its steps in order
// (aanwezig, beeldvorming, oordeelsvorming, besluitvorming), or the finish (closing, export).
// Which item is on screen is the core's (`meeting_select`; the projector follows it). Every rule
// is the core's: this screen asks, shows the answer, and reads the meeting again after each change.
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert, Loading, useLoad, type Load } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { AgendaItemView, AppError, MeetingView } from "../../lib/ipc/types";
import { AgendaSection } from "./agenda";
import { AttendanceSection } from "./attendance";
import { DecisionPanel, JudgementPanel, PresencePanel, SharePanel } from "./item";
import { messages } from "./messages";
import { CloseSection, DecisionListSection, ExportSection } from "./minutes";
import { isOpen, type MeetingCtx } from "./shared";
import { AgendaNav, DecisionDigest, ShortcutHint, neighbour, shownItem, useItemShortcuts, type WorkspaceView } from "./workspace";
import "./meetings.css";

/**
 * Where the chair was in each meeting (which part of the workspace, how far down), kept while the
 * window lives so coming back from the presentation keeps the place. Holds no content.
 */
const places = new Map<string, { view: WorkspaceView; scrollY: number; projector: boolean; focus: string | null }>();

/** The part of the workspace a meeting opens on: the preparation until it can start, else the item on screen. */
function firstView(meeting: MeetingView): WorkspaceView {
  if (meeting.current) return "item";
  const ready = meeting.items.length > 0 && meeting.attendees.length > 0 && meeting.attendees.every((a) => a.acknowledged);
  return ready || !isOpen(meeting) ? "item" : "prep";
}

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const [state, setState] = useState<Load<MeetingView>>({ kind: "loading" });
  const [refreshFailure, setRefreshFailure] = useState<AppError | null>(null);
  const [cases] = useLoad(() => api.listCases(), [api]);
  const [view, setView] = useState<WorkspaceView | null>(null);
  const [selectFailure, setSelectFailure] = useState<AppError | null>(null);
  const [projector, setProjector] = useState<{ kind: "closed" } | { kind: "open" } | { kind: "failed"; error: AppError }>(() =>
    places.get(meetingId)?.projector ? { kind: "open" } : { kind: "closed" },
  );
  const itemHeadingRef = useRef<HTMLHeadingElement>(null);
  const mainRef = useRef<HTMLDivElement>(null);
  const selecting = useRef(false);

  // Re-reads can overlap (two people leave at once): an older answer never replaces a newer one.
  const asked = useRef(0);
  const applied = useRef(0);
  const refresh = useCallback(async (): Promise<MeetingView | null> => {
    const n = ++asked.current;
    try {
      const value = await api.meetingShow(meetingId);
      if (n < applied.current) return value;
      applied.current = n;
      setState({ kind: "ready", value });
      setRefreshFailure(null);
      return value;
    } catch (error) {
      // A failed re-read keeps the last view on screen and says so; a failed first read shows the error.
      setState((s) => (s.kind === "ready" ? s : { kind: "failed", error: error as AppError }));
      setRefreshFailure(error as AppError);
      return null;
    }
  }, [api, meetingId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const accept = useCallback((value: MeetingView) => setState({ kind: "ready", value }), []);

  // The person's name where this user may see it; otherwise the case number, never an id.
  const caseName = useCallback(
    (caseId: string) =>
      (cases.kind === "ready" ? cases.value.find((c) => c.id === caseId)?.name : undefined) ??
      t.agenda.caseName(
        (state.kind === "ready" ? state.value.items.find((i) => i.case_id === caseId)?.case_number : undefined) ?? "",
      ),
    [cases, state, t],
  );

  const meeting = state.kind === "ready" ? state.value : null;

  // The first answer: back where the chair was (coming from the presentation), else where the meeting stands.
  useEffect(() => {
    if (!meeting || view !== null) return;
    const place = places.get(meetingId);
    setView(place?.view ?? firstView(meeting));
    if (place) {
      places.delete(meetingId);
      requestAnimationFrame(() => {
        const back = place.focus ? document.querySelector<HTMLElement>(`[data-e2e="${place.focus}"]`) : null;
        back?.focus({ preventScroll: true });
        requestAnimationFrame(() => window.scrollTo(0, place.scrollY));
      });
    }
  }, [meeting, meetingId, view]);

  /** Makes an item the one on screen (the core decides; the projector follows) and goes to it. */
  const select = useCallback(
    async (caseId: string) => {
      if (!meeting || selecting.current) return;
      selecting.current = true;
      setSelectFailure(null);
      try {
        accept(await api.meetingSelect(meeting.id, caseId));
        setView("item");
        requestAnimationFrame(() => {
          itemHeadingRef.current?.focus({ preventScroll: true });
          mainRef.current?.scrollIntoView({ block: "start" });
        });
      } catch (error) {
        setSelectFailure(error as AppError);
      } finally {
        selecting.current = false;
      }
    },
    [accept, api, meeting],
  );

  const step = useCallback(
    (by: -1 | 1) => {
      if (!meeting) return;
      // From the preparation or the finish, the first shortcut shows the item on screen.
      if (view !== "item") {
        const here = shownItem(meeting);
        if (here) void select(here.case_id);
        return;
      }
      const next = neighbour(meeting, by);
      if (next) void select(next.case_id);
    },
    [meeting, select, view],
  );
  useItemShortcuts(meeting !== null, step);

  /** Leaves for another screen, remembering the place to come back to. */
  const leave = (focus: string) => {
    places.set(meetingId, { view: view ?? "item", scrollY: window.scrollY, projector: projector.kind === "open", focus });
  };

  if (state.kind === "loading" || !meeting) {
    if (state.kind === "failed") {
      return (
        <section className="casus-m">
          <h1 className="utrecht-heading-1">{t.list.title}</h1>
          <ErrorAlert error={state.error} />
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => go({ page: "meetings" })}>
            {t.meeting.backToList}
          </button>
        </section>
      );
    }
    return <Loading />;
  }

  const ctx: MeetingCtx = { meeting, refresh, accept, caseName };
  const shown = view ?? firstView(meeting);
  const item = shownItem(meeting);

  const openProjector = async (caseId: string) => {
    try {
      // The projector shows the item on screen: make it so in the core first.
      if (meeting.current !== caseId) accept(await api.meetingSelect(meeting.id, caseId));
      await api.openPresentation(meeting.id, caseId);
      setProjector({ kind: "open" });
    } catch (error) {
      setProjector({ kind: "failed", error: error as AppError });
    }
  };

  return (
    <section className="casus-m casus-ws-page" aria-labelledby="casus-meeting-title" data-e2e="meeting" data-meeting-status={meeting.status}>
      <div className="casus-ws-head">
        <h1 id="casus-meeting-title" tabIndex={-1} className="utrecht-heading-1">
          {t.meeting.title(shortDate(meeting.held_on))}
        </h1>
        <dl className="casus-m-dl casus-m-facts">
          <div>
            <dt>{t.meeting.status}</dt>
            <dd>
              <span className={`casus-m-badge casus-m-badge--${isOpen(meeting) ? "open" : "closed"}`} data-e2e="meeting-status">
                {t.status[meeting.status] ?? meeting.status}
              </span>
            </dd>
          </div>
          {meeting.place && (
            <div>
              <dt>{t.meeting.place}</dt>
              <dd>{meeting.place}</dd>
            </div>
          )}
          <div>
            <dt>{t.meeting.chair}</dt>
            <dd>{meeting.chair}</dd>
          </div>
          {meeting.minute_taker && (
            <div>
              <dt>{t.meeting.minuteTaker}</dt>
              <dd>{meeting.minute_taker}</dd>
            </div>
          )}
        </dl>
      </div>
      {refreshFailure && (
        <>
          <p className="utrecht-paragraph">{t.meeting.refreshFailed}</p>
          <ErrorAlert error={refreshFailure} />
        </>
      )}
      {!isOpen(meeting) && (
        <div className="utrecht-alert utrecht-alert--info casus-m-note">
          <p className="utrecht-paragraph">{t.item.closedNote}</p>
        </div>
      )}

      <div className="casus-ws">
        <div className="casus-ws__side">
          <AgendaNav ctx={ctx} view={shown} onView={setView} onSelect={(caseId) => void select(caseId)} />
          <DecisionDigest ctx={ctx} />
          <ShortcutHint />
        </div>
        <div className="casus-ws__main" ref={mainRef}>
          {selectFailure && (
            <>
              <p className="utrecht-paragraph">{t.ws.selectFailed}</p>
              <ErrorAlert error={selectFailure} />
            </>
          )}
          {shown === "prep" && (
            <>
              <AttendanceSection ctx={ctx} />
              <AgendaSection ctx={ctx} cases={cases} />
            </>
          )}
          {shown === "item" && (
            <ItemSection
              ctx={ctx}
              item={item}
              headingRef={itemHeadingRef}
              projector={projector}
              onStep={step}
              onPresentation={(caseId) => {
                leave("presentation-open");
                go({ page: "presentation", meetingId: meeting.id, caseId });
              }}
              onPlan={(caseId) => {
                leave("plan-open");
                go({ page: "plan", caseId, meetingId: meeting.id });
              }}
              onProjector={(caseId) => void openProjector(caseId)}
              onProjectorClose={() => void api.closePresentation().finally(() => setProjector({ kind: "closed" }))}
            />
          )}
          {shown === "finish" && (
            <>
              <DecisionListSection ctx={ctx} />
              <CloseSection ctx={ctx} />
              <ExportSection ctx={ctx} />
            </>
          )}
          <p className="utrecht-paragraph">
            <button type="button" className="casus-link-button" onClick={() => go({ page: "meetings" })}>
              {t.meeting.backToList}
            </button>
          </p>
        </div>
      </div>
    </section>
  );
}

type Projector = { kind: "closed" } | { kind: "open" } | { kind: "failed"; error: AppError };

function ItemSection({
  ctx,
  item,
  headingRef,
  projector,
  onStep,
  onPresentation,
  onPlan,
  onProjector,
  onProjectorClose,
}: {
  ctx: MeetingCtx;
  item: AgendaItemView | undefined;
  headingRef: RefObject<HTMLHeadingElement | null>;
  projector: Projector;
  onStep: (by: -1 | 1) => void;
  onPresentation: (caseId: string) => void;
  onPlan: (caseId: string) => void;
  onProjector: (caseId: string) => void;
  onProjectorClose: () => void;
}) {
  const t = useMessages(messages);
  const headingId = useId();
  const stepsId = useId();
  const { meeting } = ctx;
  if (!item) {
    return (
      <section aria-labelledby={headingId} className="casus-m-panel casus-m-item" data-e2e="item">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="utrecht-heading-2">
          {t.item.title}
        </h2>
        <p className="utrecht-paragraph">{t.item.empty}</p>
      </section>
    );
  }
  const number = meeting.items.findIndex((i) => i.id === item.id) + 1;
  const total = meeting.items.length;
  const reason = item.reason ? (t.agenda.reasons[item.reason] ?? item.reason) : "";
  const noAccess = !item.reason && item.withheld !== null;
  const stepIds = ["presence", "share", "judgement", "decision"].map((s) => `casus-step-${s}`);

  return (
    <section aria-labelledby={headingId} className="casus-m-panel casus-m-item" data-e2e="item" data-case-id={item.case_id}>
      <div className="casus-ws-item__head">
        <p className="casus-ws-item__position" data-e2e="item-position">
          {t.ws.position(number, total)}
          {reason && ` · ${reason}`}
        </p>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="utrecht-heading-2 casus-ws-item__title" data-e2e="item-title">
          {ctx.caseName(item.case_id)}
        </h2>
        <div className="casus-m-buttons">
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={number <= 1 ? true : undefined}
            aria-keyshortcuts="Alt+PageUp"
            data-e2e="item-previous"
            onClick={() => number > 1 && onStep(-1)}
          >
            {t.ws.previous}
          </button>
          <button
            type="button"
            className="utrecht-button utrecht-button--secondary-action"
            aria-disabled={number >= total ? true : undefined}
            aria-keyshortcuts="Alt+PageDown"
            data-e2e="item-next"
            onClick={() => number < total && onStep(1)}
          >
            {t.ws.next}
          </button>
        </div>
        {!noAccess && (
          <div className="casus-m-buttons">
            <button type="button" className="utrecht-button utrecht-button--primary-action" data-e2e="presentation-open" onClick={() => onPresentation(item.case_id)}>
              {t.item.presentation}
            </button>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="presentation-window" onClick={() => onProjector(item.case_id)}>
              {t.item.presentationWindow}
            </button>
            {projector.kind === "open" && (
              <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="presentation-window-close" onClick={onProjectorClose}>
                {t.item.presentationWindowClose}
              </button>
            )}
            <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="plan-open" onClick={() => onPlan(item.case_id)}>
              {t.item.plan}
            </button>
          </div>
        )}
      </div>
      {projector.kind === "open" && (
        <p className="utrecht-paragraph" role="status" data-e2e="presentation-window-status">
          {t.item.presentationWindowOpen}
        </p>
      )}
      {projector.kind === "failed" && <ErrorAlert error={projector.error} />}
      {noAccess ? (
        <div className="utrecht-alert utrecht-alert--info casus-m-note">
          <p className="utrecht-paragraph">{t.ws.noAccess}</p>
        </div>
      ) : (
        <>
          <nav aria-labelledby={stepsId} className="casus-ws-steps">
            <p id={stepsId} className="casus-visually-hidden">
              {t.ws.steps}
            </p>
            <ol className="casus-ws-steps__list">
              {t.ws.stepNames.map((name, i) => (
                <li key={name}>
                  <a
                    className="casus-ws-steps__link"
                    href={`#${stepIds[i]}`}
                    onClick={(event) => {
                      event.preventDefault();
                      const target = document.getElementById(stepIds[i]!);
                      target?.scrollIntoView({ block: "start" });
                      const heading = target?.querySelector<HTMLElement>("h3");
                      if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
                      heading?.focus({ preventScroll: true });
                    }}
                  >
                    <span className="casus-ws-steps__n" aria-hidden="true">
                      {i + 1}
                    </span>{" "}
                    {name}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {/* Keyed by item: the forms start empty for each agenda item. */}
          <div key={item.id} className="casus-m-item-body">
            <div id={stepIds[0]}>
              <PresencePanel ctx={ctx} item={item} />
            </div>
            <div id={stepIds[1]}>
              <SharePanel ctx={ctx} item={item} />
            </div>
            <div id={stepIds[2]}>
              <JudgementPanel ctx={ctx} item={item} />
            </div>
            <div id={stepIds[3]}>
              <DecisionPanel ctx={ctx} item={item} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
