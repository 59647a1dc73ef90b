// Privacy en logboek: the privacy officer's (FG) screens as tabs: who saw a case (with the inzage
// overview), what a user saw, the log check, overrides, refused requests and destruction. Other
// users get the tabs their actions let them use (the core refuses the rest anyway, and logs the
// attempt).
import { useId, type ReactNode } from "react";

import { useApp } from "../../app/context";
import { can } from "../../app/policy";
import { useMessages } from "../../i18n/lang";
import type { UserView } from "../../lib/ipc/types";
import { CasePanel } from "./CasePanel";
import { messages } from "./messages";
import { OverridesPanel } from "./OverridesPanel";
import "./privacy.css";
import { RefusedPanel } from "./RefusedPanel";
import { RetentionPanel } from "./RetentionPanel";
import { type TabDef, Tabs } from "./Tabs";
import { UserPanel } from "./UserPanel";
import { VerifyPanel } from "./VerifyPanel";

type TabId = "case" | "user" | "verify" | "overrides" | "refused" | "retention";

/** The tabs everyone gets: their own log entries and the log check. */
const EVERYONE: readonly TabId[] = ["user", "verify"];

/** Which tabs this user sees, in order, from the actions behind each tab's commands. */
export function tabsFor(user: UserView): TabId[] {
  const tabs: TabId[] = [];
  // Who saw a case: its log entries (the whole log) and the inzage overview.
  if (can(user, "read_whole_audit_log") || can(user, "prepare_inzage")) tabs.push("case");
  tabs.push(...EVERYONE);
  if (can(user, "list_overrides")) tabs.push("overrides");
  // Refused requests of every user: the whole log.
  if (can(user, "read_whole_audit_log")) tabs.push("refused");
  if (can(user, "see_retention")) tabs.push("retention");
  return tabs;
}

/** Whether the screen holds more for this user than everyone's tabs (so the menu offers it). */
export function hasPrivacyScreen(user: UserView): boolean {
  return tabsFor(user).some((id) => !EVERYONE.includes(id));
}

/** Whether the screen has the case tab (who saw this case, the inzage overview) for this user. */
export function hasCaseTab(user: UserView): boolean {
  return tabsFor(user).includes("case");
}

export function PrivacyPage({ caseId }: { caseId: string | null }) {
  const { user } = useApp();
  const t = useMessages(messages);
  const idBase = useId();
  const panels: Record<TabId, () => ReactNode> = {
    case: () => <CasePanel caseId={caseId} />,
    user: () => <UserPanel />,
    verify: () => <VerifyPanel />,
    overrides: () => <OverridesPanel />,
    refused: () => <RefusedPanel />,
    retention: () => <RetentionPanel />,
  };
  const ids = tabsFor(user);
  const tabs: TabDef[] = ids.map((id) => ({ id, label: t.tabs[id], e2e: `privacy-tab-${id}`, render: panels[id] }));
  return (
    <div className="casus-privacy">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <p className="utrecht-paragraph">{t.intro}</p>
      <Tabs idBase={idBase} label={t.tabsLabel} tabs={tabs} initial={caseId && ids.includes("case") ? "case" : undefined} />
    </div>
  );
}
