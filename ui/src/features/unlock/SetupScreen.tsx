// Being built in this change (issue 5); replaced by the full first-run screen.
import type { Api } from "../../lib/ipc/call";
import type { UserView } from "../../lib/ipc/types";

export function SetupScreen(_props: { api: Api; storeName: string; onCreated: (user: UserView) => void }) {
  return <h1 className="utrecht-heading-1">SetupScreen</h1>;
}
