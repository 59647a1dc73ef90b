//! The case meeting: confidentiality before any item opens, partners who come and go per item, every
//! share checked against the covenant for those in the room, explicit agreements, locked minutes,
//! and a plan adopted only when complete and only in the meeting.

use std::sync::Arc;

use casus_app::{ErrorCode, NewUser, Session};
use casus_store::raw;
use casus_tests::{Fixture, ADMIN, COORD, PASS};

fn setup() -> (Fixture, String) {
    let f = Fixture::new();
    let mut admin = f.unlock(ADMIN);
    admin
        .add_user(NewUser {
            name: "voorzitter",
            role: "chair",
            org: "zvh",
            passphrase: PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Overleg Kanarie","born":"2000-01-01"},"notes":"n"}"#)
        .unwrap();
    for org in ["politie", "ggz", "zvh", "onderwijs"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    c.lock().unwrap();
    (f, case)
}

fn chair(f: &Fixture) -> Session {
    Session::unlock_with(&f.path, "voorzitter", PASS, Arc::new(f.clock.clone())).unwrap()
}

const HEALTH: &str =
    r#"{"source":"ggz","category":"gezondheid","basis":"toestemming","content":"kanarie-diagnose"}"#;

#[test]
fn partners_come_and_go_per_item_and_every_share_is_checked_for_who_is_in_the_room() {
    let (f, case) = setup();
    let mut s = chair(&f);
    let m = s
        .meeting_new_json(
            br#"{"held_on":"2026-11-22","place":"ZVH","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#,
        )
        .unwrap();
    s.meeting_agenda(&m, Some(&case), false).unwrap();
    let mut ids = Vec::new();
    for (name, org) in [
        ("Gemeente (fictief)", "gemeente"),
        ("Agent (fictief)", "politie"),
        ("Behandelaar (fictief)", "ggz"),
        ("Mentor (fictief)", "onderwijs"),
    ] {
        ids.push(
            s.meeting_attend_json(
                &m,
                format!(r#"{{"name":"{name}","org":"{org}","role":"deelnemer"}}"#).as_bytes(),
            )
            .unwrap(),
        );
    }
    // No item opens before everyone acknowledged confidentiality.
    let e = s.meeting_presence(&m, &case, &ids[0], true).unwrap_err();
    assert!(e.message.contains("acknowledged"), "{}", e.message);
    for id in &ids {
        s.meeting_ack(&m, id).unwrap();
    }
    for id in &ids {
        s.meeting_presence(&m, &case, id, true).unwrap();
    }
    // Without consent or a duty conflict, health data goes to nobody; the refusal is logged.
    let no_basis = HEALTH.replace("toestemming", "avg_6_1_e");
    let before = raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    assert_eq!(
        s.meeting_share_json(&m, &case, no_basis.as_bytes())
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    let denied = raw::query_strings(
        &f.path,
        &format!("SELECT checks FROM audit_log WHERE seq > {before} AND outcome = 'denied'"),
    )
    .unwrap();
    assert_eq!(denied, ["FTF-"], "refused: not authorised, covenant false");
    // With consent, but with the school in the room, the share is refused and names the school
    // (the covenant forbids health data to education).
    let e = s.meeting_share_json(&m, &case, HEALTH.as_bytes()).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("onderwijs"), "{}", e.message);
    assert_eq!(
        e.refused_to,
        ["onderwijs"],
        "the window names who may not receive it from a code, not from the message"
    );
    // Sharing with someone who left the room is refused too.
    s.meeting_presence(&m, &case, &ids[3], false).unwrap();
    let to_school = HEALTH.replace("}", r#","to":["onderwijs"]}"#);
    assert!(s
        .meeting_share_json(&m, &case, to_school.as_bytes())
        .unwrap_err()
        .message
        .contains("not in the room"));
    // The school left: the same share is now allowed, to those present, and recorded with its verdict.
    let share = s.meeting_share_json(&m, &case, HEALTH.as_bytes()).unwrap();
    assert_eq!(share.allowed_to, ["gemeente", "politie"]);
    assert!(share.covenant.contains('@'));
    // The school comes back for the decisions; police data goes to all but the school.
    s.meeting_presence(&m, &case, &ids[3], true).unwrap();
    let police_share = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"kanarie-melding","to":["gemeente"]}"#;
    let shared = s.meeting_share_json(&m, &case, police_share.as_bytes()).unwrap();
    assert_eq!(shared.allowed_to, ["gemeente"]);
    // While a signal is weighed, police data reaches only the weighing team: not the GGZ in the room.
    let wider = police_share.replace(r#"["gemeente"]"#, r#"["gemeente","ggz"]"#);
    assert!(s
        .meeting_share_json(&m, &case, wider.as_bytes())
        .unwrap_err()
        .message
        .contains("ggz"));
    // Agreements are explicit: an action without owner or deadline is refused.
    let vague = br#"{"kind":"action","text":"iemand gaat iets doen"}"#;
    assert!(s
        .meeting_decide_json(&m, &case, vague)
        .unwrap_err()
        .message
        .contains("owner_org"));
    let action = br#"{"kind":"action","text":"Intake ggz plannen","owner_org":"ggz","owner_person":"Behandelaar (fictief)","deadline":"2026-12-15"}"#;
    assert_eq!(s.meeting_decide_json(&m, &case, action).unwrap(), 1);
    s.meeting_decide_json(
        &m,
        &case,
        br#"{"kind":"case_lead","text":"casusregisseur","owner_org":"zvh","owner_person":"C. Regisseur"}"#,
    )
    .unwrap();
    s.meeting_decide_json(
        &m,
        &case,
        br#"{"kind":"evaluation","text":"volgende evaluatie","deadline":"2027-01-20"}"#,
    )
    .unwrap();
    let view = s.meeting_show(&m).unwrap();
    assert_eq!(view.items[0].present.len(), 4);
    // The chair's organisation (zvh) was given neither share (they went to gemeente and
    // politie, and to gemeente): it sees that two were left out, not what they say.
    assert_eq!(view.items[0].shares.len(), 0, "not given to zvh");
    assert!(
        view.items[0]
            .withheld
            .as_deref()
            .is_some_and(|w| w.contains("2 × gedeelde informatie")),
        "{:?}",
        view.items[0].withheld
    );
    assert!(!serde_json::to_string(&view).unwrap().contains("kanarie-diagnose"));
    // While the signal is weighed the covenant does not let zvh receive the municipality's
    // decisions [I]: the chair sees that three were recorded, not their text.
    assert_eq!(view.items[0].decisions.len(), 0);
    assert!(view.items[0]
        .withheld
        .as_deref()
        .is_some_and(|w| w.contains("3 × afspraak")));
    assert!(view.attendees.iter().all(|a| a.acknowledged));
    // The municipality received both shares, and sees them.
    s.lock().unwrap();
    let mut c = f.unlock(COORD);
    let view = c.meeting_show(&m).unwrap();
    assert_eq!(view.items[0].shares.len(), 2);
    assert_eq!(view.items[0].decisions.len(), 3);
    c.lock().unwrap();
    let mut s = chair(&f);
    // Closing reads the list back and locks the minutes; corrections are addenda.
    let closed = s.meeting_close(&m).unwrap();
    assert_eq!(closed.status, "closed");
    assert_eq!(closed.minutes_hash.as_ref().map(String::len), Some(64));
    assert!(s
        .meeting_decide_json(&m, &case, action)
        .unwrap_err()
        .message
        .contains("addendum"));
    s.meeting_decide_json(
        &m,
        &case,
        br#"{"kind":"addendum","text":"Correctie: deadline is 2026-12-20"}"#,
    )
    .unwrap();
    assert!(
        s.meeting_share_json(&m, &case, police_share.as_bytes()).is_err(),
        "nothing is shared in a closed meeting"
    );
    s.lock().unwrap();
    // Nothing of it is in the clear on disk.
    let hits = casus_tests::canary_hits(
        f.dir.path(),
        &[
            "kanarie-diagnose",
            "kanarie-melding",
            "Behandelaar (fictief)",
            "Intake ggz",
        ],
    );
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn a_plan_is_adopted_only_when_complete_and_only_in_an_open_meeting_with_the_case_on_the_agenda() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let incomplete = br#"{"goals":[{"id":"g1","domain":"wonen","text":"Stabiel wonen"}],
        "interventions":[{"id":"a1","goal":"g1","kind":"zorg","description":"Iets regelen"}]}"#;
    assert_eq!(c.plan_revise_json(&case, incomplete).unwrap(), 1);
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter"}"#)
        .unwrap();
    let e = c.plan_adopt(&case, &m).unwrap_err();
    assert!(e.message.contains("geen actie met een eigenaar"), "{}", e.message);
    let complete = br#"{"goals":[{"id":"g1","domain":"wonen","text":"Stabiel wonen"}],
        "interventions":[{"id":"a1","goal":"g1","kind":"zorg","description":"Iets regelen","owner_org":"gemeente",
                          "owner_person":"D. Consulent","deadline":"2026-12-01"}]}"#;
    assert_eq!(c.plan_revise_json(&case, complete).unwrap(), 2);
    let e = c.plan_adopt(&case, &m).unwrap_err();
    assert!(e.message.contains("agenda"), "not on the agenda: {}", e.message);
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    assert_eq!(c.plan_adopt(&case, &m).unwrap(), 2);
    let plan = c.plan_show(&case).unwrap();
    assert_eq!(plan.adopted_in.as_deref(), Some(m.as_str()));
    assert!(plan.adoption_problems.is_empty());
    assert_eq!(plan.revisions.len(), 2);
    assert!(
        plan.revisions[1]
            .changes
            .iter()
            .any(|ch| ch == "actie a1 gewijzigd"),
        "{:?}",
        plan.revisions[1].changes
    );
    // Bad plan input names the field, never the value.
    let e = c
        .plan_revise_json(
            &case,
            br#"{"goals":[{"id":"g1","domain":"maan","text":"Geheim doel"}]}"#,
        )
        .unwrap_err();
    assert!(e.message.starts_with("goals[0].domain"), "{}", e.message);
    let e = c
        .plan_revise_json(
            &case,
            br#"{"goals":[{"id":"g1","domain":"wonen","text":"x","oops":1}]}"#,
        )
        .unwrap_err();
    assert!(
        e.message.contains("unknown field") && !e.message.contains("Geheim"),
        "{}",
        e.message
    );
    // Overdue actions surface once their deadline passes.
    f.clock.advance(chrono::Duration::days(30));
    c.lock().unwrap();
    let mut c = f.unlock(COORD);
    let overdue = c.plan_overdue().unwrap();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].action_id, "a1");
    c.lock().unwrap();
}

#[test]
fn only_the_coordinator_and_the_chair_run_a_meeting() {
    let (f, _) = setup();
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
    let mut agent = Session::unlock_with(&f.path, "agent", PASS, Arc::new(f.clock.clone())).unwrap();
    let e = agent
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"x"}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    agent.lock().unwrap();
}

