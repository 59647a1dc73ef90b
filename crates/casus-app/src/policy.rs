//! THE policy table: which role may take which action. Every "may this user do this" in the core
//! is a lookup here (`tests/tests/tidy.rs` fails on a role check anywhere else in casus-app, the
//! CLI or the shell), and the window receives the same answers as the unlocked user's list of
//! actions, so the UI never re-derives a rule from a role.
//!
//! What the role allows is only the first gate. Per case, `visibility.rs` adds need-to-know
//! (member organisations) and the covenant's verdict per item; the lifecycle's own table
//! (`casus_domain::lifecycle::TRANSITIONS`) says which role decides each move between phases.

use casus_domain::user::{Organisation, Role};
use serde::Serialize;
use ts_rs::TS;

/// How far a role's permission for an action reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// Not at all.
    No,
    /// Only for the user's own organisation (a partner adds information from, or exports for,
    /// its own organisation only).
    OwnOrganisation,
    /// For any organisation (still within need-to-know and the covenant).
    Yes,
}

/// Everything the core lets a role do or not, as far as the role decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Read case content: the list, a case, its plan (of member cases, within the covenant).
    ReadCaseContent,
    /// Open cases (also with a first signal), edit subject and notes, import cases.
    WriteCases,
    /// Add a signal or other information to an existing case (a partner: its own information).
    AddInformation,
    /// Set the municipality's weighing checklist.
    SetWeighingCriteria,
    /// Record the weighing team's decision.
    Weigh,
    /// Propose lifecycle moves (the lifecycle table then says which role decides which move).
    DecideLifecycle,
    /// Read a case's decision history (the reasons only with `ReadDecisionReasons`).
    ///
    /// Decided (code review, issue 10): the history's metadata — states, dates, who decided —
    /// is not covenant-filtered; members and the privacy officer (supervision) see it, like the
    /// phase itself.
    ReadCaseHistory,
    /// Read the reasons and who was present in a case's decision history.
    ///
    /// Decided (code review, issue 10): the reasons are the municipality's decisions (`besluit`,
    /// as in a meeting) [I] and are covenant-filtered: they reach an organisation only while the
    /// covenant lets it receive those in the case's phase (`lifecycle::case_history`).
    ReadDecisionReasons,
    /// Add or remove a case's member organisations.
    ChangeMembers,
    /// Record the decision whether to inform the person.
    RecordInform,
    /// Ask the covenant why an item may be seen, for an organisation (others: their own only).
    ExplainCovenant,
    /// Import a local covenant variant.
    ImportCovenant,
    /// Override a covenant deny for one item (break-glass, flagged for the FG).
    OverrideCovenant,
    /// List overrides: a chair those of cases their organisation takes part in, with the reason;
    /// the privacy officer every override as metadata, without the reason (`SuperviseCases`).
    ListOverrides,
    /// Run a case meeting: agenda, attendance, shares, decisions, closing, the projector. Per
    /// agenda item the meeting's content still follows need-to-know: only cases the user's
    /// organisation takes part in, only shares given to it, only what the covenant lets it receive.
    RunMeeting,
    /// Revise the plan of approach.
    RevisePlan,
    /// Adopt the plan of approach in a meeting.
    AdoptPlan,
    /// See overdue actions of plans (a partner: those its organisation owns).
    SeeOverdueActions,
    /// Export a plan of approach for a recipient (a partner: for its own organisation).
    ExportPlan,
    /// Export a meeting's decision list (only cases both the recipient and the exporting user's
    /// organisation take part in; only shares given to the recipient).
    ExportMinutes,
    /// See which cases are past their retention.
    SeeRetention,
    /// Give the first of two approvals to destroy a case.
    ApproveDestructionFirst,
    /// Give the second approval, which destroys the case.
    ApproveDestructionSecond,
    /// Prepare the access overview (inzage) for a data-subject request.
    PrepareInzage,
    /// Add and remove accounts, rotate keys.
    ManageUsers,
    /// List the accounts.
    ListUsers,
    /// Read every user's audit entries (others: only their own).
    ReadWholeAuditLog,
    /// Change store-wide settings such as the auto-lock time.
    ChangeSettings,
    /// Make a verified backup of the whole store (the sealed store itself: no plaintext leaves it),
    /// and set where the window puts its automatic backups (`ChangeSettings` for the folder).
    ///
    /// Decided (issue 14): the coordinator, who runs the meetings and must not lose their plans,
    /// and the administrator, who runs the machine; the file is ciphertext, so this hands nobody
    /// content. The privacy officer supervises the log (the backup event is in it) and needs no
    /// backup of their own; the other roles work in the coordinator's store.
    Backup,
    /// See the metadata of any case (members, history without reasons, the inzage overview)
    /// without its organisation taking part.
    SuperviseCases,
}

use Action as A;
use Grant::{No as N, OwnOrganisation as O, Yes as Y};

