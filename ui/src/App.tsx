// Top of the UI: asks the app whether the window is locked and shows either the unlock
// screen or the case list. Holds no case data itself.
import { useCallback, useEffect, useState } from "react";

import { CasesPage } from "./features/cases/CasesPage";
import { UnlockScreen } from "./features/unlock/UnlockScreen";
import { errorText, nl } from "./i18n/nl";
import type { Api } from "./lib/ipc/call";
import type { AppError, AppStatus, UserView } from "./lib/ipc/types";

type View = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; status: AppStatus };

export function App({ api }: { api: Api }) {
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
      setView((v) => (v.kind === "ready" ? { kind: "ready", status: { ...v.status, locked: false, user } } : v)),
    [],
  );
  const onLocked = useCallback(
    () => setView((v) => (v.kind === "ready" ? { kind: "ready", status: { ...v.status, locked: true, user: null } } : v)),
    [],
  );

  if (view.kind === "loading") {
    return (
      <main className="casus-main casus-main--center">
        <p className="utrecht-paragraph" role="status">
          {nl.loading}
        </p>
      </main>
    );
  }
  if (view.kind === "failed") {
    return (
      <main className="casus-main casus-main--center">
        <div className="utrecht-alert utrecht-alert--error" role="alert">
          <p className="utrecht-paragraph">{errorText(view.error)}</p>
        </div>
      </main>
    );
  }
  const { status } = view;
  if (status.locked || status.user === null) {
    return <UnlockScreen api={api} storeName={status.store_path_name} onUnlocked={onUnlocked} />;
  }
  return <CasesPage api={api} user={status.user} onLocked={onLocked} />;
}
