//! Who may do what, by role. Decided here, in the core, for every command; the UI only hides what
//! this already refuses. Per case, `visibility.rs` adds need-to-know (member organisations) and the
//! covenant (which items an organisation may receive).

use casus_domain::user::Role;

/// May this role see case content at all (then only of member cases, and only what the covenant
/// lets its organisation receive)?
pub fn can_read_content(role: Role) -> bool {
    crate::visibility::content_role(role)
}

/// May this role create cases and edit a case's subject and notes?
pub fn can_write_cases(role: Role) -> bool {
    matches!(role, Role::Coordinator | Role::Chair | Role::WeighingMember)
}

/// May this role add and remove users and rotate keys?
pub fn can_manage_users(role: Role) -> bool {
    role == Role::Admin
}

/// May this role read every user's audit entries (not only their own)?
pub fn can_read_whole_audit_log(role: Role) -> bool {
    role == Role::PrivacyOfficer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_privacy_officer_and_the_admin_never_see_content() {
        assert!(!can_read_content(Role::PrivacyOfficer));
        assert!(!can_read_content(Role::Admin));
        assert!(
            can_read_content(Role::PartnerMember),
            "a partner sees member cases, within the covenant"
        );
        assert!(!can_write_cases(Role::PartnerMember));
        assert!(can_read_content(Role::Coordinator));
    }

    #[test]
    fn only_the_admin_manages_users_and_only_the_privacy_officer_reads_the_whole_log() {
        for role in Role::ALL {
            assert_eq!(can_manage_users(*role), *role == Role::Admin);
            assert_eq!(can_read_whole_audit_log(*role), *role == Role::PrivacyOfficer);
        }
    }
}
