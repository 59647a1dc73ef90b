//! The PGA lifecycle (domain.md §b): which transitions exist, which roles may decide each, and the
//! guards that must hold. Pure: the caller passes in the facts (the last weighing outcome, whether a
//! reason was given) and gets a decision or a refusal that lists what is allowed from here.

use crate::case::CaseState;
use crate::user::{code_enum, Role};

code_enum!(
    /// The outcome of a weighing (*weging*) by the weighing team.
    WeighingOutcome {
        NoAction = "no_action", "geen actie nodig";
        MoreInfo = "more_info", "meer informatie nodig";
        Admit = "admit", "opnemen in de PGA";
        Criminal = "criminal", "strafrechtelijk traject (OM)";
        Refer = "refer", "doorverwijzen naar ander overleg of zorg";
    }
);

impl WeighingOutcome {
    /// The state a case moves to when the weighing team decides this.
    pub const fn target(self) -> CaseState {
        match self {
            WeighingOutcome::NoAction => CaseState::ClosedNoAction,
            WeighingOutcome::MoreInfo => CaseState::MoreInfoNeeded,
            WeighingOutcome::Admit => CaseState::Admitted,
            WeighingOutcome::Criminal => CaseState::ReferredCriminal,
            WeighingOutcome::Refer => CaseState::ReferredOther,
        }
    }
}

/// A condition beyond role and reason that a transition needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// The last recorded weighing of the case has this outcome.
    Weighed(WeighingOutcome),
    /// The plan of approach is adopted in a meeting (checked by the plan module; see PlanFacts).
    PlanAdopted,
}

/// One allowed transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: CaseState,
    pub to: CaseState,
    pub roles: &'static [Role],
    pub guard: Option<Guard>,
    /// Whether the source is sourced [V] or inferred [I] (domain.md §b).
    pub sourced: bool,
}

use CaseState as S;
use Role as R;

const COORD: &[Role] = &[R::Coordinator];
const WEIGH: &[Role] = &[R::WeighingMember, R::Coordinator];
const MEETING: &[Role] = &[R::Coordinator, R::Chair];

const fn t(
    from: CaseState,
    to: CaseState,
    roles: &'static [Role],
    guard: Option<Guard>,
    sourced: bool,
) -> Transition {
    Transition {
        from,
        to,
        roles,
        guard,
        sourced,
    }
}

/// Every allowed transition. `destroyed` is reached only through the two-person retention approval,
/// never through a transition.
pub const TRANSITIONS: &[Transition] = &[
    t(S::SignalReceived, S::UnderWeighing, WEIGH, None, false),
    t(
        S::UnderWeighing,
        S::MoreInfoNeeded,
        WEIGH,
        Some(Guard::Weighed(WeighingOutcome::MoreInfo)),
        true,
    ),
    t(S::MoreInfoNeeded, S::UnderWeighing, WEIGH, None, true),
    t(
        S::UnderWeighing,
        S::ClosedNoAction,
        WEIGH,
        Some(Guard::Weighed(WeighingOutcome::NoAction)),
        true,
    ),
    t(
        S::UnderWeighing,
        S::ReferredCriminal,
        WEIGH,
        Some(Guard::Weighed(WeighingOutcome::Criminal)),
        true,
    ),
    t(
        S::UnderWeighing,
        S::ReferredOther,
        WEIGH,
        Some(Guard::Weighed(WeighingOutcome::Refer)),
        false,
    ),
    t(
        S::UnderWeighing,
        S::Admitted,
        WEIGH,
        Some(Guard::Weighed(WeighingOutcome::Admit)),
        true,
    ),
    t(S::Admitted, S::InCaseMeeting, MEETING, None, true),
    t(
        S::InCaseMeeting,
        S::PlanAdopted,
        MEETING,
        Some(Guard::PlanAdopted),
        true,
    ),
    t(S::PlanAdopted, S::InExecution, MEETING, None, true),
    t(S::InExecution, S::InCaseMeeting, MEETING, None, true),
    t(S::InExecution, S::UnderEvaluation, MEETING, None, false),
    t(S::UnderEvaluation, S::InExecution, MEETING, None, false),
    t(S::UnderEvaluation, S::ScaledDown, MEETING, None, false),
    t(S::ScaledDown, S::InCaseMeeting, MEETING, None, true),
    t(S::InExecution, S::Closed, MEETING, None, false),
    t(S::ScaledDown, S::Closed, MEETING, None, false),
    t(S::Closed, S::Archived, COORD, None, false),
    t(S::ClosedNoAction, S::Archived, COORD, None, false),
    t(S::ReferredCriminal, S::Archived, COORD, None, false),
    t(S::ReferredOther, S::Archived, COORD, None, false),
    t(S::Archived, S::SignalReceived, WEIGH, None, false),
];

