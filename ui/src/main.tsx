// Entry point: picks the host (the desktop window, or the mock in a plain browser during
// development) and renders the app.
// Only the NL Design System (Utrecht) components the screens use: the whole library's CSS
// (363 kB) cost the web process about 18 MB of memory on its own.
import "@utrecht/alert-css/dist/index.css";
import "@utrecht/body-css/dist/index.css";
import "@utrecht/button-css/dist/index.css";
import "@utrecht/checkbox-css/dist/index.css";
import "@utrecht/document-css/dist/index.css";
import "@utrecht/form-field-css/dist/index.css";
import "@utrecht/form-field-description-css/dist/index.css";
import "@utrecht/form-field-error-message-css/dist/index.css";
import "@utrecht/form-fieldset-css/dist/index.css";
import "@utrecht/form-label-css/dist/index.css";
import "@utrecht/heading-1-css/dist/index.css";
import "@utrecht/heading-2-css/dist/index.css";
import "@utrecht/heading-3-css/dist/index.css";
import "@utrecht/heading-4-css/dist/index.css";
import "@utrecht/link-css/dist/index.css";
import "@utrecht/ordered-list-css/dist/index.css";
import "@utrecht/paragraph-css/dist/index.css";
import "@utrecht/radio-button-css/dist/index.css";
import "@utrecht/select-css/dist/index.css";
import "@utrecht/table-css/dist/index.css";
import "@utrecht/textarea-css/dist/index.css";
import "@utrecht/textbox-css/dist/index.css";
import "@utrecht/unordered-list-css/dist/index.css";
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
