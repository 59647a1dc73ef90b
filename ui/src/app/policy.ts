// The one place the window asks what the unlocked user may do. The answers come from the core's
// policy table (`casus_app::policy`), handed over with the user as `actions` and
// `own_organisation_only`; the window never derives a permission from a role. What this hides
// is only what the user cannot use: the core refuses (and logs) the rest anyway.
import type { Action, UserView } from "../lib/ipc/types";

/** May the user take `action` at all (for some organisation)? */
export function can(user: UserView, action: Action): boolean {
  return user.actions.includes(action);
}

/** May the user take `action` only for their own organisation? */
export function ownOrganisationOnly(user: UserView, action: Action): boolean {
  // An older core that does not send the list yet: the core still refuses other organisations.
  return (user.own_organisation_only ?? []).includes(action);
}

/** May the user take `action` for any organisation, not only their own? */
export function canForAny(user: UserView, action: Action): boolean {
  return can(user, action) && !ownOrganisationOnly(user, action);
}
