//! The presentation view (the projector in the meeting room) shows only what **every**
//! organisation present for the agenda item may receive, and changes as partners leave and
//! return. Tested with a case that holds police and health data and a police officer present.

use casus_app::{CheckRequest, NewUser, Session};
use casus_tests::{Fixture, ADMIN, COORD, PASS};

const POLICE: &str = "scherm-kanarie-politie";
const HEALTH: &str = "scherm-kanarie-gezondheid";
const HEALTH_NO_CONSENT: &str = "scherm-kanarie-zonder-toestemming";

struct Room {
    f: Fixture,
    case: String,
    meeting: String,
    /// (name, org, attendee id)
    people: Vec<(&'static str, &'static str, String)>,
}

fn room() -> Room {
    let f = Fixture::new();
    let mut admin = f.unlock(ADMIN);
    admin
        .add_user(NewUser {
            name: "zorg",
            role: "partner_member",
            org: "ggz",
            passphrase: PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Scherm Kanarie","born":"2001-02-03"},"notes":"n"}"#)
        .unwrap();
    for org in ["politie", "ggz", "onderwijs"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    let police = format!(
        r#"{{"source":"politie","received":"2026-11-20","category":"politiegegevens","basis":"wpg_18_2","reliability":"signal","content":"{POLICE}"}}"#
    );
    c.signal_add_json(Some(&case), police.as_bytes()).unwrap();
    c.lock().unwrap();
    let mut z = f.unlock("zorg");
    for (content, basis) in [(HEALTH, "toestemming"), (HEALTH_NO_CONSENT, "avg_6_1_e")] {
        let health = format!(
            r#"{{"source":"ggz","received":"2026-11-21","category":"gezondheid","basis":"{basis}","reliability":"fact","content":"{content}"}}"#
        );
        z.signal_add_json(Some(&case), health.as_bytes()).unwrap();
    }
    z.lock().unwrap();
    let mut c = f.unlock(COORD);
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "bespreking", &[], None)
        .unwrap();
    let meeting = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","place":"Stadhuis","chair":"V","minute_taker":"N"}"#)
        .unwrap();
    c.meeting_agenda(&meeting, Some(&case), false).unwrap();
    let mut people = Vec::new();
    for (name, org) in [
        ("Coordinator (fictief)", "gemeente"),
        ("Agent (fictief)", "politie"),
        ("Behandelaar (fictief)", "ggz"),
        ("Mentor (fictief)", "onderwijs"),
    ] {
        let id = c
            .meeting_attend_json(
                &meeting,
                format!(r#"{{"name":"{name}","org":"{org}","role":"deelnemer"}}"#).as_bytes(),
            )
            .unwrap();
        c.meeting_ack(&meeting, &id).unwrap();
        people.push((name, org, id));
    }
    c.lock().unwrap();
    Room {
        f,
        case,
        meeting,
        people,
    }
}

fn set_present(s: &mut Session, r: &Room, orgs: &[&str]) {
    for (_, org, id) in &r.people {
        s.meeting_presence(&r.meeting, &r.case, id, orgs.contains(org))
            .unwrap();
    }
}

/// Every shown item must be allowed by the covenant for every organisation present (asked
/// independently of the presentation code, through the covenant checker).
fn assert_everyone_may_see(s: &mut Session, view: &casus_app::meeting::PresentationView) {
    for item in &view.items {
        for org in &view.present {
            let verdict = s
                .covenant_check(CheckRequest {
                    from: &item.source,
                    to: org,
                    category: &item.category,
                    purpose: "pga",
                    phase: Some(&view.phase),
                    basis: Some(&item.basis),
                })
                .unwrap();
            assert!(
                verdict.allowed,
                "{} {} ({}) is on screen while {org} is present, but the covenant refuses it to {org}",
                item.source, item.category, item.basis
            );
        }
    }
}

#[test]
fn health_data_is_never_on_screen_while_someone_present_may_not_receive_it() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    // Nobody marked present yet: the screen shows nothing.
    let empty = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(
        empty.items.is_empty() && empty.subject_name.is_none(),
        "an empty room sees nothing"
    );

    // Everyone in the room, the school included: health data (forbidden to education) stays off.
    set_present(&mut s, &r, &["gemeente", "politie", "ggz", "onderwijs"]);
    let all = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    let text = serde_json::to_string(&all).unwrap();
    assert!(
        !text.contains(HEALTH),
        "the school is present: no health data on screen"
    );
    assert!(!text.contains(HEALTH_NO_CONSENT), "no consent: never on screen");
    assert!(
        all.hidden.iter().any(|h| h.category == "gezondheid"),
        "the hidden count says health data was left off: {:?}",
        all.hidden
    );
    assert!(
        !all.items.iter().any(|i| i.content == POLICE),
        "police data does not go to the school: off screen while the school is present"
    );
    assert_everyone_may_see(&mut s, &all);

    // The school leaves: municipality, police and GGZ may all receive consented health data.
    set_present(&mut s, &r, &["gemeente", "politie", "ggz"]);
    let without_school = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    let text = serde_json::to_string(&without_school).unwrap();
    assert!(
        text.contains(HEALTH),
        "consented health data may be shown to gemeente, politie and ggz"
    );
    assert!(
        !text.contains(HEALTH_NO_CONSENT),
        "health data without consent never reaches the police officer's eyes"
    );
    assert_eq!(without_school.present, ["gemeente", "politie", "ggz"]);
    assert!(
        text.contains(POLICE),
        "police data may go to gemeente and ggz in the meeting phase [I], so it is on screen now"
    );
    assert_everyone_may_see(&mut s, &without_school);

    // The school returns: the screen changes back.
    set_present(&mut s, &r, &["gemeente", "politie", "ggz", "onderwijs"]);
    let back = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(
        !serde_json::to_string(&back).unwrap().contains(HEALTH),
        "back in the room: hidden again"
    );
}

#[test]
fn a_share_said_in_the_meeting_follows_the_same_rule_on_screen() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    set_present(&mut s, &r, &["gemeente", "politie", "ggz"]);
    let share = r#"{"source":"ggz","category":"gezondheid","basis":"toestemming","content":"scherm-kanarie-gedeeld"}"#;
    s.meeting_share_json(&r.meeting, &r.case, share.as_bytes())
        .unwrap();
    let view = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(view
        .items
        .iter()
        .any(|i| i.kind == "share" && i.content == "scherm-kanarie-gedeeld"));
    // The school comes in later: the share said before it came is no longer on screen.
    set_present(&mut s, &r, &["gemeente", "politie", "ggz", "onderwijs"]);
    let view = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(
        !view.items.iter().any(|i| i.content == "scherm-kanarie-gedeeld"),
        "a share stays on screen only while everyone present may receive it"
    );
}

#[test]
fn only_the_meeting_roles_open_the_presentation_and_it_is_logged() {
    let r = room();
    let mut z = r.f.unlock("zorg");
    let e = z.meeting_presentation(&r.meeting, &r.case).unwrap_err();
    assert_eq!(
        e.code,
        casus_app::ErrorCode::Forbidden,
        "a partner does not drive the projector"
    );
    z.lock().unwrap();
    let mut s = r.f.unlock(COORD);
    let before = casus_store::raw::query_i64(&r.f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    s.meeting_presentation(&r.meeting, &r.case).unwrap();
    let after = casus_store::raw::query_i64(&r.f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    assert!(
        after > before,
        "showing case content on a screen is a logged read"
    );
}

#[test]
fn the_case_timeline_lists_meeting_shares_with_their_verdict_and_only_recipients_read_them() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    set_present(&mut s, &r, &["gemeente", "politie", "ggz"]);
    let only_municipality = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"tijdlijn-kanarie","to":["gemeente"]}"#;
    s.meeting_share_json(&r.meeting, &r.case, only_municipality.as_bytes())
        .unwrap();
    let record = s.case_meeting_record(&r.case).unwrap();
    let share = record
        .iter()
        .find(|e| e.kind == "share")
        .expect("the share is on the case's record");
    assert_eq!(share.allowed_to, ["gemeente"]);
    assert!(
        share.covenant.as_deref().unwrap_or("").contains('@'),
        "the covenant version that allowed it"
    );
    assert_eq!(
        share.text.as_deref(),
        Some("tijdlijn-kanarie"),
        "the municipality received it"
    );
    s.lock().unwrap();
    let mut z = r.f.unlock("zorg");
    let theirs = z.case_meeting_record(&r.case).unwrap();
    let seen = theirs
        .iter()
        .find(|e| e.kind == "share")
        .expect("the GGZ sees that something was shared");
    assert_eq!(
        seen.text, None,
        "but not what: it was shared with the municipality only"
    );
}

#[test]
fn a_share_meant_for_some_of_the_room_stays_off_the_projector() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    set_present(&mut s, &r, &["gemeente", "politie", "ggz"]);
    let narrow = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"smal-gedeeld-kanarie","to":["gemeente"]}"#;
    s.meeting_share_json(&r.meeting, &r.case, narrow.as_bytes())
        .unwrap();
    let view = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(
        !view.items.iter().any(|i| i.content == "smal-gedeeld-kanarie"),
        "shared with the municipality only: the GGZ in the room must not read it on the screen"
    );
    assert!(
        view.hidden.iter().any(|h| h.category == "politiegegevens"),
        "counted as hidden"
    );
}