/// The table. Columns: coordinator, chair, weighing team member, partner member, privacy officer,
/// administrator (the order of [`Role::ALL`]). One row per action; a test checks every action has
/// exactly one row.
const POLICY: &[(Action, [Grant; 6])] = &[
    //                          coord chair weigh partner FG admin
    (A::ReadCaseContent, [Y, Y, Y, Y, N, N]),
    (A::WriteCases, [Y, Y, Y, N, N, N]),
    (A::AddInformation, [Y, Y, Y, O, N, N]),
    (A::SetWeighingCriteria, [Y, N, N, N, N, Y]),
    (A::Weigh, [Y, N, Y, N, N, N]),
    (A::DecideLifecycle, [Y, Y, Y, N, N, N]),
    (A::ReadCaseHistory, [Y, Y, Y, N, Y, N]),
    (A::ReadDecisionReasons, [Y, Y, Y, N, N, N]),
    (A::ChangeMembers, [Y, Y, N, N, N, N]),
    (A::RecordInform, [Y, Y, N, N, N, N]),
    (A::ExplainCovenant, [Y, Y, O, O, Y, N]),
    (A::ImportCovenant, [N, N, N, N, Y, Y]),
    (A::OverrideCovenant, [N, Y, N, N, N, N]),
    (A::ListOverrides, [N, Y, N, N, Y, N]),
    (A::RunMeeting, [Y, Y, N, N, N, N]),
    (A::RevisePlan, [Y, Y, N, N, N, N]),
    (A::AdoptPlan, [Y, Y, N, N, N, N]),
    (A::SeeOverdueActions, [Y, Y, Y, O, N, N]),
    (A::ExportPlan, [Y, Y, N, O, N, N]),
    (A::ExportMinutes, [Y, Y, N, N, N, N]),
    (A::SeeRetention, [Y, Y, N, N, Y, N]),
    (A::ApproveDestructionFirst, [Y, Y, N, N, N, N]),
    (A::ApproveDestructionSecond, [N, N, N, N, Y, N]),
    (A::PrepareInzage, [Y, N, N, N, Y, N]),
    (A::ManageUsers, [N, N, N, N, N, Y]),
    (A::ListUsers, [N, N, N, N, Y, Y]),
    (A::ReadWholeAuditLog, [N, N, N, N, Y, N]),
    (A::ChangeSettings, [N, N, N, N, N, Y]),
    (A::SuperviseCases, [N, N, N, N, Y, N]),
    (A::Backup, [Y, N, N, N, N, Y]),
];

impl Action {
    /// Every action, in the order of the table.
    pub fn all() -> impl Iterator<Item = Action> {
        POLICY.iter().map(|(a, _)| *a)
    }
}

fn column(role: Role) -> usize {
    match role {
        Role::Coordinator => 0,
        Role::Chair => 1,
        Role::WeighingMember => 2,
        Role::PartnerMember => 3,
        Role::PrivacyOfficer => 4,
        Role::Admin => 5,
    }
}

/// How far `role` may take `action`.
pub fn grant(role: Role, action: Action) -> Grant {
    POLICY
        .iter()
        .find(|(a, _)| *a == action)
        .map_or(Grant::No, |(_, row)| row[column(role)])
}

/// May `role` take `action` at all (for some organisation)?
pub fn may(role: Role, action: Action) -> bool {
    grant(role, action) != Grant::No
}

/// May `role` take `action` for any organisation, not only its own?
pub fn may_for_any(role: Role, action: Action) -> bool {
    grant(role, action) == Grant::Yes
}

/// The actions `role` may take, for the window (which shows only what these allow).
pub fn actions_of(role: Role) -> Vec<Action> {
    Action::all().filter(|a| may(role, *a)).collect()
}

/// The actions `role` may take only for its own organisation.
pub fn own_organisation_actions_of(role: Role) -> Vec<Action> {
    Action::all()
        .filter(|a| grant(role, *a) == Grant::OwnOrganisation)
        .collect()
}

/// Whether a role in general sees cases at all: the roles that read case content.
pub fn is_content_role(role: Role) -> bool {
    may(role, Action::ReadCaseContent)
}

/// A key group: a set of secrets (one per epoch) that exactly the accounts the policy names hold.
/// "The keys agree": who holds which group follows from the same table as who may do what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyGroup {
    /// Metadata every account needs: account names, meeting details, the audit signing key.
    Meta,
    /// Audit details (search queries, certificates): anyone seals to it, its holders read it.
    Log,
    /// The BSN blind index ("is this person already a case?").
    Lookup,
    /// Search queries in the audit log (names, BSNs people typed): renewed, and its older epochs
    /// destroyed, whenever a case is destroyed, so no query about a destroyed case stays readable.
    Search,
    /// The administration key that certifies accounts (role, organisation, public key).
    Accounts,
    /// An organisation's content key: unlocks the case keys of the cases it takes part in.
    Org(Organisation),
}

