// Loading and error states that every screen uses: an error is always the Dutch (or English)
// sentence for its code, with the next step; never the core's English message.
import { useCallback, useEffect, useRef, useState } from "react";

import { common, errorMessage } from "../i18n/common";
import { useLang, useMessages } from "../i18n/lang";
import type { AppError } from "../lib/ipc/types";

export type Load<T> = { kind: "loading" } | { kind: "failed"; error: AppError } | { kind: "ready"; value: T };

/** Runs `fetch` now and whenever `deps` change; `reload` runs it again. */
export function useLoad<T>(fetch: () => Promise<T>, deps: unknown[]): [Load<T>, () => void] {
  const [state, setState] = useState<Load<T>>({ kind: "loading" });
  const [tick, setTick] = useState(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  useEffect(() => {
    let alive = true;
    fetchRef.current().then(
      (value) => alive && setState({ kind: "ready", value }),
      (error: AppError) => alive && setState({ kind: "failed", error }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}

export function ErrorAlert({ error }: { error: AppError }) {
  const { lang } = useLang();
  return (
    <div className="utrecht-alert utrecht-alert--error" role="alert">
      <p className="utrecht-paragraph">{errorMessage(lang, error)}</p>
    </div>
  );
}

export function Loading() {
  const t = useMessages(common);
  return (
    <p className="utrecht-paragraph" role="status">
      {t.loading}
    </p>
  );
}

/** Renders a load: the loading line, the error, or `children(value)`. */
export function Loaded<T>({ load, children }: { load: Load<T>; children: (value: T) => React.ReactNode }) {
  if (load.kind === "loading") return <Loading />;
  if (load.kind === "failed") return <ErrorAlert error={load.error} />;
  return <>{children(load.value)}</>;
}