#[test]
fn the_agenda_proposes_cases_with_new_signals_and_a_risk_instrument_result_is_recorded_as_metadata() {
    let (f, _) = setup();
    let mut c = f.unlock(COORD);
    let signal = br#"{"subject":{"name":"Agenda Kanarie","born":"1999-01-01"},"source":"politie","received":"2026-11-20",
        "category":"politiegegevens","basis":"wpg_18_2","reliability":"signal","content":"melding"}"#;
    let case = c.signal_add_json(None, signal).unwrap().case_id;
    casus_tests::weigh_and_admit(&mut c, &case);
    let m1 = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A"}"#)
        .unwrap();
    let agenda = c.meeting_agenda(&m1, None, true).unwrap();
    let reason = |v: &casus_app::meeting::MeetingView| {
        v.items
            .iter()
            .find(|i| i.case_id == case)
            .map(|i| i.reason.clone())
    };
    assert_eq!(reason(&agenda).as_deref(), Some("new_admission"));
    c.case_transition(&case, "in_case_meeting", "bespreking", &[], None)
        .unwrap();
    let m2 = c
        .meeting_new_json(br#"{"held_on":"2026-11-23","chair":"A"}"#)
        .unwrap();
    assert_eq!(
        reason(&c.meeting_agenda(&m2, None, true).unwrap()).as_deref(),
        Some("new_signals")
    );
    let m3 = c
        .meeting_new_json(br#"{"held_on":"2027-03-01","chair":"A"}"#)
        .unwrap();
    assert_eq!(
        reason(&c.meeting_agenda(&m3, None, true).unwrap()),
        None,
        "the signal is no longer new"
    );

    let missing = br#"{"kind":"instrument","text":"x"}"#;
    assert!(c
        .meeting_decide_json(&m2, &case, missing)
        .unwrap_err()
        .message
        .starts_with("instrument"));
    let vera = br#"{"kind":"instrument","text":"","instrument":{"name":"VERA-2R","version":"2017","assessor":"NIFP (fictief)",
        "certified":true,"date":"2026-11-15","judgement":"matig risico"}}"#;
    c.meeting_decide_json(&m2, &case, vera).unwrap();
    let view = c.meeting_show(&m2).unwrap();
    let recorded = &view.items.iter().find(|i| i.case_id == case).unwrap().decisions[0];
    assert_eq!(recorded.kind, "instrument");
    assert!(
        recorded.text.contains("VERA-2R")
            && recorded.text.contains("gecertificeerd")
            && recorded.text.contains("matig risico")
    );
    c.lock().unwrap();
}