/// Code review, issue 10 item 6.2: decisions are on the projector only when someone is in the
/// room and every organisation present may receive the municipality's decisions in the case's
/// phase (asked independently through the covenant checker).
#[test]
fn decisions_are_on_screen_only_for_a_room_that_may_receive_them() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    s.meeting_decide_json(
        &r.meeting,
        &r.case,
        br#"{"kind":"decision","text":"scherm-kanarie-besluit"}"#,
    )
    .unwrap();
    let empty = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert!(
        empty.decisions.is_empty(),
        "nobody is present: no decision on screen: {:?}",
        empty.decisions
    );
    assert!(!serde_json::to_string(&empty)
        .unwrap()
        .contains("scherm-kanarie-besluit"));
    for room in [
        &["gemeente", "politie", "ggz", "onderwijs"][..],
        &["gemeente", "politie", "ggz"][..],
        &["gemeente"][..],
    ] {
        set_present(&mut s, &r, room);
        let view = s.meeting_presentation(&r.meeting, &r.case).unwrap();
        let all_may = view.present.iter().all(|org| {
            s.covenant_check(CheckRequest {
                from: "gemeente",
                to: org,
                category: "besluit",
                purpose: "pga",
                phase: Some(&view.phase),
                basis: Some("pga_wet"),
            })
            .unwrap()
            .allowed
        });
        let shown = view.decisions.iter().any(|d| d.text == "scherm-kanarie-besluit");
        assert_eq!(
            shown, all_may,
            "room {room:?}: decisions shown {shown}, covenant {all_may}"
        );
        if !shown {
            assert!(
                view.hidden.iter().any(|h| h.category == "besluit"),
                "{:?}",
                view.hidden
            );
        }
    }
}

