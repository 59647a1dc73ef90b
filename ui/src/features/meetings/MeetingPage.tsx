// Being built in this change (issue 5); replaced by the full screen.
export function MeetingPage(_props: { meetingId: string }) {
  return <h1 className="utrecht-heading-1">MeetingPage</h1>;
}