/// Code review, issue 10 item 6.1: a chair whose organisation does not take part in a case on the
/// agenda sees that the item exists, never its decisions; each case whose content a meeting view
/// or a minutes export returns gets its own audit entry (so the person's inzage lists it), and
/// the case whose content was not returned gets none.
#[test]
fn a_chair_sees_only_that_a_non_member_case_is_on_the_agenda_and_each_read_reaches_the_inzage() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let other = c
        .case_new_json(br#"{"subject":{"name":"Niet Deelnemer Kanarie","born":"1990-01-01"}}"#)
        .unwrap();
    c.case_members(&other, Some("politie"), None).unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    c.meeting_agenda(&m, Some(&other), false).unwrap();
    c.meeting_decide_json(
        &m,
        &other,
        br#"{"kind":"decision","text":"geheim-besluit-zonder-zvh"}"#,
    )
    .unwrap();
    c.lock().unwrap();

    let mut s = chair(&f);
    let before = raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    let view = s.meeting_show(&m).unwrap();
    let text = serde_json::to_string(&view).unwrap();
    assert!(
        !text.contains("geheim-besluit-zonder-zvh"),
        "zvh does not take part in the other case: {text}"
    );
    assert_eq!(view.items.len(), 2, "the item itself is on the agenda");
    assert!(
        text.contains("Geen toegang: uw organisatie neemt niet deel aan deze casus"),
        "{text}"
    );
    let entries = |case: &str, event: &str, after: i64| {
        raw::query_i64(
            &f.path,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE seq > {after} AND event = '{event}' AND case_id = '{case}' AND org = 'zvh'"
            ),
        )
        .unwrap()
    };
    assert_eq!(
        entries(&case, "meeting.read", before),
        1,
        "the member case's read is logged with its id"
    );
    assert_eq!(
        entries(&other, "meeting.read", before),
        0,
        "nothing of the other case was returned"
    );

    // The minutes for the police: the police take part in the other case, the chair's
    // organisation does not, so its decisions stay out.
    let out = f.dir.path().join("besluiten-politie.md");
    let before = raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    s.export_minutes(&m, "politie", "md", &out).unwrap();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(!md.contains("geheim-besluit-zonder-zvh"), "{md}");
    assert!(md.contains("Weggelaten: 1 agendapunt"), "{md}");
    assert_eq!(
        entries(&case, "export", before),
        1,
        "the export is logged with the case it carries"
    );
    assert_eq!(entries(&other, "export", before), 0);
    s.lock().unwrap();

    // The person's inzage lists the chair's reads of their case.
    let mut fg = f.unlock(casus_tests::FG);
    let inzage = fg.inzage(&case).unwrap();
    assert!(
        inzage
            .accessed
            .iter()
            .any(|a| a.org == "zvh" && a.event == "meeting.read"),
        "{:?}",
        inzage.accessed
    );
    assert!(inzage
        .accessed
        .iter()
        .any(|a| a.org == "zvh" && a.event == "export"));
    let theirs = fg.inzage(&other).unwrap();
    assert!(
        !theirs.accessed.iter().any(|a| a.org == "zvh"),
        "{:?}",
        theirs.accessed
    );
}

