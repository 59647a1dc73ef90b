//! The plan of approach (*plan van aanpak*, domain.md §g): goals per life domain and the
//! interventions that serve them, and the rule that a plan is only adopted when every goal has at
//! least one action with an owner and a deadline. Evaluations found that implicit agreements stall
//! cases; this guard makes every agreement explicit, owned and dated.

use chrono::NaiveDate;

use crate::share::LegalBasis;
use crate::user::{code_enum, Organisation};

code_enum!(
    /// Life domains a goal can address [I: a working list after general PGA monitors].
    LifeDomain {
        Wonen = "wonen", "wonen";
        WerkInkomen = "werk_inkomen", "werk en inkomen";
        Onderwijs = "onderwijs", "onderwijs";
        SociaalNetwerk = "sociaal_netwerk", "sociaal netwerk";
        Gezin = "gezin", "gezin en opvoeding";
        Gezondheid = "gezondheid", "lichamelijke en psychische gezondheid";
        Ideologie = "ideologie", "ideologie en identiteit";
        Justitie = "justitie", "justitie en veiligheid";
        Financien = "financien", "financiën";
        Vrijetijd = "vrije_tijd", "vrije tijd en online";
    }
);

code_enum!(
    /// The kind of an intervention (domain.md §g, "a tailored mix").
    InterventionKind {
        Bestuurlijk = "bestuurlijk", "bestuurlijk";
        Strafrechtelijk = "strafrechtelijk", "strafrechtelijk";
        Zorg = "zorg", "zorg";
        Overig = "overig", "overig";
    }
);

code_enum!(
    /// Where an intervention stands.
    InterventionStatus {
        Planned = "planned", "gepland";
        Running = "running", "loopt";
        Done = "done", "afgerond";
        Stopped = "stopped", "gestopt";
    }
);

/// A goal, positively worded, in one life domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    pub id: String,
    pub domain: LifeDomain,
    pub text: String,
}

/// An action that serves a goal, owned by an organisation and a person, with a deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intervention {
    pub id: String,
    pub goal: String,
    pub kind: InterventionKind,
    pub description: String,
    pub owner_org: Option<Organisation>,
    pub owner_person: String,
    pub start: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub basis: Option<LegalBasis>,
    pub status: InterventionStatus,
    pub result: String,
}

impl Intervention {
    /// Owned (an organisation and a person) and dated (a deadline).
    pub fn is_explicit(&self) -> bool {
        self.owner_org.is_some() && !self.owner_person.trim().is_empty() && self.deadline.is_some()
    }

    /// Open past its deadline on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        matches!(
            self.status,
            InterventionStatus::Planned | InterventionStatus::Running
        ) && self.deadline.is_some_and(|d| d < today)
    }
}

/// Why a plan cannot be adopted, in Dutch, one line per problem.
pub fn adoption_problems(goals: &[Goal], interventions: &[Intervention]) -> Vec<String> {
    let mut problems = Vec::new();
    if goals.is_empty() {
        problems.push("Het plan heeft nog geen doelen.".to_string());
    }
    for goal in goals {
        let explicit = interventions
            .iter()
            .filter(|i| i.goal == goal.id && i.is_explicit())
            .count();
        if explicit == 0 {
            problems.push(format!(
                "Doel ‘{}’ ({}) heeft geen actie met een eigenaar (organisatie en persoon) en een deadline.",
                goal.text.chars().take(80).collect::<String>(),
                goal.domain.dutch()
            ));
        }
    }
    for i in interventions {
        if !goals.iter().any(|g| g.id == i.goal) {
            problems.push(format!(
                "Actie {} hoort bij een doel dat niet bestaat ({}).",
                i.id, i.goal
            ));
        }
        if let (Some(start), Some(deadline)) = (i.start, i.deadline) {
            if deadline < start {
                problems.push(format!("Actie {} eindigt vóór haar start.", i.id));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(id: &str) -> Goal {
        Goal {
            id: id.into(),
            domain: LifeDomain::Wonen,
            text: "Heeft een stabiele woonplek".into(),
        }
    }

    fn action(goal: &str, owner: bool, deadline: bool) -> Intervention {
        Intervention {
            id: format!("a-{goal}"),
            goal: goal.into(),
            kind: InterventionKind::Zorg,
            description: "Intake bij de ggz".into(),
            owner_org: owner.then_some(Organisation::Ggz),
            owner_person: if owner {
                "Behandelaar (fictief)".into()
            } else {
                String::new()
            },
            start: NaiveDate::from_ymd_opt(2026, 12, 1),
            deadline: deadline.then(|| NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()),
            basis: None,
            status: InterventionStatus::Planned,
            result: String::new(),
        }
    }

    #[test]
    fn every_goal_needs_an_owned_dated_action() {
        assert_eq!(adoption_problems(&[], &[]).len(), 1, "no goals");
        assert!(adoption_problems(&[goal("g1")], &[action("g1", true, true)]).is_empty());
        assert_eq!(
            adoption_problems(&[goal("g1")], &[action("g1", false, true)]).len(),
            1,
            "no owner"
        );
        assert_eq!(
            adoption_problems(&[goal("g1")], &[action("g1", true, false)]).len(),
            1,
            "no deadline"
        );
        let two = [goal("g1"), goal("g2")];
        assert_eq!(
            adoption_problems(&two, &[action("g1", true, true)]).len(),
            1,
            "g2 has no action"
        );
    }

    #[test]
    fn an_action_for_a_missing_goal_or_ending_before_it_starts_is_a_problem() {
        let mut a = action("g1", true, true);
        a.goal = "gx".into();
        assert!(adoption_problems(&[goal("g1")], &[a, action("g1", true, true)])
            .iter()
            .any(|p| p.contains("bestaat")));
        let mut b = action("g1", true, true);
        b.deadline = NaiveDate::from_ymd_opt(2026, 11, 1);
        assert!(adoption_problems(&[goal("g1")], &[b])
            .iter()
            .any(|p| p.contains("vóór")));
    }

    #[test]
    fn overdue_means_open_and_past_the_deadline() {
        let today = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        let mut a = action("g1", true, true);
        assert!(a.is_overdue(today));
        a.status = InterventionStatus::Done;
        assert!(!a.is_overdue(today));
        assert!(!action("g1", true, true).is_overdue(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()));
    }
}
