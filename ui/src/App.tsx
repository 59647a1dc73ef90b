// Top of the UI: asks the app whether the window is locked and shows the first-run set-up, the
// unlock screen, or the shell with the current screen. After unlocking it also keeps the room
// safe: activity restarts the core's idle clock, idle time locks (the core drops its keys and the
// page reloads), and copied text is wiped from the clipboard after 30 seconds.
import { useCallback, useEffect, useMemo, useState } from "react";

import { AppContext, type AppContextValue } from "./app/context";
import type { Route } from "./app/route";
import { Shell } from "./app/Shell";
import { ErrorAlert, Loading } from "./components/status";
import { common } from "./i18n/common";
import { useMessages } from "./i18n/lang";
import { SetupScreen } from "./features/unlock/SetupScreen";
import { UnlockScreen } from "./features/unlock/UnlockScreen";
import type { Api } from "./lib/ipc/call";
import type { AppError, AppStatus, UserView, Vocabulary } from "./lib/ipc/types";

type View = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; status: AppStatus };

/** Tell the core about activity at most this often. */
const TOUCH_EVERY_MS = 15_000;
/** Copied text stays on the clipboard this long. */
export const CLIPBOARD_CLEAR_MS = 30_000;

export function App({ api, reload = () => window.location.reload() }: { api: Api; reload?: () => void }) {
  const [view, setView] = useState<View>({ kind: "loading" });

  useEffect(() => {
    let alive = true;
    api.appStatus().then(
      (status) => alive && setView({ kind: "ready", status }),
      (error: AppError) => alive && setView({ kind: "failed", error }),
    );
    return () => {
      alive = false;
    };
  }, [api]);

  const onUnlocked = useCallback(
    (user: UserView) =>
      setView((v) => (v.kind === "ready" ? { kind: "ready", status: { ...v.status, store_exists: true, locked: false, user } } : v)),
    [],
  );
  // Locking always reloads the page: every case shown, typed or cached in memory is dropped.
  const lock = useCallback(() => {
    api.lock().finally(reload);
  }, [api, reload]);

  if (view.kind === "loading") {
    return (
      <main className="casus-main casus-main--center">
        <Loading />
      </main>
    );
  }
  if (view.kind === "failed") {
    return (
      <main className="casus-main casus-main--center">
        <ErrorAlert error={view.error} />
      </main>
    );
  }
  const { status } = view;
  if (!status.store_exists && status.store_path_name !== null) {
    return <SetupScreen api={api} storeName={status.store_path_name} onCreated={onUnlocked} />;
  }
  if (status.locked || status.user === null) {
    return <UnlockScreen api={api} storeName={status.store_path_name} onUnlocked={onUnlocked} />;
  }
  return <Unlocked api={api} user={status.user} idleSecs={status.idle_lock_secs} lock={lock} />;
}

function Unlocked({ api, user, idleSecs, lock }: { api: Api; user: UserView; idleSecs: number; lock: () => void }) {
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [route, setRoute] = useState<Route>({ page: "start" });

  useEffect(() => {
    api.vocabulary().then(setVocab, setError);
  }, [api]);

  const lockIn = useSafetyInTheRoom(api, idleSecs, lock);

  const value = useMemo<AppContextValue | null>(
    () => (vocab === null ? null : { api, user, vocab, route, go: setRoute, lock }),
    [api, user, vocab, route, lock],
  );
  if (error !== null) return <ErrorAlert error={error} />;
  if (value === null) return <Loading />;
  return (
    <AppContext.Provider value={value}>
      {lockIn !== null && <IdleWarning seconds={lockIn} />}
      <Shell />
    </AppContext.Provider>
  );
}

/** How long before the idle lock the window warns, in seconds. */
export const IDLE_WARNING_SECS = 30;

/**
 * The last half minute before the idle lock: a visible countdown at the top of the window. Screen
 * readers hear the warning once (the changing number is hidden from them); any input cancels it.
 */
function IdleWarning({ seconds }: { seconds: number }) {
  const t = useMessages(common);
  return (
    <div className="utrecht-alert utrecht-alert--warning casus-idle-warning" role="alert" data-e2e="idle-warning">
      <p className="utrecht-paragraph">
        <strong>{t.idleWarning}</strong> <span aria-hidden="true">{t.idleCountdown(seconds)}</span>
      </p>
      <p className="utrecht-paragraph">{t.idleHowToStay}</p>
    </div>
  );
}

/**
 * Idle lock (the core has the same limit and locks on its own too) and clipboard clearing. Any
 * input counts as activity, mouse movement included. Returns the seconds left before the lock
 * during the last {@link IDLE_WARNING_SECS}, else null.
 */
function useSafetyInTheRoom(api: Api, idleSecs: number, lock: () => void): number | null {
  const [lockIn, setLockIn] = useState<number | null>(null);
  useEffect(() => {
    let last = Date.now();
    // The core's idle clock restarts at each touch: it starts counting from the first one.
    let lastTouch = last;
    const touch = (at: number) => {
      lastTouch = at;
      api.touch().catch(() => {});
    };
    const activity = () => {
      last = Date.now();
      if (last - lastTouch > TOUCH_EVERY_MS) touch(last);
      setLockIn(null);
    };
    const events = ["keydown", "pointerdown", "pointermove", "wheel"] as const;
    for (const e of events) window.addEventListener(e, activity, { passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      const limit = idleSecs * 1000;
      // Activity not yet passed on (touches are spaced out) is passed on before the core's own
      // clock nears its limit, so the core never locks ahead of the warning.
      if (last > lastTouch && now - lastTouch > limit - (IDLE_WARNING_SECS + 15) * 1000) touch(now);
      const left = limit - (now - last);
      if (left <= 0) {
        lock();
        return;
      }
      setLockIn(left <= IDLE_WARNING_SECS * 1000 ? Math.ceil(left / 1000) : null);
    }, 1000);
    let clearTimer: number | undefined;
    const onCopy = () => {
      window.clearTimeout(clearTimer);
      clearTimer = window.setTimeout(() => {
        navigator.clipboard?.writeText("").catch(() => {});
      }, CLIPBOARD_CLEAR_MS);
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCopy);
    return () => {
      for (const e of events) window.removeEventListener(e, activity);
      window.clearInterval(timer);
      window.clearTimeout(clearTimer);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCopy);
    };
  }, [api, idleSecs, lock]);
  return lockIn;
}