impl KeyGroup {
    /// The stored code (`key_groups.grp`); part of every grant's AAD, so it never changes.
    pub fn code(self) -> String {
        match self {
            KeyGroup::Meta => "meta".into(),
            KeyGroup::Log => "log".into(),
            KeyGroup::Lookup => "lookup".into(),
            KeyGroup::Search => "search".into(),
            KeyGroup::Accounts => "accounts".into(),
            KeyGroup::Org(o) => format!("org:{}", o.code()),
        }
    }

    pub fn parse(code: &str) -> Option<KeyGroup> {
        Some(match code {
            "meta" => KeyGroup::Meta,
            "log" => KeyGroup::Log,
            "lookup" => KeyGroup::Lookup,
            "search" => KeyGroup::Search,
            "accounts" => KeyGroup::Accounts,
            other => KeyGroup::Org(Organisation::parse(other.strip_prefix("org:")?)?),
        })
    }

    /// Every group a store can have.
    pub fn all() -> impl Iterator<Item = KeyGroup> {
        [
            KeyGroup::Meta,
            KeyGroup::Log,
            KeyGroup::Lookup,
            KeyGroup::Search,
            KeyGroup::Accounts,
        ]
        .into_iter()
        .chain(Organisation::ALL.iter().map(|o| KeyGroup::Org(*o)))
    }
}

/// Whether an account with this role and organisation holds `group`. The administrator holds no
/// content key and the privacy officer holds metadata and the log, not content.
pub fn holds(role: Role, org: Organisation, group: KeyGroup) -> bool {
    match group {
        KeyGroup::Meta => true,
        KeyGroup::Log | KeyGroup::Search => may(role, Action::ReadWholeAuditLog),
        KeyGroup::Lookup => is_content_role(role),
        KeyGroup::Accounts => may(role, Action::ManageUsers),
        KeyGroup::Org(o) => o == org && is_content_role(role),
    }
}

/// The groups an account with this role and organisation holds.
pub fn key_groups_of(role: Role, org: Organisation) -> Vec<KeyGroup> {
    KeyGroup::all().filter(|g| holds(role, org, *g)).collect()
}

/// The role of the first account of a new store, and the role of which the store always keeps
/// at least one account: the administrator.
pub const ADMINISTRATOR: Role = Role::Admin;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_exactly_one_row() {
        let mut seen = std::collections::HashSet::new();
        for (a, _) in POLICY {
            assert!(seen.insert(*a), "{a:?} has two rows");
        }
        // The enum is closed; a new variant without a row is caught by `grant` returning No and
        // by the matrix test below, which lists every action by name.
        assert_eq!(seen.len(), POLICY.len());
    }

    #[test]
    fn columns_follow_role_all() {
        for (i, role) in Role::ALL.iter().enumerate() {
            assert_eq!(column(*role), i, "{role:?}");
        }
    }

    /// The whole matrix, written out again by role: changing a permission means changing this
    /// test on purpose. Each string lists the actions a role may take (`*` = own organisation).
    #[test]
    fn the_matrix_over_every_role_and_action() {
        let expected: &[(Role, &[&str])] = &[
            (
                Role::Coordinator,
                &[
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
            ),
            (
                Role::Chair,
                &[
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
            ),
            (
                Role::WeighingMember,
                &[
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
            ),
            (
                Role::PartnerMember,
                &[
                    "read_case_content",
                    "add_information*",
                    "explain_covenant*",
                    "see_overdue_actions*",
                    "export_plan*",
                ],
            ),
            (
                Role::PrivacyOfficer,
                &[
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
            ),
            (
                Role::Admin,
                &[
                    "set_weighing_criteria",
                    "import_covenant",
                    "manage_users",
                    "list_users",
                    "change_settings",
                    "backup",
                ],
            ),
        ];
        assert_eq!(expected.len(), Role::ALL.len());
        for (role, list) in expected {
            let actual: Vec<String> = Action::all()
                .filter_map(|a| {
                    let code = serde_json::to_value(a).unwrap().as_str().unwrap().to_string();
                    match grant(*role, a) {
                        Grant::No => None,
                        Grant::OwnOrganisation => Some(format!("{code}*")),
                        Grant::Yes => Some(code),
                    }
                })
                .collect();
            assert_eq!(actual, *list, "{role:?}");
        }
    }

    #[test]
    fn the_privacy_officer_and_the_admin_never_see_content() {
        assert!(!is_content_role(Role::PrivacyOfficer));
        assert!(!is_content_role(Role::Admin));
        assert!(
            is_content_role(Role::PartnerMember),
            "a partner sees member cases, within the covenant"
        );
        assert!(!may(Role::PartnerMember, Action::WriteCases));
        assert!(is_content_role(Role::Coordinator));
    }

    #[test]
    fn only_the_admin_manages_users_and_only_the_privacy_officer_reads_the_whole_log() {
        for role in Role::ALL {
            assert_eq!(may(*role, Action::ManageUsers), *role == Role::Admin);
            assert_eq!(
                may(*role, Action::ReadWholeAuditLog),
                *role == Role::PrivacyOfficer
            );
        }
    }
}
