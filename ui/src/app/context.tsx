// What every screen needs: the API, the signed-in user, the code lists with their labels, and
// `go` to move to another screen.
import { createContext, useContext } from "react";

import type { Api } from "../lib/ipc/call";
import type { Code, UserView, Vocabulary } from "../lib/ipc/types";
import type { Route } from "./route";

export interface AppContextValue {
  api: Api;
  user: UserView;
  vocab: Vocabulary;
  route: Route;
  go: (route: Route) => void;
  lock: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error("useApp outside the shell");
  return value;
}

/** The label of a code in a code list, or the code itself when unknown. */
export function label(list: Code[], code: string | null | undefined): string {
  if (!code) return "";
  return list.find((c) => c.code === code)?.label ?? code;
}
