// "Geweigerde verzoeken": the whole log, filtered here to what was refused or failed.
import { useId } from "react";

import { useApp } from "../../app/context";
import { Loaded, useLoad } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { AuditEntryView } from "../../lib/ipc/types";
import { AuditTable } from "./AuditTable";
import { messages, OK_OUTCOMES } from "./messages";

/** Entries whose outcome is not a success (`denied`, `failure`, or anything unknown). */
export function refusedOnly(entries: AuditEntryView[]): AuditEntryView[] {
  return entries.filter((e) => !OK_OUTCOMES.includes(e.outcome));
}

export function RefusedPanel() {
  const { api } = useApp();
  const t = useMessages(messages);
  const heading = useId();
  const [load, reload] = useLoad(() => api.auditLog(null, null).then(refusedOnly), [api]);
  return (
    <section aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {t.refused.heading}
      </h2>
      <p className="utrecht-paragraph">{t.refused.intro}</p>
      <p className="utrecht-paragraph">
        <button type="button" className="utrecht-button utrecht-button--secondary-action" data-e2e="privacy-refused-reload" onClick={reload}>
          {t.refused.reload}
        </button>
      </p>
      <Loaded load={load}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="utrecht-paragraph" role="status" data-e2e="privacy-refused">
              {t.refused.empty}
            </p>
          ) : (
            <AuditTable entries={entries} caption={t.refused.caption} showCase e2e="privacy-refused" />
          )
        }
      </Loaded>
    </section>
  );
}
