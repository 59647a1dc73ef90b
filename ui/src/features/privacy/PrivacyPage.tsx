// Privacy en logboek: the privacy officer's (FG) screens as tabs: who saw a case (with the inzage
// overview), what a user saw, the log check, overrides, refused requests and destruction. Other
// roles get the tabs the core lets them use (it refuses the rest anyway, and logs the attempt).
import { useId, type ReactNode } from "react";

import { useApp } from "../../app/context";
import { useMessages } from "../../i18n/lang";
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

/** Which tabs a role sees, in order (mirrors casus-app: audit_log, retention, covenant). */
export function tabsFor(role: string): TabId[] {
  switch (role) {
    case "privacy_officer":
      return ["case", "user", "verify", "overrides", "refused", "retention"];
    case "coordinator":
      return ["case", "user", "verify", "retention"];
    case "chair":
      return ["user", "verify", "overrides", "retention"];
    default:
      return ["user", "verify"];
  }
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
  const ids = tabsFor(user.role);
  const tabs: TabDef[] = ids.map((id) => ({ id, label: t.tabs[id], e2e: `privacy-tab-${id}`, render: panels[id] }));
  return (
    <div className="casus-privacy">
      <h1 className="utrecht-heading-1">{t.title}</h1>
      <p className="utrecht-paragraph">{t.intro}</p>
      <Tabs idBase={idBase} label={t.tabsLabel} tabs={tabs} initial={caseId && ids.includes("case") ? "case" : undefined} />
    </div>
  );
}
