// The projector view of the agenda item the chair has on screen. It shows only what
// meeting_presentation returned: the core has already filtered it to what every organisation in
// the room may see. Nothing else is read (no case detail, no cache). It follows the chair: it asks
// the core which item is on screen (`meeting_current`, no content) every FOLLOW_MS and shows the
// new item at once; it asks for the item's view again every 2 seconds, so the screen follows
// partners leaving and returning. Of what was left off only the number is shown, never what or whose.
import { useEffect, useId, useState } from "react";

import { label, useApp } from "../../app/context";
import { ErrorAlert, Loading } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { AppError, PresentationView } from "../../lib/ipc/types";
import { messages } from "./messages";
import { useKindLabel, useOrgLabel } from "./shared";
import "./meetings.css";

/** How often the view asks the core again. */
export const PRESENTATION_REFRESH_MS = 2000;
/** How often it asks which item the chair has on screen (a switch shows within half a second). */
export const FOLLOW_MS = 200;

type View = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; value: PresentationView };

export function PresentationPage({ meetingId, caseId, standalone = false }: { meetingId: string; caseId: string; standalone?: boolean }) {
  const { api, go } = useApp();
  const t = useMessages(messages);
  const [view, setView] = useState<View>({ kind: "loading" });
  // The item on screen: the chair's current item as the core has it, else the one this view was opened on.
  const [shownCase, setShownCase] = useState(caseId);

  useEffect(() => {
    let alive = true;
    let busy = false;
    const follow = () => {
      if (busy) return;
      busy = true;
      api.meetingCurrent(meetingId).then(
        (at) => {
          busy = false;
          if (alive && at.case_id) setShownCase(at.case_id);
        },
        () => {
          // The item's own view says why (locked, refused); keep the item.
          busy = false;
        },
      );
    };
    follow();
    const timer = window.setInterval(follow, FOLLOW_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [api, meetingId]);

  useEffect(() => {
    let alive = true;
    let asked = 0;
    let shown = 0;
    const ask = () => {
      const n = ++asked;
      api.meetingPresentation(meetingId, shownCase).then(
        (value) => {
          if (!alive || n < shown) return;
          shown = n;
          setView({ kind: "ready", value });
        },
        (error: AppError) => {
          if (!alive || n < shown) return;
          shown = n;
          // Never keep showing an older answer when the core cannot say what may be shown now.
          setView({ kind: "failed", error });
        },
      );
    };
    // Another item: nothing of the previous one stays on screen while the new one loads.
    setView((v) => (v.kind === "ready" && v.value.case_id !== shownCase ? { kind: "loading" } : v));
    ask();
    const timer = window.setInterval(ask, PRESENTATION_REFRESH_MS);
    return () => {
      alive = false;
      window.clearInterval(timer);
    };
  }, [api, meetingId, shownCase]);

  useEffect(() => {
    if (standalone) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        go({ page: "meeting", meetingId });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, meetingId, standalone]);

  const back = standalone ? null : (
    <div className="casus-pres__back">
      <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="presentation-back" onClick={() => go({ page: "meeting", meetingId })}>
        {t.presentation.back}
      </button>
      <span className="casus-pres__hint">{t.presentation.escHint}</span>
    </div>
  );

  return (
    <div className="casus-pres" data-e2e="presentation">
      {view.kind === "loading" && (
        <>
          <h1 className="utrecht-heading-1">{t.presentation.eyebrow}</h1>
          <Loading />
        </>
      )}
      {view.kind === "failed" && (
        <>
          <h1 className="utrecht-heading-1">{t.presentation.eyebrow}</h1>
          <ErrorAlert error={view.error} />
        </>
      )}
      {view.kind === "ready" && <Shown view={view.value} />}
      {back}
    </div>
  );
}

function Shown({ view }: { view: PresentationView }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const orgLabel = useOrgLabel();
  const kindLabel = useKindLabel();
  const pictureId = useId();
  const decisionsId = useId();
  const hidden = view.hidden.reduce((sum, w) => sum + w.count, 0);
  const nobody = view.present.length === 0;

  return (
    <>
      <header className="casus-pres__header">
        <p className="casus-pres__eyebrow" data-e2e="presentation-position">
          {view.number > 0 ? t.presentation.position(view.number, view.total) : t.presentation.eyebrow}
        </p>
        <h1 className="utrecht-heading-1 casus-pres__title" data-e2e="presentation-subject">
          {view.subject_name ?? t.presentation.shielded}
        </h1>
        {view.subject_name === null && !nobody && <p className="casus-pres__note">{t.presentation.shieldedNote}</p>}
        <p className="casus-pres__meta">{t.presentation.phase(label(vocab.states, view.phase))}</p>
        <div className="casus-pres__present" data-e2e="presentation-present">
          <span className="casus-pres__label">{t.presentation.present}:</span>{" "}
          {nobody ? (
            <span>—</span>
          ) : (
            <ul className="casus-pres__orgs">
              {view.present.map((o) => (
                <li key={o}>{orgLabel(o)}</li>
              ))}
            </ul>
          )}
        </div>
      </header>

      {nobody && (
        <div className="utrecht-alert utrecht-alert--info casus-pres__alert">
          <p className="utrecht-paragraph">{t.presentation.nobody}</p>
        </div>
      )}

      <section aria-labelledby={pictureId} className="casus-pres__section">
        <h2 id={pictureId} className="utrecht-heading-2">
          {t.presentation.picture}
        </h2>
        {view.items.length === 0 ? (
          <p className="utrecht-paragraph">{t.presentation.pictureNone}</p>
        ) : (
          <ul className="casus-pres__items" data-e2e="presentation-items">
            {view.items.map((it, i) => (
              <li key={i} className="casus-pres__item" data-kind={it.kind}>
                <p className="casus-pres__source">
                  {orgLabel(it.source)} · {label(vocab.categories, it.category)} ·{" "}
                  {it.basis ? `${label(vocab.bases, it.basis)} · ` : ""}
                  {it.kind === "share" ? t.presentation.fromMeeting : t.presentation.fromFile}
                </p>
                <p className="casus-pres__content">{it.content}</p>
              </li>
            ))}
          </ul>
        )}
        {hidden > 0 && (
          <p className="casus-pres__hidden" data-e2e="presentation-hidden">
            {t.presentation.hidden(hidden)}
          </p>
        )}
      </section>

      <section aria-labelledby={decisionsId} className="casus-pres__section">
        <h2 id={decisionsId} className="utrecht-heading-2">
          {t.presentation.decisions}
        </h2>
        {view.decisions.length === 0 ? (
          <p className="utrecht-paragraph">{t.presentation.decisionsNone}</p>
        ) : (
          <ol className="casus-pres__decisions" data-e2e="presentation-decisions">
            {view.decisions.map((d) => (
              <li key={d.seq} className="casus-pres__decision">
                <span className="casus-pres__kind">{kindLabel(d.kind)}</span>
                <span className="casus-pres__content">{d.text}</span>
                {(d.owner_org || d.owner_person || d.deadline) && (
                  <span className="casus-pres__meta">
                    {(d.owner_org || d.owner_person) && t.presentation.owner(orgLabel(d.owner_org), d.owner_person)}
                    {(d.owner_org || d.owner_person) && d.deadline && " · "}
                    {d.deadline && t.presentation.deadline(shortDate(d.deadline))}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
