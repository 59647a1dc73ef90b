// Being built in this change (issue 5); replaced by the full screen.
export function SignalPage(_props: { caseId: string | null }) {
  return <h1 className="utrecht-heading-1">SignalPage</h1>;
}
