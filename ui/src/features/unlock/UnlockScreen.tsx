// The unlock screen: user name and passphrase, sent once to the core, which alone decides.
// Shows the Dutch wording for a refusal and counts down a backoff before allowing a retry.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import { TextField } from "../../components/fields";
import { errorMessage } from "../../i18n/common";
import { useLang, useMessages } from "../../i18n/lang";
import { messages } from "./messages";
import type { Api } from "../../lib/ipc/call";
import type { AppError, UserView } from "../../lib/ipc/types";

interface Props {
  api: Api;
  storeName: string | null;
  onUnlocked: (user: UserView) => void;
}

export function UnlockScreen({ api, storeName, onUnlocked }: Props) {
  const t = useMessages(messages);
  const { lang } = useLang();
  const ids = { error: useId(), heading: useId() };
  const [user, setUser] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState(false);
  const [waitLeft, setWaitLeft] = useState(0);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);

  useEffect(() => userRef.current?.focus(), []);

  // Count a backoff down once per second; the button comes back at zero.
  useEffect(() => {
    if (waitLeft <= 0) return;
    const timer = window.setTimeout(() => setWaitLeft((s) => s - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [waitLeft]);

  const noStore = storeName === null;
  const blocked = busy || waitLeft > 0 || noStore;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (blocked) return;
    if (user.trim() === "" || passphrase === "") {
      setMissing(true);
      setError(null);
      (user.trim() === "" ? userRef : passRef).current?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const me = await api.unlock(user.trim(), passphrase);
      setPassphrase("");
      onUnlocked(me);
    } catch (e) {
      const failure = e as AppError;
      setError(failure);
      setPassphrase("");
      if (failure.code === "backoff") setWaitLeft(failure.retry_after_secs ?? 0);
      setBusy(false);
      passRef.current?.focus();
    }
  }

  const message = missing ? t.missingFields : error ? errorMessage(lang, error, waitLeft > 0 ? waitLeft : undefined) : null;
  const passInvalid = error?.code === "wrong_passphrase";

  return (
    <main className="casus-main casus-main--center">
      <section className="casus-card" aria-labelledby={ids.heading}>
        <h1 id={ids.heading} className="utrecht-heading-1">
          {t.title}
        </h1>
        <p className="utrecht-paragraph">{t.intro}</p>
        {noStore ? (
          <div className="utrecht-alert utrecht-alert--warning" role="alert">
            <p className="utrecht-paragraph">{t.noStore}</p>
          </div>
        ) : (
          <p className="utrecht-paragraph casus-store">
            {t.store}: <span className="casus-store__name">{storeName}</span>
          </p>
        )}
        <form className="casus-form" onSubmit={submit} noValidate>
          <TextField
            ref={userRef}
            name="user"
            label={t.user}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={user}
            disabled={noStore}
            onChange={setUser}
          />
          <TextField
            ref={passRef}
            type="password"
            name="passphrase"
            label={t.passphrase}
            invalid={passInvalid}
            describedBy={message ? ids.error : undefined}
            autoComplete="current-password"
            value={passphrase}
            disabled={noStore}
            onChange={setPassphrase}
          />
          <div id={ids.error} className="casus-form__message" aria-live="assertive" aria-atomic="true">
            {message && (
              <div className="utrecht-alert utrecht-alert--error" data-testid="unlock-error">
                <p className="utrecht-paragraph">{message}</p>
              </div>
            )}
          </div>
          <button
            type="submit"
            className="utrecht-button utrecht-button--primary-action utrecht-button--submit"
            aria-disabled={blocked || undefined}
            disabled={noStore}
          >
            {busy ? t.busy : t.submit}
          </button>
        </form>
      </section>
    </main>
  );
}
