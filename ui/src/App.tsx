// Top of the UI: asks the app whether the window is locked and shows the first-run set-up, the
// unlock screen, or the shell with the current screen. After unlocking it also keeps the room
// safe: activity restarts the core's idle clock, idle time locks (the core drops its keys and the
// page reloads), and copied text is wiped from the clipboard after 30 seconds.
import { useCallback, useEffect, useMemo, useState } from "react";

import { AppContext, type AppContextValue } from "./app/context";
import type { Route } from "./app/route";
import { Shell } from "./app/Shell";
import { ErrorAlert, Loading } from "./components/status";
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

  useSafetyInTheRoom(api, idleSecs, lock);

  const value = useMemo<AppContextValue | null>(
    () => (vocab === null ? null : { api, user, vocab, route, go: setRoute, lock }),
    [api, user, vocab, route, lock],
  );
  if (error !== null) return <ErrorAlert error={error} />;
  if (value === null) return <Loading />;
  return (
    <AppContext.Provider value={value}>
      <Shell />
    </AppContext.Provider>
  );
}

/** Idle lock (the core has the same limit and locks on its own too) and clipboard clearing. */
function useSafetyInTheRoom(api: Api, idleSecs: number, lock: () => void) {
  useEffect(() => {
    let last = Date.now();
    let lastTouch = 0;
    const activity = () => {
      last = Date.now();
      if (last - lastTouch > TOUCH_EVERY_MS) {
        lastTouch = last;
        api.touch().catch(() => {});
      }
    };
    const events = ["keydown", "pointerdown", "wheel"] as const;
    for (const e of events) window.addEventListener(e, activity, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last >= idleSecs * 1000) lock();
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
}
