// Being built in this change (issue 5); replaced by the full screen.
export function CovenantPage() {
  return <h1 className="utrecht-heading-1">CovenantPage</h1>;
}
