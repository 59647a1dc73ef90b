// Being built in this change (issue 5); replaced by the full screen.
export function OverduePage() {
  return <h1 className="utrecht-heading-1">OverduePage</h1>;
}
