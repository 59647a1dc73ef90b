// The start screen (*Start*): what needs this user's attention today: overdue plan actions,
// reviews (evaluations) due, cases past their retention period and the next case meetings. Each
// entry opens its plan, case or meeting. The core decides which parts a role gets (empty, not
// refused), so the screen never writes a refusal into the log just by being opened.
import { useRef } from "react";

import { label, useApp } from "../../app/context";
import { can } from "../../app/policy";
import { Loaded, useLoad } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { Overview } from "../../lib/ipc/types";
import { capitalise, stateClass, useFocusHeading } from "../cases/util";
import { messages } from "./messages";
import "../cases/cases.css";
import "./start.css";

type T = (typeof messages)["nl"];

export function StartPage() {
  const { api, go, user } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.overview(), []);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useFocusHeading(headingRef);

  const opener = can(user, "write_cases");
  const meetings = can(user, "run_meeting");
  return (
    <div className="casus-start">
      <h1 ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
        {t.title}
      </h1>
      <p className="utrecht-paragraph">{t.greeting(user.name)}</p>
      {(opener || meetings) && (
        <nav aria-label={t.quick}>
          <ul className="casus-button-row">
            {opener && (
              <li>
                <button type="button" className="utrecht-button utrecht-button--primary-action" data-e2e="new-signal" onClick={() => go({ page: "signal", caseId: null })}>
                  {t.newSignal}
                </button>
              </li>
            )}
            {meetings && (
              <li>
                <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="open-meetings" onClick={() => go({ page: "meetings" })}>
                  {t.meetings}
                </button>
              </li>
            )}
          </ul>
        </nav>
      )}
      <Loaded load={load}>{(o) => <OverviewParts overview={o} t={t} />}</Loaded>
    </div>
  );
}

function OverviewParts({ overview: o, t }: { overview: Overview; t: T }) {
  const { go, user, vocab } = useApp();
  // The same actions the core's overview asks for each part.
  const content = can(user, "read_case_content");
  const meetings = can(user, "run_meeting");
  const retention = can(user, "see_retention");
  const any = content || meetings || retention;
  return (
    <>
      {!any && <p className="utrecht-paragraph">{t.nothing}</p>}
      <p className="utrecht-paragraph casus-muted" data-e2e="start-today">
        {t.today(shortDate(o.today))}
      </p>
      <div className="casus-start__grid">
        {content && (
          <section aria-labelledby="casus-start-actions" className="casus-start__part" data-e2e="start-actions">
            <h2 id="casus-start-actions" className="utrecht-heading-2">
              {t.actions.title}
            </h2>
            {o.actions_due.length === 0 ? (
              <p className="utrecht-paragraph">{t.actions.none}</p>
            ) : (
              <ul className="casus-start__list">
                {o.actions_due.map((a) => {
                  const who = [a.owner_person, a.owner_org ? label(vocab.organisations, a.owner_org) : ""].filter((x) => x !== "").join(", ");
                  return (
                    <li key={`${a.case_id}-${a.action_id}`}>
                      <button
                        type="button"
                        className="casus-link-button"
                        data-e2e="start-action"
                        onClick={() => go({ page: "plan", caseId: a.case_id, meetingId: null })}
                      >
                        {a.description}
                      </button>
                      <span className="casus-start__meta">
                        {" "}
                        — <strong>{t.actions.deadline(shortDate(a.deadline))}</strong>
                        {who && `, ${t.actions.owner(who)}`}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        )}
        {content && (
          <section aria-labelledby="casus-start-reviews" className="casus-start__part" data-e2e="start-reviews">
            <h2 id="casus-start-reviews" className="utrecht-heading-2">
              {t.reviews.title}
            </h2>
            <p className="utrecht-paragraph casus-muted">{t.reviews.intro}</p>
            {o.reviews_due.length === 0 ? (
              <p className="utrecht-paragraph">{t.reviews.none}</p>
            ) : (
              <ul className="casus-start__list">
                {o.reviews_due.map((r) => (
                  <li key={r.case_id}>
                    <button type="button" className="casus-link-button" data-e2e="start-review" onClick={() => go({ page: "case", caseId: r.case_id })}>
                      {r.name}
                    </button>
                    <span className="casus-start__meta">
                      {" "}
                      — <span className={stateClass(r.state)}>{capitalise(label(vocab.states, r.state))}</span>{" "}
                      {r.overdue ? (
                        <strong className="casus-start__overdue">{t.reviews.overdue(shortDate(r.next_review))}</strong>
                      ) : (
                        t.reviews.due(shortDate(r.next_review))
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {meetings && (
          <section aria-labelledby="casus-start-meetings" className="casus-start__part" data-e2e="start-meetings">
            <h2 id="casus-start-meetings" className="utrecht-heading-2">
              {t.meetingsList.title}
            </h2>
            {o.next_meetings.length === 0 ? (
              <p className="utrecht-paragraph">{t.meetingsList.none}</p>
            ) : (
              <ul className="casus-start__list">
                {o.next_meetings.map((m) => (
                  <li key={m.id}>
                    <button type="button" className="casus-link-button" data-e2e="start-meeting" onClick={() => go({ page: "meeting", meetingId: m.id })}>
                      {t.meetingsList.line(shortDate(m.held_on), m.place)}
                    </button>
                    <span className="casus-start__meta"> — {t.meetingsList.items(m.items)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
        {retention && (
          <section aria-labelledby="casus-start-retention" className="casus-start__part" data-e2e="start-retention">
            <h2 id="casus-start-retention" className="utrecht-heading-2">
              {t.retention.title}
            </h2>
            <p className="utrecht-paragraph casus-muted">{t.retention.intro}</p>
            {o.retention_due.length === 0 ? (
              <p className="utrecht-paragraph">{t.retention.none}</p>
            ) : (
              <ul className="casus-start__list">
                {o.retention_due.map((r) => (
                  <li key={r.case_id}>
                    <button
                      type="button"
                      className="casus-link-button"
                      data-e2e="start-retention-case"
                      onClick={() => go(content ? { page: "case", caseId: r.case_id } : { page: "privacy", caseId: r.case_id })}
                    >
                      {t.retention.caseLabel(r.case_number)}
                    </button>
                    <span className="casus-start__meta">
                      {" "}
                      — {t.retention.line(shortDate(r.closed_on), shortDate(r.destroy_after))}
                      {r.first_approval_by && `; ${t.retention.firstApproval(r.first_approval_by)}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </div>
    </>
  );
}