/// Code review, issue 10 item 6.2: a share narrowed to the municipality never goes into another
/// recipient's minutes, even a recipient the covenant would let receive it.
#[test]
fn a_share_narrowed_to_one_organisation_stays_out_of_every_other_recipients_minutes() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    // In the meeting phase the covenant lets zvh receive police data (POL-OVL-01 [I]): only the
    // narrowing keeps the first share from it.
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "bespreking", &[], None)
        .unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    let mut ids = Vec::new();
    for (name, org) in [
        ("Gemeente (fictief)", "gemeente"),
        ("Agent (fictief)", "politie"),
        ("Behandelaar (fictief)", "ggz"),
        ("Regisseur (fictief)", "zvh"),
    ] {
        let id = c
            .meeting_attend_json(
                &m,
                format!(r#"{{"name":"{name}","org":"{org}","role":"deelnemer"}}"#).as_bytes(),
            )
            .unwrap();
        c.meeting_ack(&m, &id).unwrap();
        ids.push(id);
    }
    for id in &ids {
        c.meeting_presence(&m, &case, id, true).unwrap();
    }
    let narrow = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"smal-gedeeld-met-gemeente","to":["gemeente"]}"#;
    c.meeting_share_json(&m, &case, narrow.as_bytes()).unwrap();
    let wide = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"breed-gedeeld-met-iedereen"}"#;
    let wide = c.meeting_share_json(&m, &case, wide.as_bytes()).unwrap();
    assert!(
        wide.allowed_to.contains(&"zvh".to_string()),
        "{:?}",
        wide.allowed_to
    );
    let to_zvh = f.dir.path().join("besluiten-zvh.md");
    c.export_minutes(&m, "zvh", "md", &to_zvh).unwrap();
    let md = std::fs::read_to_string(&to_zvh).unwrap();
    assert!(
        !md.contains("smal-gedeeld-met-gemeente"),
        "given to gemeente only: {md}"
    );
    assert!(
        md.contains("breed-gedeeld-met-iedereen"),
        "given to zvh too: {md}"
    );
    let to_gemeente = f.dir.path().join("besluiten-gemeente.md");
    c.export_minutes(&m, "gemeente", "md", &to_gemeente).unwrap();
    let md = std::fs::read_to_string(&to_gemeente).unwrap();
    assert!(
        md.contains("smal-gedeeld-met-gemeente"),
        "the municipality received it: {md}"
    );
    c.lock().unwrap();
}

