// Being built in this change (issue 5); replaced by the full screen.
export function PlanPage(_props: { caseId: string; meetingId: string | null }) {
  return <h1 className="utrecht-heading-1">PlanPage</h1>;
}
