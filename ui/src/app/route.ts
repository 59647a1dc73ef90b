// Where the window is. A plain value, not a URL: nothing about a case ends up in history or in
// the address of the page. Every screen gets `go` to move on.
export type Route =
  | { page: "start" }
  | { page: "cases" }
  | { page: "case"; caseId: string }
  | { page: "signal"; caseId: string | null }
  | { page: "weighing"; caseId: string }
  | { page: "meetings" }
  | { page: "meeting"; meetingId: string }
  | { page: "presentation"; meetingId: string; caseId: string }
  | { page: "plan"; caseId: string; meetingId: string | null }
  | { page: "overdue" }
  | { page: "export"; caseId: string }
  | { page: "privacy"; caseId: string | null }
  | { page: "covenant" }
  | { page: "settings" };

export type Page = Route["page"];
