// Being built in this change (issue 5); replaced by the full screen.
export function WeighingPage(_props: { caseId: string }) {
  return <h1 className="utrecht-heading-1">WeighingPage</h1>;
}
