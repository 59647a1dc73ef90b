// Test users with the actions the core hands the window. The lists are copied from the Rust test
// `the_matrix_over_every_role_and_action` in crates/casus-app/src/policy.rs, written the same way
// (`*` = only for the user's own organisation), so a change there is easy to copy here.
import type { Action, UserView } from "../src/lib/ipc/types";

export type RoleCode = "coordinator" | "chair" | "weighing_member" | "partner_member" | "privacy_officer" | "admin";

export const MATRIX: Record<RoleCode, readonly string[]> = {
  coordinator: [
    "read_case_content",
    "write_cases",
    "add_information",
    "set_weighing_criteria",
    "weigh",
    "decide_lifecycle",
    "read_case_history",
    "read_decision_reasons",
    "change_members",
    "record_inform",
    "explain_covenant",
    "run_meeting",
    "revise_plan",
    "adopt_plan",
    "see_overdue_actions",
    "export_plan",
    "export_minutes",
    "see_retention",
    "approve_destruction_first",
    "prepare_inzage",
    "backup",
  ],
  chair: [
    "read_case_content",
    "write_cases",
    "add_information",
    "decide_lifecycle",
    "read_case_history",
    "read_decision_reasons",
    "change_members",
    "record_inform",
    "explain_covenant",
    "override_covenant",
    "list_overrides",
    "run_meeting",
    "revise_plan",
    "adopt_plan",
    "see_overdue_actions",
    "export_plan",
    "export_minutes",
    "see_retention",
    "approve_destruction_first",
  ],
  weighing_member: [
    "read_case_content",
    "write_cases",
    "add_information",
    "weigh",
    "decide_lifecycle",
    "read_case_history",
    "read_decision_reasons",
    "explain_covenant*",
    "see_overdue_actions",
  ],
  partner_member: ["read_case_content", "add_information*", "explain_covenant*", "see_overdue_actions*", "export_plan*"],
  privacy_officer: [
    "read_case_history",
    "explain_covenant",
    "import_covenant",
    "list_overrides",
    "see_retention",
    "approve_destruction_second",
    "prepare_inzage",
    "list_users",
    "read_whole_audit_log",
    "supervise_cases",
  ],
  admin: ["set_weighing_criteria", "import_covenant", "manage_users", "list_users", "change_settings", "backup"],
};

/** The two lists of `UserView` for one role: what it may do, and what only for its own organisation. */
export function grantsOf(role: RoleCode): Pick<UserView, "actions" | "own_organisation_only"> {
  const list = MATRIX[role];
  return {
    actions: list.map((a) => a.replace(/\*$/, "") as Action),
    own_organisation_only: list.filter((a) => a.endsWith("*")).map((a) => a.slice(0, -1) as Action),
  };
}

/** A signed-in user of `role` and `org` with that role's actions; `extra` sets id, name or lists. */
export function userFor(role: RoleCode, org: string, extra: Partial<UserView> = {}): UserView {
  return { id: `u-${role}`, name: `Demo ${role}`, role, org, ...grantsOf(role), ...extra };
}
