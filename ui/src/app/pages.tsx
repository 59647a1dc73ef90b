// The screen for each route. Each feature folder owns its screens and its catalog.
import { CaseDetailPage } from "../features/cases/CaseDetailPage";
import { CasesPage } from "../features/cases/CasesPage";
import { CovenantPage } from "../features/covenant/CovenantPage";
import { ExportPage } from "../features/export/ExportPage";
import { MeetingPage } from "../features/meetings/MeetingPage";
import { MeetingsPage } from "../features/meetings/MeetingsPage";
import { PresentationPage } from "../features/meetings/PresentationPage";
import { OverduePage } from "../features/plan/OverduePage";
import { PlanPage } from "../features/plan/PlanPage";
import { PrivacyPage } from "../features/privacy/PrivacyPage";
import { SettingsPage } from "../features/settings/SettingsPage";
import { SignalPage } from "../features/signals/SignalPage";
import { StartPage } from "../features/start/StartPage";
import { WeighingPage } from "../features/weighing/WeighingPage";
import type { Route } from "./route";

export function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case "start":
      return <StartPage />;
    case "cases":
      return <CasesPage />;
    case "case":
      return <CaseDetailPage key={route.caseId} caseId={route.caseId} />;
    case "signal":
      return <SignalPage caseId={route.caseId} />;
    case "weighing":
      return <WeighingPage caseId={route.caseId} />;
    case "meetings":
      return <MeetingsPage />;
    case "meeting":
      return <MeetingPage key={route.meetingId} meetingId={route.meetingId} />;
    case "presentation":
      return <PresentationPage meetingId={route.meetingId} caseId={route.caseId} />;
    case "plan":
      return <PlanPage caseId={route.caseId} meetingId={route.meetingId} />;
    case "overdue":
      return <OverduePage />;
    case "export":
      return <ExportPage caseId={route.caseId} />;
    case "privacy":
      return <PrivacyPage caseId={route.caseId} />;
    case "covenant":
      return <CovenantPage />;
    case "settings":
      return <SettingsPage />;
  }
}
