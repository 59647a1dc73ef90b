// The case list after unlocking: name, date of birth and status, a search on name, and the
// lock button. Reads through the core (which logs each read); keeps nothing after locking.
import { useEffect, useId, useRef, useState } from "react";

import { dutchDate, errorText, nl, stateLabel } from "../../i18n/nl";
import { useApp } from "../../app/context";
import type { AppError, CaseSummary } from "../../lib/ipc/types";

type Listing = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; cases: CaseSummary[]; query: string };

/** Waits this long after the last keystroke before asking the core again. */
const SEARCH_DELAY_MS = 200;

const byName = new Intl.Collator("nl", { sensitivity: "base", numeric: true });

/** A stable, alphabetical order, whatever order the core's index returns. */
function sortByName(cases: CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

export function CasesPage() {
  const { api, go } = useApp();
  const ids = { heading: useId(), search: useId(), count: useId() };
  const [query, setQuery] = useState("");
  const [listing, setListing] = useState<Listing>({ kind: "loading" });
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Move focus to the page heading so a screen reader announces the new page.
  useEffect(() => headingRef.current?.focus(), []);

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
    <section aria-labelledby={ids.heading}>
        <h1 id={ids.heading} ref={headingRef} tabIndex={-1} className="utrecht-heading-1">
          {nl.cases.title}
        </h1>
        <div role="search" className="casus-search">
          <div className="utrecht-form-field utrecht-form-field--text">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={ids.search}>
                {nl.cases.search}
              </label>
            </div>
            <div className="utrecht-form-field__input">
              <input
                id={ids.search}
                className="utrecht-textbox utrecht-textbox--html-input"
                type="search"
                autoComplete="off"
                spellCheck={false}
                aria-controls="casus-case-table"
                aria-describedby={ids.count}
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          </div>
        </div>
        <p id={ids.count} className="utrecht-paragraph casus-count" role="status">
          {listing.kind === "loading" && nl.cases.loading}
          {listing.kind === "ready" && nl.cases.count(listing.cases.length)}
        </p>
        {listing.kind === "failed" && (
          <div className="utrecht-alert utrecht-alert--error" role="alert">
            <p className="utrecht-paragraph">{errorText(listing.error)}</p>
          </div>
        )}
        {listing.kind === "ready" && listing.cases.length === 0 && (
          <p className="utrecht-paragraph">{listing.query.trim() === "" ? nl.cases.none : nl.cases.noMatch(listing.query.trim())}</p>
        )}
        {listing.kind === "ready" && listing.cases.length > 0 && (
          <div className="utrecht-table-container casus-table-container">
            <table id="casus-case-table" className="utrecht-table utrecht-table--html-table casus-table">
              <caption className="utrecht-table__caption casus-visually-hidden">{nl.cases.caption}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th scope="col" className="utrecht-table__header-cell">
                    {nl.cases.name}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {nl.cases.born}
                  </th>
                  <th scope="col" className="utrecht-table__header-cell">
                    {nl.cases.state}
                  </th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {listing.cases.map((c) => (
                  <tr key={c.id} className="utrecht-table__row" data-case-id={c.id}>
                    <th scope="row" className="utrecht-table__header-cell casus-table__name">
                      <button type="button" className="casus-link-button" onClick={() => go({ page: "case", caseId: c.id })}>
                        {c.name}
                      </button>
                    </th>
                    <td className="utrecht-table__cell">
                      <time dateTime={c.born}>{dutchDate(c.born)}</time>
                    </td>
                    <td className="utrecht-table__cell">
                      <span className={`casus-state casus-state--${c.state.toLowerCase().replace(/[^a-z_]/g, "")}`}>
                        {stateLabel(c.state)}
                      </span>
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
