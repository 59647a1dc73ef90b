// The case list: name, date of birth and status, an instant search on name, and "Nieuw signaal".
// Reads through the core (which logs each read); keeps nothing after locking.
import { useEffect, useId, useRef, useState } from "react";

import { label, useApp } from "../../app/context";
import { can } from "../../app/policy";
import { TextField } from "../../components/fields";
import { ErrorAlert } from "../../components/status";
import { shortDate, useMessages } from "../../i18n/lang";
import type { AppError, CaseSummary } from "../../lib/ipc/types";
import { messages } from "./messages";
import { capitalise, stateClass, useFocusHeading } from "./util";
import "./cases.css";

type Listing = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; cases: CaseSummary[]; query: string };

/** Waits this long after the last keystroke before asking the core again. */
const SEARCH_DELAY_MS = 200;

const byName = new Intl.Collator("nl", { sensitivity: "base", numeric: true });

/** A stable, alphabetical order, whatever order the core's index returns. */
function sortByName(cases: CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export function CasesPage() {
  const { api, go, vocab, user } = useApp();
  const t = useMessages(messages).list;
  const ids = { heading: useId(), count: useId() };
  const [query, setQuery] = useState("");
  const [listing, setListing] = useState<Listing>({ kind: "loading" });
  const headingRef = useRef<HTMLHeadingElement>(null);

  useFocusHeading(headingRef);

  useEffect(() => {
    let alive = true;
    const timer = window.setTimeout(
      () => {
        api.listCases(query).then(
          (cases) => alive && setListing({ kind: "ready", cases: sortByName(cases), query }),
          (error: AppError) => alive && setListing({ kind: "failed", error }),
        );
      },
      query === "" ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      alive = false;
      window.clearTimeout(timer);
    };
  }, [api, query]);

  return (
    <section aria-labelledby={ids.heading} className="casus-cases">
      <div className="casus-page-head">
        <h1 id={ids.heading} ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
          {t.title}
        </h1>
        {can(user, "write_cases") && (
          <button
            type="button"
            className="utrecht-button utrecht-button--primary-action"
            data-e2e="new-signal"
            onClick={() => go({ page: "signal", caseId: null })}
          >
            {t.newSignal}
          </button>
        )}
      </div>
      <div role="search" className="casus-search">
        <TextField
          type="search"
          label={t.search}
          describedBy={ids.count}
          autoComplete="off"
          spellCheck={false}
          // Only while the table exists: aria-controls must name an element that is there.
          {...(listing.kind === "ready" && listing.cases.length > 0 ? { "aria-controls": "casus-case-table" } : {})}
          data-e2e="case-search"
          value={query}
          onChange={setQuery}
        />
      </div>
      <p id={ids.count} className="utrecht-paragraph casus-count" role="status">
        {listing.kind === "loading" && t.loading}
        {listing.kind === "ready" && t.count(listing.cases.length)}
      </p>
      {listing.kind === "failed" && <ErrorAlert error={listing.error} />}
      {listing.kind === "ready" && listing.cases.length === 0 && (
        <p className="utrecht-paragraph">{listing.query.trim() === "" ? t.none : t.noMatch(listing.query.trim())}</p>
      )}
      {listing.kind === "ready" && listing.cases.length > 0 && (
        <div className="utrecht-table-container casus-table-container">
          <table id="casus-case-table" className="utrecht-table utrecht-table--html-table casus-table">
            <caption className="utrecht-table__caption casus-visually-hidden">{t.caption}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th scope="col" className="utrecht-table__header-cell">
                  {t.name}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.number}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.born}
                </th>
                <th scope="col" className="utrecht-table__header-cell">
                  {t.state}
                </th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {listing.cases.map((c) => (
                <tr key={c.id} className="utrecht-table__row" data-case-id={c.id} data-e2e="case-row">
                  <th scope="row" className="utrecht-table__header-cell casus-table__name">
                    <button
                      type="button"
                      className="casus-link-button"
                      data-e2e="case-open"
                      onClick={() => go({ page: "case", caseId: c.id })}
                    >
                      {c.name}
                    </button>
                  </th>
                  <td className="utrecht-table__cell casus-nowrap" data-e2e="case-number">
                    {c.number}
                  </td>
                  <td className="utrecht-table__cell">
                    <time dateTime={c.born}>{shortDate(c.born)}</time>
                  </td>
                  <td className="utrecht-table__cell">
                    <span className={stateClass(c.state)}>{capitalise(label(vocab.states, c.state))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
