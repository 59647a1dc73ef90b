// Entry point: picks the host (the desktop window, or the mock in a plain browser during
// development) and renders the app.
import "@utrecht/component-library-css/dist/index.css";
import "./styles/tokens.css";
import "./styles/app.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { PresentationWindow, presentationTarget } from "./app/PresentationWindow";
import { LangProvider } from "./i18n/lang";
import { createApi } from "./lib/ipc/call";
import { inTauri, tauriHost } from "./lib/ipc/host";
import type { Host } from "./lib/ipc/types";

async function chooseHost(): Promise<Host> {
  if (inTauri()) return tauriHost;
  if (import.meta.env.DEV) {
    // Only in `vite` dev: the production bundle never contains the mock.
    const { createMockHost } = await import("./lib/ipc/mockHost");
    return createMockHost();
  }
  throw new Error("Casusoverleg draait alleen in het eigen venster.");
}

const root = document.getElementById("root");
// The projector window runs the same page with a target set by the shell.
const target = presentationTarget();
if (root) {
  chooseHost().then(
    (host) =>
      createRoot(root).render(
        <StrictMode>
          <LangProvider>
            {target ? <PresentationWindow api={createApi(host)} target={target} /> : <App api={createApi(host)} />}
          </LangProvider>
        </StrictMode>,
      ),
    () => {
      root.textContent = "Casusoverleg draait alleen in het eigen venster. Start de app met scripts/run-demo.sh.";
    },
  );
}
