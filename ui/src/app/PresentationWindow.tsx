// The projector window (a second native window opened by `open_presentation`). It shows one
// agenda item through `meeting_presentation` only — its Tauri capability allows nothing else —
// and says so plainly when the app is locked. Which item is set by the shell before the page
// loads (`window.__casusPresentation`); the ids are checked there to be plain hex.
import { useEffect, useMemo, useState } from "react";

import { ErrorAlert, Loading } from "../components/status";
import { PresentationPage } from "../features/meetings/PresentationPage";
import type { Api } from "../lib/ipc/call";
import type { AppError, AppStatus, Vocabulary } from "../lib/ipc/types";
import { AppContext, type AppContextValue } from "./context";

export interface PresentationTarget {
  meeting: string;
  case: string;
}

/** The item the shell asked this window to show, if this is the projector window. */
export function presentationTarget(): PresentationTarget | null {
  const value = (window as unknown as { __casusPresentation?: unknown }).__casusPresentation;
  if (typeof value !== "object" || value === null) return null;
  const { meeting, case: caseId } = value as Record<string, unknown>;
  return typeof meeting === "string" && typeof caseId === "string" ? { meeting, case: caseId } : null;
}

const LOCKED = "Casusoverleg is vergrendeld. Dit presentatievenster toont niets meer en kan worden gesloten.";

export function PresentationWindow({ api, target }: { api: Api; target: PresentationTarget }) {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [vocab, setVocab] = useState<Vocabulary | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    api.appStatus().then(setStatus, setError);
    api.vocabulary().then(setVocab, setError);
  }, [api]);

  const value = useMemo<AppContextValue | null>(
    () =>
      status?.user && vocab
        ? { api, user: status.user, vocab, route: { page: "presentation", meetingId: target.meeting, caseId: target.case }, go: () => {}, lock: () => {} }
        : null,
    [api, status, vocab, target],
  );

  if (error) return <ErrorAlert error={error} />;
  if (status === null || vocab === null) return <Loading />;
  if (status.locked || value === null) {
    return (
      <main className="casus-presentation">
        <h1 className="utrecht-heading-1">Casusoverleg</h1>
        <p className="utrecht-paragraph" role="status">
          {LOCKED}
        </p>
      </main>
    );
  }
  return (
    <AppContext.Provider value={value}>
      <main className="casus-presentation">
        <PresentationPage meetingId={target.meeting} caseId={target.case} standalone />
      </main>
    </AppContext.Provider>
  );
}
