// Meeting mode (casusoverleg): attendance and confidentiality, the agenda, per agenda item the
// presence in the room and the BOB (beeldvorming, oordeelsvorming, besluitvorming), the live
// decision list, closing and the export per organisation. Every rule is the core's: this screen
// asks, shows the answer, and reads the meeting again after each change.
import { useCallback, useEffect, useId, useRef, useState } from "react";

import { useApp } from "../../app/context";
import { ErrorAlert, Loading, useLoad, type Load } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { AppError, MeetingView } from "../../lib/ipc/types";
import { AgendaSection } from "./agenda";
import { AttendanceSection } from "./attendance";
import { SelectField } from "./fields";
import { DecisionPanel, JudgementPanel, PresencePanel, SharePanel } from "./item";
import { messages } from "./messages";
import { CloseSection, DecisionListSection, ExportSection } from "./minutes";
import { isOpen, useItemName, type MeetingCtx } from "./shared";
import "./meetings.css";

export function MeetingPage({ meetingId }: { meetingId: string }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const [state, setState] = useState<Load<MeetingView>>({ kind: "loading" });
  const [refreshFailure, setRefreshFailure] = useState<AppError | null>(null);
  const [cases] = useLoad(() => api.listCases(), [api]);
  const [currentCase, setCurrentCase] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async (): Promise<MeetingView | null> => {
    try {
      const view = await api.meetingShow(meetingId);
      setState({ kind: "ready", value: view });
      setRefreshFailure(null);
      return view;
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

  const accept = useCallback((view: MeetingView) => setState({ kind: "ready", value: view }), []);

  const caseName = useCallback(
    (caseId: string) => (cases.kind === "ready" ? cases.value.find((c) => c.id === caseId)?.name : undefined) ?? t.agenda.caseName(caseId),
    [cases, t],
  );

  if (state.kind === "loading") return <Loading />;
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

  const meeting = state.value;
  const ctx: MeetingCtx = { meeting, refresh, accept, caseName };

  return (
    <section className="casus-m" aria-labelledby="casus-meeting-title" data-e2e="meeting" data-meeting-status={meeting.status}>
      <h1 id="casus-meeting-title" ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
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

      <AttendanceSection ctx={ctx} />
      <AgendaSection ctx={ctx} cases={cases} onAdded={setCurrentCase} />
      <ItemSection ctx={ctx} currentCase={currentCase} onSelect={setCurrentCase} />
      <DecisionListSection ctx={ctx} />
      <CloseSection ctx={ctx} />
      <ExportSection ctx={ctx} />

      <p className="utrecht-paragraph">
        <button type="button" className="casus-link-button" onClick={() => go({ page: "meetings" })}>
          {t.meeting.backToList}
        </button>
      </p>
    </section>
  );
}

function ItemSection({ ctx, currentCase, onSelect }: { ctx: MeetingCtx; currentCase: string; onSelect: (caseId: string) => void }) {
  const { api, go } = useApp();
  const [projector, setProjector] = useState<{ kind: "closed" } | { kind: "open" } | { kind: "failed"; error: AppError }>({ kind: "closed" });
  const t = useMessages(messages);
  const headingId = useId();
  const itemName = useItemName(ctx.caseName);
  const { meeting } = ctx;
  const item = meeting.items.find((i) => i.case_id === currentCase) ?? meeting.items[0];

  return (
    <section aria-labelledby={headingId} className="casus-m-panel casus-m-item" data-e2e="item">
      <h2 id={headingId} className="utrecht-heading-2">
        {t.item.title}
      </h2>
      {!item ? (
        <p className="utrecht-paragraph">{t.item.empty}</p>
      ) : (
        <>
          <div className="casus-m-item-bar">
            <SelectField
              label={t.item.select}
              value={item.case_id}
              onChange={onSelect}
              options={meeting.items.map((i) => ({ code: i.case_id, label: itemName(i) }))}
              data-e2e="item-select"
            />
            <div className="casus-m-buttons">
              <button
                type="button"
                className="utrecht-button utrecht-button--primary-action"
                data-e2e="presentation-open"
                onClick={() => go({ page: "presentation", meetingId: meeting.id, caseId: item.case_id })}
              >
                {t.item.presentation}
              </button>
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                data-e2e="presentation-window"
                onClick={() =>
                  api.openPresentation(meeting.id, item.case_id).then(
                    () => setProjector({ kind: "open" }),
                    (error: AppError) => setProjector({ kind: "failed", error }),
                  )
                }
              >
                {t.item.presentationWindow}
              </button>
              {projector.kind === "open" && (
                <button
                  type="button"
                  className="utrecht-button utrecht-button--secondary-action"
                  data-e2e="presentation-window-close"
                  onClick={() => api.closePresentation().finally(() => setProjector({ kind: "closed" }))}
                >
                  {t.item.presentationWindowClose}
                </button>
              )}
              <button
                type="button"
                className="utrecht-button utrecht-button--secondary-action"
                data-e2e="plan-open"
                onClick={() => go({ page: "plan", caseId: item.case_id, meetingId: meeting.id })}
              >
                {t.item.plan}
              </button>
            </div>
          </div>
          {projector.kind === "open" && (
            <p className="utrecht-paragraph" role="status" data-e2e="presentation-window-status">
              {t.item.presentationWindowOpen}
            </p>
          )}
          {projector.kind === "failed" && <ErrorAlert error={projector.error} />}
          {/* Keyed by item: the forms start empty for each agenda item. */}
          <div key={item.id} className="casus-m-item-body">
            <PresencePanel ctx={ctx} item={item} />
            <SharePanel ctx={ctx} item={item} />
            <JudgementPanel ctx={ctx} item={item} />
            <DecisionPanel ctx={ctx} item={item} />
          </div>
        </>
      )}
    </section>
  );
}
