//! The seeded model covenant (seeds/covenant/model-2017.toml), rule by rule: one row per rule with the
//! verdict it must decide, a check that every rule has a row (adding a rule forces a row here), and
//! the engine's properties checked over every possible request to the seed.

use std::collections::BTreeSet;

use casus_app::covenant_file::model_covenant;
use casus_domain::case::CaseState;
use casus_domain::covenant::{
    evaluate, Covenant, Decision, Effect, OrgSet, Request, Rule, Status, Verdict, OWN_DATA_RULE,
};
use casus_domain::share::{DataCategory, LegalBasis, SharePurpose};
use casus_domain::user::Organisation;

use CaseState as P;
use DataCategory as C;
use LegalBasis as B;
use Organisation as O;

/// provider, recipient, category, phase, basis → allowed, deciding rules.
struct Row {
    provider: O,
    recipient: O,
    category: C,
    phase: P,
    basis: Option<B>,
    allowed: bool,
    rules: &'static [&'static str],
}

const fn allow(
    provider: O,
    recipient: O,
    category: C,
    phase: P,
    basis: B,
    rule: &'static [&'static str],
) -> Row {
    Row {
        provider,
        recipient,
        category,
        phase,
        basis: Some(basis),
        allowed: true,
        rules: rule,
    }
}

const fn deny(
    provider: O,
    recipient: O,
    category: C,
    phase: P,
    basis: B,
    rules: &'static [&'static str],
) -> Row {
    Row {
        provider,
        recipient,
        category,
        phase,
        basis: Some(basis),
        allowed: false,
        rules,
    }
}

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // Politie
    allow(O::Politie, O::Gemeente, C::Politiegegevens, P::UnderWeighing, B::Wpg18_2, &["POL-GEM-01"]),
    allow(O::Politie, O::Gemeente, C::Politiegegevens, P::InCaseMeeting, B::Wpg16, &["POL-BGM-01"]),
    allow(O::Politie, O::Om, C::Politiegegevens, P::MoreInfoNeeded, B::Wpg18_2, &["POL-OM-01"]),
    allow(O::Politie, O::Reclassering, C::Politiegegevens, P::InExecution, B::Wpg18_2, &["POL-OVL-01"]),
    // Openbaar Ministerie
    allow(O::Om, O::Politie, C::Strafvorderlijk, P::UnderWeighing, B::Wjsg39f, &["OM-KERN-01"]),
    allow(O::Om, O::Gemeente, C::Justitieel, P::Admitted, B::Wjsg8a, &["OM-KERN-02"]),
    allow(O::Om, O::Zvh, C::Strafvorderlijk, P::InCaseMeeting, B::Wjsg39f, &["OM-OVL-01"]),
    allow(O::Om, O::Rvdk, C::Justitieel, P::PlanAdopted, B::Wjsg8a, &["OM-OVL-02"]),
    allow(O::Om, O::Reclassering, C::Reclasseringsgegevens, P::InExecution, B::Wjsg42, &["OM-RECL-01"]),
    // Gemeente
    allow(O::Gemeente, O::Om, C::Signaal, P::UnderWeighing, B::PgaWet, &["GEM-WEEG-01"]),
    allow(O::Gemeente, O::Jeugdzorg, C::Identiteit, P::SignalReceived, B::PgaWet, &["GEM-BEKEND-01"]),
    allow(O::Gemeente, O::Onderwijs, C::Signaal, P::InCaseMeeting, B::PgaWet, &["GEM-ALLE-01"]),
    allow(O::Gemeente, O::Rvdk, C::Netwerk, P::UnderEvaluation, B::PgaWet, &["GEM-OVL-01"]),
    allow(O::Onderwijs, O::Gemeente, C::Signaal, P::SignalReceived, B::PgaWet, &["MELD-GEM-01"]),
    // Casuspartijen
    allow(O::Rvdk, O::Jeugdzorg, C::Jeugdbescherming, P::InCaseMeeting, B::TaakRvdk, &["RVDK-OVL-01"]),
    allow(O::Reclassering, O::Om, C::Reclasseringsgegevens, P::ScaledDown, B::TaakReclassering, &["RECL-OVL-01"]),
    // Zorg (beroepsgeheim)
    allow(O::Ggz, O::Politie, C::Gezondheid, P::UnderWeighing, B::ConflictVanPlichten, &["ZORG-KERN-01"]),
    allow(O::Jeugdzorg, O::Rvdk, C::Gezondheid, P::InCaseMeeting, B::Toestemming, &["ZORG-OVL-01"]),
    // Gedeeld in het overleg
    allow(O::Politie, O::Om, C::Levensovertuiging, P::UnderWeighing, B::PgaWet, &["LEV-OVL-01"]),
    allow(O::Zvh, O::Onderwijs, C::Interventie, P::InExecution, B::PgaWet, &["OVL-ALLE-01"]),
    // Verboden: each overrides a permit that would otherwise allow, or guards against a local one.
    deny(O::Ggz, O::Onderwijs, C::Gezondheid, P::InCaseMeeting, B::Toestemming, &["VERBOD-OND-01"]),
    deny(O::Gemeente, O::Onderwijs, C::Politiegegevens, P::InCaseMeeting, B::Wpg18_2, &["VERBOD-OND-02"]),
    deny(O::Politie, O::Rvdk, C::Politiegegevens, P::UnderWeighing, B::Wpg18_2, &["VERBOD-WEGING-01"]),
    deny(O::Gemeente, O::Politie, C::Signaal, P::Archived, B::PgaWet, &["VERBOD-ARCHIEF-01"]),
    // Beyond one row per rule
    deny(O::Politie, O::Onderwijs, C::Politiegegevens, P::MoreInfoNeeded, B::Wpg18_2, &["VERBOD-OND-02", "VERBOD-WEGING-01"]),
    deny(O::Ggz, O::Gemeente, C::Gezondheid, P::InCaseMeeting, B::PgaWet, &[]),
    deny(O::Politie, O::Gemeente, C::Politiegegevens, P::Closed, B::Wpg18_2, &[]),
    deny(O::Politie, O::Gemeente, C::Politiegegevens, P::ClosedNoAction, B::Wpg16, &[]),
    deny(O::Gemeente, O::Onderwijs, C::Netwerk, P::InCaseMeeting, B::PgaWet, &[]),
    deny(O::Politie, O::Reclassering, C::Politiegegevens, P::ReferredOther, B::Wpg18_2, &[]),
    deny(O::Om, O::Ggz, C::Strafvorderlijk, P::InCaseMeeting, B::Wjsg39f, &[]),
    allow(O::Politie, O::Politie, C::Politiegegevens, P::Archived, B::Wpg18_2, &[OWN_DATA_RULE]),
    allow(O::Om, O::Om, C::Justitieel, P::Destroyed, B::Wjsg8a, &[OWN_DATA_RULE]),
];