/// Issue 12: the chair moves through a four-case agenda; each item opened for the first time
/// starts with the presence of the item the chair comes from (a core rule, audited on the case),
/// an item already opened keeps its own, adding a case does not make it current, and nothing
/// carries over while someone has not acknowledged confidentiality.
#[test]
fn attendance_carries_over_to_an_item_opened_for_the_first_time() {
    let (f, first) = setup();
    let mut c = f.unlock(COORD);
    let mut cases = vec![first];
    for name in ["Overleg Merel", "Overleg Vink", "Overleg Spreeuw"] {
        let case = c
            .case_new_json(
                format!(r#"{{"subject":{{"name":"{name}","born":"2001-01-01"}},"notes":"n"}}"#).as_bytes(),
            )
            .unwrap();
        for org in ["politie", "ggz", "zvh", "onderwijs"] {
            c.case_members(&case, Some(org), None).unwrap();
        }
        cases.push(case);
    }
    c.lock().unwrap();
    let mut s = chair(&f);
    let m = s
        .meeting_new_json(br#"{"held_on":"2026-11-22","place":"ZVH","chair":"A. Voorzitter"}"#)
        .unwrap();
    for case in &cases {
        let view = s.meeting_agenda(&m, Some(case), false).unwrap();
        assert_eq!(
            view.current, None,
            "adding a case to the agenda does not make it current"
        );
    }
    let mut ids = Vec::new();
    for (name, org) in [
        ("Gemeente (fictief)", "gemeente"),
        ("Agent (fictief)", "politie"),
        ("Behandelaar (fictief)", "ggz"),
    ] {
        let id = s
            .meeting_attend_json(&m, format!(r#"{{"name":"{name}","org":"{org}"}}"#).as_bytes())
            .unwrap();
        s.meeting_ack(&m, &id).unwrap();
        ids.push(id);
    }
    let present = |view: &casus_app::meeting::MeetingView, case: &str| {
        let mut p = view
            .items
            .iter()
            .find(|i| i.case_id == case)
            .unwrap()
            .present
            .clone();
        p.sort();
        p
    };
    let sorted = |v: &[&String]| {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    // The first item: nothing to carry over.
    let view = s.meeting_select(&m, &cases[0]).unwrap();
    assert_eq!(view.current.as_deref(), Some(cases[0].as_str()));
    assert!(present(&view, &cases[0]).is_empty());
    for id in &ids {
        s.meeting_presence(&m, &cases[0], id, true).unwrap();
    }
    // The GGZ leaves for the rest of the first item.
    s.meeting_presence(&m, &cases[0], &ids[2], false).unwrap();
    let before = casus_store::raw::query_i64(&f.path, "SELECT MAX(seq) FROM audit_log").unwrap();
    let view = s.meeting_select(&m, &cases[1]).unwrap();
    assert_eq!(view.current.as_deref(), Some(cases[1].as_str()));
    assert_eq!(
        present(&view, &cases[1]),
        sorted(&[&ids[0], &ids[1]]),
        "the second item starts with whoever was in the room for the first"
    );
    let logged = casus_store::raw::query_strings(
        &f.path,
        &format!(
            "SELECT event FROM audit_log WHERE seq > {before} AND case_id = '{}' AND outcome = 'success'",
            cases[1]
        ),
    )
    .unwrap();
    assert!(
        logged.iter().any(|e| e == "meeting.update"),
        "the carried-over presence is an audited change on the case: {logged:?}"
    );
    // Changes on item 2 do not touch item 1, and going back does not overwrite item 1.
    s.meeting_presence(&m, &cases[1], &ids[0], false).unwrap();
    let view = s.meeting_select(&m, &cases[0]).unwrap();
    assert_eq!(present(&view, &cases[0]), sorted(&[&ids[0], &ids[1]]));
    assert_eq!(
        present(&view, &cases[1]),
        sorted(&[&ids[1]]),
        "an opened item keeps its own presence"
    );
    // Item 3 comes after item 1 on the chair's screen: it starts with item 1's presence.
    let view = s.meeting_select(&m, &cases[2]).unwrap();
    assert_eq!(present(&view, &cases[2]), sorted(&[&ids[0], &ids[1]]));
    let at = s.meeting_current(&m).unwrap();
    assert_eq!(
        (at.case_id.as_deref(), at.number, at.total),
        (Some(cases[2].as_str()), 3, 4)
    );
    // A late attendee who has not acknowledged yet: no item opens, nothing carries over.
    let late = s
        .meeting_attend_json(&m, br#"{"name":"Officier (fictief)","org":"om"}"#)
        .unwrap();
    let view = s.meeting_select(&m, &cases[3]).unwrap();
    assert_eq!(
        view.current.as_deref(),
        Some(cases[3].as_str()),
        "the item is on screen"
    );
    assert!(
        present(&view, &cases[3]).is_empty(),
        "but nobody is marked present before everyone acknowledged"
    );
    s.meeting_ack(&m, &late).unwrap();
    s.lock().unwrap();
    // A new session does not know the item on screen; the nearest opened item before it gives
    // the presence.
    let mut s = chair(&f);
    let at = s.meeting_current(&m).unwrap();
    assert_eq!((at.case_id, at.number, at.total), (None, 0, 4));
    let view = s.meeting_select(&m, &cases[3]).unwrap();
    assert_eq!(present(&view, &cases[3]), sorted(&[&ids[0], &ids[1]]));
    s.lock().unwrap();
}
