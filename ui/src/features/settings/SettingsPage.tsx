// Instellingen: the window's language, how soon it locks itself, the backups (the administrator
// chooses the folder and how many to keep; whoever may back up makes one now or tests the newest
// with a practice restore), the user's own passphrase, and (for the administrator) the users of
// this store. The core decides every change; the checks here
// only save a round trip and say in plain words what to do.
import { useId, useState, type FormEvent, type ReactNode } from "react";

import { label, useApp } from "../../app/context";
import { can } from "../../app/policy";
import { SelectField, TextField } from "../../components/fields";
import { ErrorAlert, Loaded, Loading, useLoad } from "../../components/status";
import { dateTime, shortDate, useLang, useMessages, type Lang } from "../../i18n/lang";
import type { AppError, BackupReport, UserForm, UserSummary } from "../../lib/ipc/types";
import { messages, PASSPHRASE_MIN } from "./messages";
import "./settings.css";

export function SettingsPage() {
  const t = useMessages(messages);
  return (
    <div className="casus-settings">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <LanguageSection />
      <LockSection />
      <BackupSection />
      <PassphraseSection />
      <UsersSection />
    </div>
  );
}

function LanguageSection() {
  const t = useMessages(messages);
  const { lang, setLang } = useLang();
  const ids = { heading: useId(), nl: useId(), en: useId(), note: useId() };
  const options: { value: Lang; id: string; text: string }[] = [
    { value: "nl", id: ids.nl, text: t.language.nl },
    { value: "en", id: ids.en, text: t.language.en },
  ];
  return (
    <section className="casus-set-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="utrecht-heading-2">
        {t.language.heading}
      </h2>
      <div className="utrecht-form-fieldset">
        <fieldset className="utrecht-form-fieldset__fieldset utrecht-form-fieldset--html-fieldset" aria-describedby={ids.note}>
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{t.language.legend}</legend>
          {options.map((o) => (
            <div key={o.value} className="utrecht-form-field utrecht-form-field--radio casus-set-radio">
              <div className="utrecht-form-field__input">
                <input
                  id={o.id}
                  type="radio"
                  name="casus-language"
                  className="utrecht-radio-button utrecht-radio-button--html-input"
                  value={o.value}
                  lang={o.value}
                  checked={lang === o.value}
                  data-e2e={`settings-lang-${o.value}`}
                  onChange={() => setLang(o.value)}
                />
              </div>
              <div className="utrecht-form-field__label utrecht-form-field__label--radio">
                <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={o.id} lang={o.value}>
                  {o.text}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
      </div>
      <p id={ids.note} className="utrecht-paragraph casus-set-muted">
        {t.language.note}
      </p>
    </section>
  );
}

const IDLE_CHOICES = [1, 2, 5, 10, 15, 30];

function LockSection() {
  const { api, user } = useApp();
  const t = useMessages(messages);
  const heading = useId();
  const [status, reload] = useLoad(() => api.appStatus(), [api]);
  const [minutes, setMinutes] = useState("");
  const [saved, setSaved] = useState<{ kind: "idle" } | { kind: "done" } | { kind: "failed"; error: AppError }>({ kind: "idle" });
  async function save(event: FormEvent) {
    event.preventDefault();
    if (minutes === "") return;
    try {
      await api.setIdleLock(Number(minutes));
      setSaved({ kind: "done" });
      reload();
    } catch (e) {
      setSaved({ kind: "failed", error: e as AppError });
    }
  }
  const duration = (secs: number) =>
    secs % 60 === 0 ? t.lock.minutes(secs / 60) : secs > 60 ? t.lock.minutes(Math.round(secs / 60)) : t.lock.seconds(secs);
  return (
    <section className="casus-set-section" aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {t.lock.heading}
      </h2>
      <Loaded load={status}>
        {(s) => (
          <>
            <p className="utrecht-paragraph" data-e2e="settings-idle-lock">
              {t.lock.text(duration(s.idle_lock_secs))}
            </p>
            {s.idle_lock_fixed && <p className="utrecht-paragraph">{t.lock.fixed}</p>}
            {can(user, "change_settings") && !s.idle_lock_fixed && (
              <form onSubmit={save} noValidate className="casus-set-form" aria-label={t.lock.heading}>
                <SelectField
                  label={t.lock.choose}
                  hint={t.lock.chooseHint}
                  value={minutes}
                  onChange={setMinutes}
                  placeholder={t.lock.choosePlaceholder}
                  options={IDLE_CHOICES.map((n) => ({ code: String(n), label: t.lock.minutes(n) }))}
                  data-e2e="settings-idle-minutes"
                />
                <button type="submit" className="utrecht-button utrecht-button--primary-action" data-e2e="settings-idle-save">
                  {t.lock.save}
                </button>
                {saved.kind === "done" && (
                  <p className="utrecht-paragraph" role="status">
                    {t.lock.saved}
                  </p>
                )}
                {saved.kind === "failed" && <ErrorAlert error={saved.error} />}
              </form>
            )}
          </>
        )}
      </Loaded>
      <p className="utrecht-paragraph">{t.lock.manual}</p>
    </section>
  );
}

const KEEP_CHOICES = [3, 7, 14, 30, 90];

type BackupRun = { kind: "idle" } | { kind: "busy"; what: "now" | "practice" } | { kind: "made"; report: BackupReport } | { kind: "practised"; report: BackupReport } | { kind: "failed"; error: AppError };

function BackupSection() {
  const { api, user } = useApp();
  const t = useMessages(messages);
  const b = t.backup;
  const heading = useId();
  const mayBackup = can(user, "backup");
  const maySet = can(user, "change_settings");
  const [load, reload] = useLoad(() => (mayBackup || maySet ? api.backupSettings() : Promise.resolve(null)), [api, mayBackup, maySet]);
  const [folder, setFolder] = useState<string | null>(null);
  const [keep, setKeep] = useState("");
  const [saved, setSaved] = useState<{ kind: "idle" } | { kind: "done" } | { kind: "failed"; error: AppError }>({ kind: "idle" });
  const [run, setRun] = useState<BackupRun>({ kind: "idle" });
  if (!mayBackup && !maySet) return null;

  async function save(event: FormEvent, current: { folder: string | null; keep: number }) {
    event.preventDefault();
    try {
      await api.setBackupSettings((folder ?? current.folder ?? "").trim(), Number(keep === "" ? current.keep : keep));
      setSaved({ kind: "done" });
      reload();
    } catch (e) {
      setSaved({ kind: "failed", error: e as AppError });
    }
  }
  async function start(what: "now" | "practice") {
    if (run.kind === "busy") return;
    setRun({ kind: "busy", what });
    try {
      if (what === "now") setRun({ kind: "made", report: await api.backupNow() });
      else setRun({ kind: "practised", report: await api.backupPractice() });
      reload();
    } catch (e) {
      setRun({ kind: "failed", error: e as AppError });
    }
  }

  return (
    <section className="casus-set-section" aria-labelledby={heading} data-e2e="settings-backup">
      <h2 id={heading} className="utrecht-heading-2">
        {b.heading}
      </h2>
      <p className="utrecht-paragraph">{b.intro}</p>
      <Loaded load={load}>
        {(s) =>
          s && (
            <>
              <p className="utrecht-paragraph" data-e2e="settings-backup-folder">
                {s.folder ? b.folder(s.folder, s.keep) : b.noFolder}
              </p>
              <p className="utrecht-paragraph" data-e2e="settings-backup-last">
                {s.last ? b.last(dateTime(s.last.at)) : b.none}
              </p>
              {maySet && (
                <form onSubmit={(e) => save(e, s)} noValidate className="casus-set-form" aria-label={b.formLabel}>
                  <TextField
                    label={b.folderField}
                    hint={b.folderHint}
                    autoComplete="off"
                    spellCheck={false}
                    value={folder ?? s.folder ?? ""}
                    onChange={setFolder}
                    data-e2e="settings-backup-folder-field"
                  />
                  <SelectField
                    label={b.keepField}
                    hint={b.keepHint}
                    value={keep === "" ? String(s.keep) : keep}
                    onChange={setKeep}
                    options={[...new Set([...KEEP_CHOICES, s.keep])].sort((x, y) => x - y).map((n) => ({ code: String(n), label: b.keepN(n) }))}
                    data-e2e="settings-backup-keep"
                  />
                  <button type="submit" className="utrecht-button utrecht-button--primary-action" data-e2e="settings-backup-save">
                    {b.save}
                  </button>
                  {saved.kind === "done" && (
                    <p className="utrecht-paragraph" role="status">
                      {b.saved}
                    </p>
                  )}
                  {saved.kind === "failed" && <ErrorAlert error={saved.error} />}
                </form>
              )}
              {mayBackup && s.folder && (
                <div className="casus-set-form">
                  <ul className="casus-button-row">
                    <li>
                      <button
                        type="button"
                        className="utrecht-button utrecht-button--secondary-action"
                        data-e2e="settings-backup-now"
                        aria-disabled={run.kind === "busy" || undefined}
                        onClick={() => start("now")}
                      >
                        {run.kind === "busy" && run.what === "now" ? b.busy : b.now}
                      </button>
                    </li>
                    <li>
                      <button
                        type="button"
                        className="utrecht-button utrecht-button--secondary-action"
                        data-e2e="settings-backup-practice"
                        aria-disabled={run.kind === "busy" || undefined}
                        onClick={() => start("practice")}
                      >
                        {run.kind === "busy" && run.what === "practice" ? b.busy : b.practice}
                      </button>
                    </li>
                  </ul>
                  <p className="utrecht-paragraph casus-set-muted">{b.practiceHint}</p>
                </div>
              )}
            </>
          )
        }
      </Loaded>
      <div aria-live="polite" className="casus-set-message">
        {run.kind === "made" && (
          <div className="utrecht-alert utrecht-alert--ok" data-e2e="settings-backup-made">
            <p className="utrecht-paragraph">{b.made(run.report.head_seq, run.report.head_hash.slice(0, 16))}</p>
          </div>
        )}
        {run.kind === "practised" && (
          <div className="utrecht-alert utrecht-alert--ok" data-e2e="settings-backup-practised">
            <p className="utrecht-paragraph">{b.practised(dateTime(run.report.made_at))}</p>
            <ul className="utrecht-unordered-list">
              <li className="utrecht-unordered-list__item">{b.cases(run.report.cases)}</li>
              {run.report.cases_opened !== null && <li className="utrecht-unordered-list__item">{b.opened(run.report.cases_opened)}</li>}
              <li className="utrecht-unordered-list__item">{b.accounts(run.report.accounts)}</li>
              <li className="utrecht-unordered-list__item">{b.entries(run.report.entries)}</li>
              <li className="utrecht-unordered-list__item">{b.head(run.report.head_seq, run.report.head_hash.slice(0, 16))}</li>
            </ul>
          </div>
        )}
      </div>
      {run.kind === "failed" && <ErrorAlert error={run.error} />}
    </section>
  );
}

type Save = { kind: "idle" } | { kind: "busy" } | { kind: "done" } | { kind: "local"; text: string; field: "first" | "repeat" } | { kind: "failed"; error: AppError };

function PassphraseSection() {
  const { api } = useApp();
  const t = useMessages(messages);
  const p = t.passphrase;
  const ids = { heading: useId(), message: useId() };
  const [first, setFirst] = useState("");
  const [repeat, setRepeat] = useState("");
  const [save, setSave] = useState<Save>({ kind: "idle" });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (save.kind === "busy") return;
    if ([...first].length < PASSPHRASE_MIN) {
      setSave({ kind: "local", text: p.tooShort, field: "first" });
      return;
    }
    if (first !== repeat) {
      setSave({ kind: "local", text: p.mismatch, field: "repeat" });
      setRepeat("");
      return;
    }
    setSave({ kind: "busy" });
    try {
      await api.changePassphrase(first);
      setFirst("");
      setRepeat("");
      setSave({ kind: "done" });
    } catch (error) {
      setSave({ kind: "failed", error: error as AppError });
    }
  };

  const invalid = (field: "first" | "repeat") => save.kind === "local" && save.field === field;
  const message = save.kind === "local" || save.kind === "failed" ? ids.message : undefined;

  return (
    <section className="casus-set-section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="utrecht-heading-2">
        {p.heading}
      </h2>
      <p className="utrecht-paragraph">{p.intro}</p>
      <form className="casus-set-form" onSubmit={submit} noValidate>
        <TextField
          type="password"
          label={p.field}
          hint={p.hint}
          invalid={invalid("first")}
          describedBy={message}
          autoComplete="new-password"
          data-e2e="settings-pass-new"
          value={first}
          onChange={setFirst}
        />
        <TextField
          type="password"
          label={p.repeat}
          invalid={invalid("repeat")}
          describedBy={message}
          autoComplete="new-password"
          data-e2e="settings-pass-repeat"
          value={repeat}
          onChange={setRepeat}
        />
        <div id={ids.message} aria-live="polite" className="casus-set-message">
          {save.kind === "local" && (
            <div className="utrecht-alert utrecht-alert--error" data-e2e="settings-pass-error">
              <p className="utrecht-paragraph">{save.text}</p>
            </div>
          )}
          {save.kind === "failed" && save.error.code === "invalid_input" && (
            <div className="utrecht-alert utrecht-alert--error" data-e2e="settings-pass-error">
              <p className="utrecht-paragraph">{p.rejected}</p>
            </div>
          )}
          {save.kind === "done" && (
            <div className="utrecht-alert utrecht-alert--ok" data-e2e="settings-pass-done">
              <p className="utrecht-paragraph">{p.done}</p>
            </div>
          )}
        </div>
        {save.kind === "failed" && save.error.code !== "invalid_input" && <ErrorAlert error={save.error} />}
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          data-e2e="settings-pass-submit"
          aria-disabled={save.kind === "busy" || undefined}
        >
          {save.kind === "busy" ? p.busy : p.submit}
        </button>
      </form>
    </section>
  );
}

function UsersSection() {
  const { api, user } = useApp();
  const t = useMessages(messages);
  const heading = useId();
  const mayList = can(user, "list_users");
  const mayAdd = can(user, "manage_users");
  const [load, reload] = useLoad<UserSummary[] | null>(() => (mayList ? api.listUsers() : Promise.resolve(null)), [api, mayList]);

  const calm = (
    <div className="utrecht-alert utrecht-alert--info" data-e2e="settings-users-admin-only">
      <p className="utrecht-paragraph">{t.users.onlyAdmin}</p>
    </div>
  );

  let body: ReactNode;
  if (!mayList) body = calm;
  else if (load.kind === "loading") body = <Loading />;
  else if (load.kind === "failed") body = load.error.code === "forbidden" ? calm : <ErrorAlert error={load.error} />;
  else if (load.value === null) body = calm;
  else body = <UsersTable users={load.value} />;

  return (
    <section className="casus-set-section" aria-labelledby={heading}>
      <h2 id={heading} className="utrecht-heading-2">
        {t.users.heading}
      </h2>
      {body}
      {mayAdd && <AddUser onAdded={reload} />}
    </section>
  );
}

function UsersTable({ users }: { users: UserSummary[] }) {
  const { vocab } = useApp();
  const t = useMessages(messages);
  const u = t.users;
  const sorted = [...users].sort((a, b) => a.name.localeCompare(b.name, "nl"));
  return (
    <>
      <p className="utrecht-paragraph casus-set-muted" role="status">
        {u.count(users.length)}
      </p>
      <div className="casus-table-container casus-set-scroll">
        <table className="utrecht-table casus-table" data-e2e="settings-users">
          <caption className="utrecht-table__caption">{u.caption}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">{u.name}</th>
              <th scope="col" className="utrecht-table__header-cell">{u.role}</th>
              <th scope="col" className="utrecht-table__header-cell">{u.org}</th>
              <th scope="col" className="utrecht-table__header-cell">{u.created}</th>
              <th scope="col" className="utrecht-table__header-cell">{u.failed}</th>
              <th scope="col" className="utrecht-table__header-cell">{u.rotation}</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {sorted.map((r) => (
              <tr key={r.id} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">{r.name}</th>
                <td className="utrecht-table__cell">{label(vocab.roles, r.role)}</td>
                <td className="utrecht-table__cell">{label(vocab.organisations, r.org)}</td>
                <td className="utrecht-table__cell">{shortDate(r.created)}</td>
                <td className="utrecht-table__cell">{r.failed_attempts}</td>
                <td className="utrecht-table__cell">{r.rotation_pending ? u.rotationPending : u.rotationOk}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Add = { kind: "idle" } | { kind: "busy" } | { kind: "done"; name: string } | { kind: "local"; text: string } | { kind: "failed"; error: AppError };

function AddUser({ onAdded }: { onAdded: () => void }) {
  const { api, vocab } = useApp();
  const t = useMessages(messages);
  const u = t.users;
  const ids = { heading: useId(), message: useId() };
  const empty: UserForm = {
    name: "",
    role: vocab.roles.find((r) => r.code === "partner_member")?.code ?? vocab.roles[0]?.code ?? "",
    org: vocab.organisations[0]?.code ?? "",
    passphrase: "",
  };
  const [form, setForm] = useState<UserForm>(empty);
  const [state, setState] = useState<Add>({ kind: "idle" });
  const set = (key: keyof UserForm, value: string) => setForm((f) => ({ ...f, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (state.kind === "busy") return;
    const name = form.name.trim();
    if (name === "") {
      setState({ kind: "local", text: u.addMissing });
      return;
    }
    if ([...form.passphrase].length < PASSPHRASE_MIN) {
      setState({ kind: "local", text: t.passphrase.tooShort });
      return;
    }
    setState({ kind: "busy" });
    try {
      await api.addUser({ ...form, name });
      setForm(empty);
      setState({ kind: "done", name });
      onAdded();
    } catch (error) {
      setState({ kind: "failed", error: error as AppError });
    }
  };

  return (
    <section className="casus-set-subsection" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="utrecht-heading-3">
        {u.addHeading}
      </h3>
      <p className="utrecht-paragraph">{u.addIntro}</p>
      <form className="casus-set-form" onSubmit={submit} noValidate>
        <TextField
          label={u.addName}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          data-e2e="settings-user-name"
          value={form.name}
          onChange={(v) => set("name", v)}
        />
        <SelectField label={u.addRole} data-e2e="settings-user-role" value={form.role} onChange={(v) => set("role", v)} options={vocab.roles} />
        <SelectField label={u.addOrg} data-e2e="settings-user-org" value={form.org} onChange={(v) => set("org", v)} options={vocab.organisations} />
        <TextField
          type="password"
          label={u.addPass}
          hint={t.passphrase.hint}
          describedBy={state.kind === "local" || state.kind === "failed" ? ids.message : undefined}
          autoComplete="new-password"
          data-e2e="settings-user-pass"
          value={form.passphrase}
          onChange={(v) => set("passphrase", v)}
        />
        <div id={ids.message} aria-live="polite" className="casus-set-message">
          {state.kind === "local" && (
            <div className="utrecht-alert utrecht-alert--error" data-e2e="settings-user-error">
              <p className="utrecht-paragraph">{state.text}</p>
            </div>
          )}
          {state.kind === "done" && (
            <div className="utrecht-alert utrecht-alert--ok" data-e2e="settings-user-added">
              <p className="utrecht-paragraph">{u.added(state.name)}</p>
            </div>
          )}
        </div>
        {state.kind === "failed" && <ErrorAlert error={state.error} />}
        <button
          type="submit"
          className="utrecht-button utrecht-button--primary-action"
          data-e2e="settings-user-add"
          aria-disabled={state.kind === "busy" || undefined}
        >
          {state.kind === "busy" ? u.addBusy : u.addSubmit}
        </button>
      </form>
    </section>
  );
}
