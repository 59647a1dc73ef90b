// Renders one screen inside the app context with a mock host: each screen's test brings the
// answers it needs (`extra`), and can read back every command sent (`host.calls`).
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";

import { AppContext, type AppContextValue } from "../src/app/context";
import type { Route } from "../src/app/route";
import { LangProvider, type Lang } from "../src/i18n/lang";
import { createApi } from "../src/lib/ipc/call";
import { createMockHost, MOCK_VOCABULARY, type MockOptions } from "../src/lib/ipc/mockHost";
import type { UserView } from "../src/lib/ipc/types";
import { userFor } from "./users";

export const COORDINATOR: UserView = userFor("coordinator", "gemeente", { id: "u-1", name: "Demo Coördinator" });

export interface ScreenOptions extends MockOptions {
  user?: UserView;
  route?: Route;
  lang?: Lang;
}

export function renderScreen(screen: ReactNode, options: ScreenOptions = {}) {
  const host = createMockHost(options);
  const api = createApi(host);
  const routes: Route[] = [];
  const value: AppContextValue = {
    api,
    user: options.user ?? COORDINATOR,
    vocab: MOCK_VOCABULARY,
    route: options.route ?? { page: "start" },
    go: (r) => routes.push(r),
    lock: () => routes.push({ page: "start" }),
  };
  const result = render(
    <LangProvider initial={options.lang ?? "nl"}>
      <AppContext.Provider value={value}>{screen}</AppContext.Provider>
    </LangProvider>,
  );
  return { host, api, routes, user: userEvent.setup(), ...result };
}
