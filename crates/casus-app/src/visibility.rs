//! Need-to-know, decided here for every command: which cases a user can see at all (their
//! organisation is a member), and which items of a case the covenant lets their organisation receive
//! in the case's current phase (or a chair's override allows). The subject's identity and the case
//! notes are treated as items of the municipality (`gemeente`, categories `identiteit` and `signaal`,
//! basis `pga_wet`) [I].

use casus_domain::case::CaseState;
use casus_domain::covenant::{evaluate, Covenant, Request, Verdict};
use casus_domain::share::{DataCategory, LegalBasis, SharePurpose};
use casus_domain::user::Organisation;

/// Where an item came from and what it is, in the covenant's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ItemMeta {
    pub source: Organisation,
    pub category: DataCategory,
    pub basis: LegalBasis,
}

/// The pseudo-item for the subject's identity (name, date of birth, BSN, address).
pub(crate) const SUBJECT: ItemMeta = ItemMeta {
    source: Organisation::Gemeente,
    category: DataCategory::Identiteit,
    basis: LegalBasis::PgaWet,
};
/// The pseudo-item for the coordinator's case notes.
pub(crate) const NOTES: ItemMeta = ItemMeta {
    source: Organisation::Gemeente,
    category: DataCategory::Signaal,
    basis: LegalBasis::PgaWet,
};

/// The municipality's decisions in a meeting, in the covenant's terms (like the plan's
/// agreements: category `besluit`, basis `pga_wet`) [I]. Each decision's own key reaches exactly
/// the member organisations that may ever receive this.
pub(crate) const DECISIONS: ItemMeta = ItemMeta {
    source: Organisation::Gemeente,
    category: DataCategory::Besluit,
    basis: LegalBasis::PgaWet,
};

/// The covenant's verdict on `org` receiving `item` while the case is in `phase`.
pub(crate) fn verdict(covenant: &Covenant, org: Organisation, item: ItemMeta, phase: CaseState) -> Verdict {
    evaluate(
        covenant,
        &Request {
            provider: item.source,
            recipient: org,
            category: item.category,
            purpose: SharePurpose::Pga,
            phase: Some(phase),
            basis: Some(item.basis),
        },
    )
}

/// Whether `org` may receive `item` now: the covenant allows it, or a chair overrode a deny.
pub(crate) fn may_receive(
    covenant: &Covenant,
    org: Organisation,
    item: ItemMeta,
    phase: CaseState,
    overridden: bool,
) -> bool {
    overridden || verdict(covenant, org, item, phase).allowed
}

/// Whether `org` may ever receive `item` under the covenant, in any phase of a case (its own
/// items always). An organisation for which this is false never holds the item's key; the
/// phase-dependent rules stay in [`may_receive`] on top.
pub(crate) fn may_ever_receive(covenant: &Covenant, org: Organisation, item: ItemMeta) -> bool {
    org == item.source
        || CaseState::ALL
            .iter()
            .any(|phase| verdict(covenant, org, item, *phase).allowed)
}