/// Whether entering `state` ends the PGA for this case, so that the retention clock starts
/// (closure + the covenant's retention) [I: the trigger is not in the sources, domain.md §j].
pub fn ends_pga(state: CaseState) -> bool {
    matches!(
        state,
        S::Closed | S::ClosedNoAction | S::ReferredCriminal | S::ReferredOther
    )
}

/// Whether entering `state` starts a new PGA track (re-opening), which clears the retention clock.
pub fn reopens(from: CaseState, to: CaseState) -> bool {
    from == S::Archived && to == S::SignalReceived
}

/// The facts a guard needs, gathered by the caller.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    pub last_weighing: Option<WeighingOutcome>,
    pub plan_adopted: bool,
}

/// Why a transition is refused. Each variant carries what a person needs to choose again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No such transition; `allowed` lists where this case can go from here.
    NotAllowed {
        from: CaseState,
        to: CaseState,
        allowed: Vec<CaseState>,
    },
    /// The transition exists but this role does not decide it.
    Role { role: Role, roles: Vec<Role> },
    /// A guard does not hold.
    Guard(Guard),
    /// Every transition records why.
    NoReason,
}

impl Refusal {
    /// A Dutch explanation with the next step.
    pub fn dutch(&self) -> String {
        let list = |states: &[CaseState]| {
            if states.is_empty() {
                "geen".to_string()
            } else {
                states
                    .iter()
                    .map(|s| format!("{} ({})", s.dutch(), s.code()))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        match self {
            Refusal::NotAllowed { from, to, allowed } => format!(
                "Van '{}' kan een casus niet naar '{}'. Toegestaan vanuit deze fase: {}.",
                from.dutch(),
                to.dutch(),
                list(allowed)
            ),
            Refusal::Role { role, roles } => format!(
                "Deze stap wordt genomen door {}; uw rol is {}.",
                roles.iter().map(|r| r.dutch()).collect::<Vec<_>>().join(" of "),
                role.dutch()
            ),
            Refusal::Guard(Guard::Weighed(outcome)) => format!(
                "Eerst moet de weegploeg een weging vastleggen met uitkomst '{}'.",
                outcome.dutch()
            ),
            Refusal::Guard(Guard::PlanAdopted) => {
                "Eerst moet het plan van aanpak in een casusoverleg worden vastgesteld.".to_string()
            }
            Refusal::NoReason => "Geef een reden op: elke stap legt vast waarom.".to_string(),
        }
    }
}

/// The states reachable from `from` by some transition.
pub fn allowed_from(from: CaseState) -> Vec<CaseState> {
    TRANSITIONS
        .iter()
        .filter(|t| t.from == from)
        .map(|t| t.to)
        .collect()
}

/// Decides whether `role` may move a case from `from` to `to`, given the facts and whether a reason
/// was given.
pub fn check(
    from: CaseState,
    to: CaseState,
    role: Role,
    facts: &Facts,
    reason_given: bool,
) -> Result<&'static Transition, Refusal> {
    let Some(transition) = TRANSITIONS.iter().find(|t| t.from == from && t.to == to) else {
        return Err(Refusal::NotAllowed {
            from,
            to,
            allowed: allowed_from(from),
        });
    };
    if !transition.roles.contains(&role) {
        return Err(Refusal::Role {
            role,
            roles: transition.roles.to_vec(),
        });
    }
    if !reason_given {
        return Err(Refusal::NoReason);
    }
    match transition.guard {
        Some(Guard::Weighed(outcome)) if facts.last_weighing != Some(outcome) => {
            Err(Refusal::Guard(Guard::Weighed(outcome)))
        }
        Some(Guard::PlanAdopted) if !facts.plan_adopted => Err(Refusal::Guard(Guard::PlanAdopted)),
        _ => Ok(transition),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The full table: every (from, to) pair, for a coordinator with every guard satisfied, is
    /// allowed exactly when it is listed. 15 × 15 pairs.
    #[test]
    fn the_full_transition_table() {
        let expected: &[(CaseState, &[CaseState])] = &[
            (S::SignalReceived, &[S::UnderWeighing]),
            (
                S::UnderWeighing,
                &[
                    S::MoreInfoNeeded,
                    S::ClosedNoAction,
                    S::ReferredCriminal,
                    S::ReferredOther,
                    S::Admitted,
                ],
            ),
            (S::MoreInfoNeeded, &[S::UnderWeighing]),
            (S::ClosedNoAction, &[S::Archived]),
            (S::ReferredCriminal, &[S::Archived]),
            (S::ReferredOther, &[S::Archived]),
            (S::Admitted, &[S::InCaseMeeting]),
            (S::InCaseMeeting, &[S::PlanAdopted]),
            (S::PlanAdopted, &[S::InExecution]),
            (S::InExecution, &[S::InCaseMeeting, S::UnderEvaluation, S::Closed]),
            (S::UnderEvaluation, &[S::InExecution, S::ScaledDown]),
            (S::ScaledDown, &[S::InCaseMeeting, S::Closed]),
            (S::Closed, &[S::Archived]),
            (S::Archived, &[S::SignalReceived]),
            (S::Destroyed, &[]),
        ];
        assert_eq!(expected.len(), CaseState::ALL.len());
        for (from, tos) in expected {
            for to in CaseState::ALL {
                let t = TRANSITIONS.iter().find(|t| t.from == *from && t.to == *to);
                assert_eq!(t.is_some(), tos.contains(to), "{from} → {to}");
                if let Some(t) = t {
                    let facts = Facts {
                        last_weighing: match t.guard {
                            Some(Guard::Weighed(o)) => Some(o),
                            _ => None,
                        },
                        plan_adopted: true,
                    };
                    assert!(
                        check(*from, *to, t.roles[0], &facts, true).is_ok(),
                        "{from} → {to}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_refused_transition_lists_what_is_allowed() {
        let err = check(
            S::SignalReceived,
            S::Admitted,
            R::Coordinator,
            &Facts::default(),
            true,
        )
        .unwrap_err();
        assert_eq!(
            err,
            Refusal::NotAllowed {
                from: S::SignalReceived,
                to: S::Admitted,
                allowed: vec![S::UnderWeighing]
            }
        );
        assert!(
            err.dutch().contains("in weging (under_weighing)"),
            "{}",
            err.dutch()
        );
    }

    #[test]
    fn admission_needs_a_weighing_that_admits() {
        let no = Facts {
            last_weighing: Some(WeighingOutcome::MoreInfo),
            plan_adopted: false,
        };
        assert_eq!(
            check(S::UnderWeighing, S::Admitted, R::WeighingMember, &no, true),
            Err(Refusal::Guard(Guard::Weighed(WeighingOutcome::Admit)))
        );
        let yes = Facts {
            last_weighing: Some(WeighingOutcome::Admit),
            plan_adopted: false,
        };
        assert!(check(S::UnderWeighing, S::Admitted, R::WeighingMember, &yes, true).is_ok());
    }

    #[test]
    fn roles_and_reasons_are_checked() {
        let f = Facts::default();
        assert!(matches!(
            check(S::Admitted, S::InCaseMeeting, R::PartnerMember, &f, true),
            Err(Refusal::Role { .. })
        ));
        assert!(matches!(
            check(S::Admitted, S::InCaseMeeting, R::PrivacyOfficer, &f, true),
            Err(Refusal::Role { .. })
        ));
        assert_eq!(
            check(S::InExecution, S::Closed, R::Chair, &f, false),
            Err(Refusal::NoReason)
        );
        assert!(check(S::InExecution, S::Closed, R::Chair, &f, true).is_ok());
    }

    #[test]
    fn nothing_leads_to_destroyed_and_closing_states_start_retention() {
        assert!(TRANSITIONS.iter().all(|t| t.to != S::Destroyed));
        assert!(ends_pga(S::Closed) && ends_pga(S::ClosedNoAction) && !ends_pga(S::Archived));
        assert!(reopens(S::Archived, S::SignalReceived));
    }
}
