// Being built in this change (issue 5); replaced by the full screen.
export function SettingsPage() {
  return <h1 className="utrecht-heading-1">SettingsPage</h1>;
}