/// Issue 12: the projector follows the chair. It polls `meeting_current` (no content) and shows
/// `meeting_presentation` of the item the chair selected — the same room-filtered answer, with
/// its place on the agenda; a partner drives neither.
#[test]
fn the_projector_follows_the_item_the_chair_selects() {
    let r = room();
    let mut s = r.f.unlock(COORD);
    let second = s
        .case_new_json(br#"{"subject":{"name":"Scherm Merel","born":"2002-03-04"},"notes":"n"}"#)
        .unwrap();
    for org in ["politie", "ggz", "onderwijs"] {
        s.case_members(&second, Some(org), None).unwrap();
    }
    s.meeting_agenda(&r.meeting, Some(&second), false).unwrap();
    let at = s.meeting_current(&r.meeting).unwrap();
    assert_eq!((at.case_id, at.total), (None, 2), "nothing selected yet");
    s.meeting_select(&r.meeting, &r.case).unwrap();
    set_present(&mut s, &r, &["gemeente", "politie"]);
    let at = s.meeting_current(&r.meeting).unwrap();
    assert_eq!(
        (at.case_id.as_deref(), at.number, at.total),
        (Some(r.case.as_str()), 1, 2)
    );
    let view = s.meeting_presentation(&r.meeting, &r.case).unwrap();
    assert_eq!((view.number, view.total), (1, 2));
    // The chair moves on: the projector's next poll names the second item, and its view is the
    // room view of that item, with the presence carried over from the first.
    s.meeting_select(&r.meeting, &second).unwrap();
    let at = s.meeting_current(&r.meeting).unwrap();
    assert_eq!(
        (at.case_id.as_deref(), at.number, at.total),
        (Some(second.as_str()), 2, 2)
    );
    let view = s
        .meeting_presentation(&r.meeting, at.case_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (view.case_id.as_str(), view.number, view.total),
        (second.as_str(), 2, 2)
    );
    assert_eq!(view.present, ["gemeente", "politie"]);
    assert_everyone_may_see(&mut s, &view);
    assert!(
        !serde_json::to_string(&view).unwrap().contains(POLICE),
        "nothing of the first item follows onto the second"
    );
    s.lock().unwrap();
    let mut z = r.f.unlock("zorg");
    for e in [
        z.meeting_current(&r.meeting).unwrap_err(),
        z.meeting_select(&r.meeting, &second).unwrap_err(),
    ] {
        assert_eq!(
            e.code,
            casus_app::ErrorCode::Forbidden,
            "a partner does not drive the projector"
        );
    }
}
