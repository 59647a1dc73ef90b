// "Wat zag gebruiker Y?": every entry by one user. The privacy officer (and an administrator)
// picks from the list of accounts; when that list is refused, or for anyone else, a name field.
// Anyone but the privacy officer may only read their own entries (the core decides).
import { useId, useState, type FormEvent } from "react";

import { label, useApp } from "../../app/context";
import { can } from "../../app/policy";
import { SelectField, TextField } from "../../components/fields";
import { Loaded, Loading, useLoad } from "../../components/status";
import { useMessages } from "../../i18n/lang";
import type { UserSummary } from "../../lib/ipc/types";
import { AuditTable } from "./AuditTable";
import { messages } from "./messages";

export function UserPanel() {
  const { api, user } = useApp();
  const t = useMessages(messages);
  const ids = { heading: useId(), missing: useId() };
  const officer = can(user, "read_whole_audit_log");
  const mayList = can(user, "list_users");
  const [users] = useLoad<UserSummary[] | null>(() => (mayList ? api.listUsers() : Promise.resolve(null)), [api, mayList]);
  const [value, setValue] = useState(officer ? "" : user.name);
  const [asked, setAsked] = useState<{ name: string; n: number } | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = value.trim();
    if (name === "") {
      setMissing(true);
      return;
    }
    setMissing(false);
    setAsked((a) => ({ name, n: (a?.n ?? 0) + 1 }));
  };

  // A list only when it came back; a refusal falls back to typing the name.
  const list = users.kind === "ready" ? users.value : null;

  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="utrecht-heading-2">
        {t.userTab.heading}
      </h2>
      <p className="utrecht-paragraph">{t.userTab.intro}</p>
      {!officer && (
        <div className="utrecht-alert utrecht-alert--info">
          <p className="utrecht-paragraph">{t.userTab.onlyOwn}</p>
        </div>
      )}
      {users.kind === "loading" ? (
        <Loading />
      ) : (
        <form className="casus-inline-form" onSubmit={submit} noValidate role="search" aria-labelledby={ids.heading}>
          {list ? (
            <SelectField
              label={t.userTab.select}
              invalid={missing}
              describedBy={missing ? ids.missing : undefined}
              data-e2e="privacy-user-select"
              value={value}
              onChange={setValue}
              placeholder={t.userTab.choose}
            >
              {[...list]
                .sort((a, b) => a.name.localeCompare(b.name, "nl"))
                .map((u) => (
                  <UserOption key={u.id} u={u} />
                ))}
            </SelectField>
          ) : (
            <TextField
              label={t.userTab.field}
              hint={t.userTab.fieldHint}
              invalid={missing}
              describedBy={missing ? ids.missing : undefined}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-e2e="privacy-user-name"
              value={value}
              onChange={setValue}
            />
          )}
          <button type="submit" className="utrecht-button utrecht-button--primary-action" data-e2e="privacy-user-search">
            {t.userTab.search}
          </button>
        </form>
      )}
      <div id={ids.missing} aria-live="assertive">
        {missing && (
          <div className="utrecht-alert utrecht-alert--error">
            <p className="utrecht-paragraph">{t.userTab.missing}</p>
          </div>
        )}
      </div>
      {asked && <UserLog key={`${asked.name}-${asked.n}`} name={asked.name} />}
    </section>
  );
}

function UserOption({ u }: { u: UserSummary }) {
  const { vocab } = useApp();
  return (
    <option value={u.name}>
      {`${u.name} (${label(vocab.roles, u.role)}, ${label(vocab.organisations, u.org)})`}
    </option>
  );
}

function UserLog({ name }: { name: string }) {
  const { api } = useApp();
  const t = useMessages(messages);
  const [load] = useLoad(() => api.auditLog(null, name), [api, name]);
  return (
    <div className="casus-section">
      <Loaded load={load}>
        {(entries) => <AuditTable entries={entries} caption={t.userTab.caption(name)} showCase e2e="privacy-user-log" />}
      </Loaded>
    </div>
  );
}