fn request(row: &Row) -> Request {
    Request {
        provider: row.provider,
        recipient: row.recipient,
        category: row.category,
        purpose: SharePurpose::Pga,
        phase: Some(row.phase),
        basis: row.basis,
    }
}

#[test]
fn every_row_of_the_table_is_decided_as_expected() {
    let c = model_covenant();
    let mut failures = Vec::new();
    for row in TABLE {
        let v = evaluate(&c, &request(row));
        if v.allowed != row.allowed || v.rules != row.rules {
            failures.push(format!(
                "{} → {} {} in {} op {:?}: expected {} {:?}, got {} {:?}\n  {}",
                row.provider,
                row.recipient,
                row.category,
                row.phase,
                row.basis.map(|b| b.code()),
                if row.allowed { "allow" } else { "deny" },
                row.rules,
                if v.allowed { "allow" } else { "deny" },
                v.rules,
                v.explanation
            ));
        }
        assert_eq!(v.covenant, "nctv-model-2017@2017.1");
        if v.allowed {
            assert_eq!(
                v.basis, row.basis,
                "an allow reports the basis it was asked under"
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_of_the_seed_has_a_row() {
    let c = model_covenant();
    let in_table: BTreeSet<&str> = TABLE.iter().flat_map(|r| r.rules.iter().copied()).collect();
    let missing: Vec<&str> = c
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !in_table.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without a row in TABLE: {missing:?}");
    // And the table names no rule the seed lacks.
    let unknown: Vec<&&str> = in_table
        .iter()
        .filter(|id| **id != OWN_DATA_RULE && c.rule(id).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "TABLE names rules the seed does not have: {unknown:?}"
    );
    // Every rule is the only deciding rule of at least one row, so each is tested on its own.
    for rule in &c.rules {
        assert!(
            TABLE.iter().any(|r| r.rules == [rule.id.as_str()]),
            "{} never decides a row alone",
            rule.id
        );
    }
}

#[test]
fn only_the_sourced_rules_are_marked_verified() {
    // Changing a rule to [V] must be a deliberate act backed by a source in shared/domain.md.
    let c = model_covenant();
    let verified: Vec<&str> = c
        .rules
        .iter()
        .filter(|r| r.status == Status::Verified)
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        verified,
        [
            "POL-GEM-01",
            "POL-BGM-01",
            "OM-KERN-01",
            "OM-KERN-02",
            "OM-RECL-01"
        ]
    );
    assert!(c
        .rules
        .iter()
        .filter(|r| r.effect == Effect::Forbid)
        .all(|r| r.status == Status::Inferred));
}

#[test]
fn denials_for_a_missing_basis_name_the_alternatives() {
    let c = model_covenant();
    let v = evaluate(
        &c,
        &Request::new(O::Ggz, O::Gemeente, C::Gezondheid)
            .in_phase(P::InCaseMeeting)
            .with_basis(B::PgaWet),
    );
    assert_eq!(v.decision, Decision::NoRule);
    assert_eq!(v.alternatives, [B::Toestemming, B::ConflictVanPlichten]);
    assert!(v
        .explanation
        .contains("toegestaan met grondslag: toestemming van betrokkene of conflict van plichten"));
    let v = evaluate(
        &c,
        &Request::new(O::Politie, O::Gemeente, C::Politiegegevens)
            .in_phase(P::Admitted)
            .with_basis(B::PgaWet),
    );
    assert_eq!(v.alternatives, [B::Wpg18_2, B::Wpg16]);
    // Without a basis the first permit's first basis is reported.
    let v = evaluate(
        &c,
        &Request::new(O::Politie, O::Gemeente, C::Politiegegevens).in_phase(P::Admitted),
    );
    assert!(v.allowed);
    assert_eq!(
        (v.basis, v.rules.as_slice()),
        (Some(B::Wpg18_2), &["POL-GEM-01".to_string()][..])
    );
    assert!(v.conditions.iter().any(|c| c.contains("noodzakelijk")));
}

#[test]
fn explanations_name_special_and_criminal_data_and_inferred_rules() {
    let c = model_covenant();
    let v = evaluate(
        &c,
        &Request::new(O::Jeugdzorg, O::Rvdk, C::Gezondheid)
            .in_phase(P::InCaseMeeting)
            .with_basis(B::Toestemming),
    );
    assert!(v.allowed && v.inferred);
    assert!(v.explanation.contains("bijzondere persoonsgegevens (AVG art. 9)"));
    assert!(v.explanation.contains("ZORG-OVL-01 [I]"));
    assert!(v.explanation.contains("[I] betekent"));
    let v = evaluate(
        &c,
        &Request::new(O::Om, O::Politie, C::Strafvorderlijk)
            .in_phase(P::UnderWeighing)
            .with_basis(B::Wjsg39f),
    );
    assert!(v.allowed && !v.inferred);
    assert!(v.explanation.contains("strafrechtelijke aard (AVG art. 10)"));
    assert!(v.explanation.contains("OM-KERN-01 [V]"));
    assert!(v.conditions.iter().any(|c| c.contains("39f lid 2")));
}

// --- the engine's properties over every request to the seed ---------------------------------

fn all_requests() -> Vec<Request> {
    let phases: Vec<Option<P>> = std::iter::once(None)
        .chain(P::ALL.iter().copied().map(Some))
        .collect();
    let bases: Vec<Option<B>> = std::iter::once(None)
        .chain(B::ALL.iter().copied().map(Some))
        .collect();
    let mut out = Vec::new();
    for &provider in O::ALL {
        for &recipient in O::ALL {
            for &category in C::ALL {
                for &phase in &phases {
                    for &basis in &bases {
                        out.push(Request {
                            provider,
                            recipient,
                            category,
                            purpose: SharePurpose::Pga,
                            phase,
                            basis,
                        });
                    }
                }
            }
        }
    }
    out
}

fn check(c: &Covenant, r: &Request, v: &Verdict) {
    let effect = |id: &String| c.rule(id).map(|rule| rule.effect);
    if v.allowed {
        assert!(!v.rules.is_empty(), "an allow names a rule: {r:?}");
        if v.decision == Decision::OwnData {
            assert_eq!(v.rules, [OWN_DATA_RULE]);
        } else {
            assert!(
                v.rules.iter().all(|id| effect(id) == Some(Effect::Permit)),
                "{r:?} {v:?}"
            );
            assert!(
                !c.rules
                    .iter()
                    .any(|x| x.effect == Effect::Forbid && x.applies_to(r)),
                "allowed past a forbid: {r:?}"
            );
        }
    } else {
        match v.decision {
            Decision::Forbidden => {
                assert!(!v.rules.is_empty() && v.rules.iter().all(|id| effect(id) == Some(Effect::Forbid)))
            }
            Decision::NoRule => assert!(v.rules.is_empty()),
            other => panic!("unexpected deny decision {other:?} for {r:?}"),
        }
        for b in &v.alternatives {
            let again = evaluate(
                c,
                &Request {
                    basis: Some(*b),
                    ..*r
                },
            );
            assert!(again.allowed, "alternative {b} does not allow {r:?}");
        }
    }
    assert!(v.explanation.contains("nctv-model-2017@2017.1"));
}

/// A small deterministic generator (xorshift), so the extra rules are varied but reproducible.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn subset<T: Copy>(&mut self, all: &[T], max: usize) -> Vec<T> {
        let n = 1 + (self.next() as usize) % max;
        let mut out: Vec<T> = Vec::new();
        for _ in 0..n {
            out.push(all[(self.next() as usize) % all.len()]);
        }
        out
    }

    fn forbid(&mut self, i: usize) -> Rule {
        let orgs = |g: &mut Gen| {
            if g.next().is_multiple_of(4) {
                OrgSet::Any
            } else {
                OrgSet::Only(g.subset(O::ALL, 3))
            }
        };
        let providers = orgs(self);
        let recipients = orgs(self);
        Rule {
            id: format!("EXTRA-VERBOD-{i}"),
            effect: Effect::Forbid,
            providers,
            recipients,
            categories: self.subset(C::ALL, 3),
            purposes: vec![SharePurpose::Pga],
            phases: if self.next().is_multiple_of(2) {
                None
            } else {
                Some(self.subset(P::ALL, 4))
            },
            bases: if self.next().is_multiple_of(2) {
                Vec::new()
            } else {
                self.subset(B::ALL, 2)
            },
            conditions: Vec::new(),
            text: "extra verbod".to_string(),
            status: Status::Inferred,
        }
    }
}

#[test]
fn every_request_to_the_seed_keeps_the_engine_invariants() {
    let c = model_covenant();
    let requests = all_requests();
    assert_eq!(requests.len(), 9 * 9 * 13 * 16 * 14);
    let mut allowed = 0;
    for r in &requests {
        let v = evaluate(&c, r);
        check(&c, r, &v);
        allowed += usize::from(v.allowed);
    }
    // Default deny: most combinations are refused.
    assert!(
        allowed * 5 < requests.len(),
        "{allowed} of {} allowed",
        requests.len()
    );
}

#[test]
fn adding_a_forbid_to_the_seed_never_turns_a_deny_into_an_allow() {
    let c = model_covenant();
    let requests = all_requests();
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    for i in 0..24 {
        let mut more = c.clone();
        more.rules.push(g.forbid(i));
        // A different slice of all requests for each extra rule keeps the test fast in debug builds.
        for r in requests.iter().skip(i % 7).step_by(7) {
            let before = evaluate(&c, r);
            let after = evaluate(&more, r);
            assert!(
                before.allowed || !after.allowed,
                "{r:?} became allowed after {:?}",
                more.rules.last()
            );
            if after.allowed {
                assert_eq!(before.rules, after.rules);
                check(&more, r, &after);
            }
        }
    }
}
