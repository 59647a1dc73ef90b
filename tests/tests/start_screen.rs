//! The start screen and the lifecycle actions of the case screen: they gather what other commands
//! decide, and explain each blocked step in Dutch before anyone tries it.

use casus_app::NewUser;
use casus_tests::{Fixture, ADMIN, COORD, FG, PASS};

fn case_with_review(f: &Fixture, review: &str) -> String {
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Start Kanarie","born":"1999-09-09"},"notes":"n"}"#)
        .unwrap();
    c.case_transition(&case, "under_weighing", "weegploeg", &[], Some(review))
        .unwrap();
    c.lock().unwrap();
    case
}

#[test]
fn reviews_due_within_a_fortnight_are_on_the_start_screen() {
    let f = Fixture::new(); // today is 2026-11-22
    let soon = case_with_review(&f, "2026-11-30");
    let mut c = f.unlock(COORD);
    let later = c
        .case_new_json(br#"{"subject":{"name":"Later Kanarie","born":"1999-09-09"},"notes":"n"}"#)
        .unwrap();
    c.case_transition(&later, "under_weighing", "weegploeg", &[], Some("2027-03-01"))
        .unwrap();
    let o = c.overview().unwrap();
    assert_eq!(o.today, "2026-11-22");
    let due: Vec<&str> = o.reviews_due.iter().map(|r| r.case_id.as_str()).collect();
    assert_eq!(due, [soon.as_str()], "only the review within 14 days is due");
    assert!(!o.reviews_due[0].overdue, "30 November is not yet past");
    assert!(o.next_meetings.is_empty() && o.actions_due.is_empty());
}

#[test]
fn the_privacy_officer_sees_no_case_content_on_the_start_screen() {
    let f = Fixture::new();
    case_with_review(&f, "2026-11-23");
    let mut fg = f.unlock(FG);
    let o = fg.overview().unwrap();
    assert!(
        o.reviews_due.is_empty(),
        "the FG sees metadata only: no names of cases to review"
    );
    assert!(o.actions_due.is_empty());
    let text = serde_json::to_string(&o).unwrap();
    assert!(
        !text.contains("Kanarie"),
        "no subject name reaches the FG's start screen: {text}"
    );
}

#[test]
fn every_step_from_here_is_offered_with_its_guard_explained() {
    let f = Fixture::new();
    let case = case_with_review(&f, "2026-12-01");
    let mut c = f.unlock(COORD);
    let actions = c.case_actions(&case).unwrap();
    let admit = actions
        .iter()
        .find(|a| a.to == "admitted")
        .expect("admission is a step from weighing");
    assert!(!admit.possible, "nobody weighed yet");
    assert!(
        admit.blocked_by.as_deref().unwrap_or("").contains("weegploeg"),
        "the refusal says the weighing team must weigh first: {:?}",
        admit.blocked_by
    );
    c.lock().unwrap();
    let mut admin = f.unlock(ADMIN);
    admin
        .add_user(NewUser {
            name: "agent",
            role: "partner_member",
            org: "politie",
            passphrase: PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    let mut agent = f.unlock("agent");
    assert_eq!(
        agent.case_actions(&case).unwrap_err().code,
        casus_app::ErrorCode::Forbidden,
        "a partner whose organisation is not a member sees no steps"
    );
}

#[test]
fn the_case_screen_shows_the_inform_decision_with_the_case_notes() {
    let f = Fixture::new();
    let case = case_with_review(&f, "2026-12-01");
    let mut c = f.unlock(COORD);
    assert_eq!(c.show_case(&case).unwrap().inform, None, "no decision taken yet");
    c.case_inform(
        &case,
        casus_app::InformDecision {
            informed: false,
            reason: "lopend onderzoek".into(),
            review: Some("2027-01-15".into()),
        },
    )
    .unwrap();
    let shown = c
        .show_case(&case)
        .unwrap()
        .inform
        .expect("the decision is on the case screen");
    assert!(!shown.informed);
    assert_eq!(shown.review.as_deref(), Some("2027-01-15"));
}
