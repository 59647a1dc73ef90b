// Being built in this change (issue 5); replaced by the full screen.
export function PresentationPage(_props: { meetingId: string; caseId: string }) {
  return <h1 className="utrecht-heading-1">PresentationPage</h1>;
}
