//! The PGA from the core's side: a fictional person from a police signal through weighing and
//! admission, items from several partners, each partner user getting exactly what the covenant
//! allows, need-to-know bypass attempts (refused and audited), closing, and destruction with two
//! approvals — after which nothing of the person is left in the store or its WAL.

use std::sync::Arc;

use casus_app::{ErrorCode, NewUser, Session};
use casus_store::raw;
use casus_tests::{canary_hits, Fixture, ADMIN, COORD, FG, PASS};

const NAME: &str = "Journey Kanariepersoon";
const POLICE_TEXT: &str = "politie-kanarie-melding-qwerty";
const HEALTH_TEXT: &str = "ggz-kanarie-diagnose-asdfgh";

struct Pga {
    f: Fixture,
}

impl Pga {
    fn new() -> Pga {
        let f = Fixture::new();
        f.add_users(&[
            ("weger", "weighing_member", "politie"),
            ("agent", "partner_member", "politie"),
            ("zorg", "partner_member", "ggz"),
            ("leraar", "partner_member", "onderwijs"),
            ("voorzitter", "chair", "zvh"),
        ]);
        Pga { f }
    }

    fn s(&self, user: &str) -> Session {
        Session::unlock_with(&self.f.path, user, PASS, Arc::new(self.f.clock.clone())).unwrap()
    }

    fn denied_events(&self, after: i64) -> Vec<String> {
        raw::query_strings(
            &self.f.path,
            &format!("SELECT event FROM audit_log WHERE outcome = 'denied' AND seq > {after} ORDER BY seq"),
        )
        .unwrap()
    }

    fn last_seq(&self) -> i64 {
        raw::query_i64(&self.f.path, "SELECT MAX(seq) FROM audit_log").unwrap()
    }
}

fn police_signal() -> String {
    format!(
        r#"{{"subject":{{"name":"{NAME}","born":"2003-04-05","bsn":"123456782","address":"Kanarieweg 1"}},
            "source":"politie","received":"2026-11-20","reporter_role":"wijkagent","category":"politiegegevens",
            "basis":"wpg_18_2","reliability":"signal","content":"{POLICE_TEXT}"}}"#
    )
}

/// Takes a case to `admitted`: police signal, weighing, admission.
fn admitted(p: &Pga) -> String {
    let mut c = p.s(COORD);
    let added = c.signal_add_json(None, police_signal().as_bytes()).unwrap();
    assert!(added.new_case);
    c.case_transition(
        &added.case_id,
        "under_weighing",
        "op de agenda van de weegploeg",
        &[],
        None,
    )
    .unwrap();
    c.lock().unwrap();
    let mut w = p.s("weger");
    let weighing =
        r#"{"present":[{"name":"A. Gemeente","org":"gemeente"},{"name":"B. Politie","org":"politie"},
                       {"name":"C. Officier","org":"om"}],
                       "criteria":CRITERIA,"outcome":"admit","rationale":"criteria zijn vervuld",
                       "next_review":"2026-12-15"}"#
            .replace("CRITERIA", &all_criteria(true));
    w.weigh_json(&added.case_id, weighing.as_bytes()).unwrap();
    w.lock().unwrap();
    added.case_id
}

/// Writes a complete plan and adopts it in a meeting that has the case on its agenda.
pub fn adopt_a_plan(c: &mut Session, case: &str) {
    let meeting = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","place":"Stadhuis","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#)
        .unwrap();
    c.meeting_agenda(&meeting, Some(case), false).unwrap();
    c.plan_revise_json(case, PLAN.as_bytes()).unwrap();
    c.plan_adopt(case, &meeting).unwrap();
}

pub const PLAN: &str = r#"{"municipality":"Voorbeeldstad","case_lead_org":"zvh","case_lead_person":"C. Regisseur",
  "problem_analysis":"Fictieve analyse","risk_factors":["isolement"],"protective_factors":["familie"],
  "goals":[{"id":"g1","domain":"wonen","text":"Heeft een stabiele woonplek"}],
  "interventions":[{"id":"a1","goal":"g1","kind":"zorg","description":"Woonbegeleiding regelen",
    "owner_org":"gemeente","owner_person":"D. Consulent","start":"2026-11-23","deadline":"2027-01-15"}],
  "next_evaluation":"2027-02-01"}"#;

fn all_criteria(answer: bool) -> String {
    let codes = casus_app::signals::criteria_codes().unwrap();
    assert!(!codes.is_empty(), "the sample checklist has criteria");
    let map: serde_json::Map<String, serde_json::Value> = codes
        .into_iter()
        .map(|c| (c, serde_json::Value::Bool(answer)))
        .collect();
    serde_json::Value::Object(map).to_string()
}

#[test]
fn a_refused_transition_says_what_is_allowed_and_is_audited() {
    let p = Pga::new();
    let mut c = p.s(COORD);
    let added = c.signal_add_json(None, police_signal().as_bytes()).unwrap();
    let before = p.last_seq();
    let e = c
        .case_transition(&added.case_id, "admitted", "te snel", &[], None)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(e.message.contains("under_weighing"), "{}", e.message);
    assert_eq!(p.denied_events(before), ["case.transition"]);
    // Admission without a weighing that admits is refused, even from under_weighing.
    c.case_transition(&added.case_id, "under_weighing", "agenda", &[], None)
        .unwrap();
    let e = c
        .case_transition(&added.case_id, "admitted", "zonder weging", &[], None)
        .unwrap_err();
    assert!(e.message.contains("weegploeg"), "{}", e.message);
    // No reason, no decision.
    assert_eq!(
        c.case_transition(&added.case_id, "more_info_needed", " ", &[], None)
            .unwrap_err()
            .code,
        ErrorCode::InvalidInput
    );
    c.lock().unwrap();
}

#[test]
fn a_weighing_needs_municipality_police_and_om_and_every_criterion() {
    let p = Pga::new();
    let mut c = p.s(COORD);
    let added = c.signal_add_json(None, police_signal().as_bytes()).unwrap();
    c.case_transition(&added.case_id, "under_weighing", "agenda", &[], None)
        .unwrap();
    let missing_om = format!(
        r#"{{"present":[{{"name":"A","org":"gemeente"}},{{"name":"B","org":"politie"}}],"criteria":{},"outcome":"admit","rationale":"x"}}"#,
        all_criteria(true)
    );
    let e = c.weigh_json(&added.case_id, missing_om.as_bytes()).unwrap_err();
    assert!(e.message.contains("om is missing"), "{}", e.message);
    let no_criteria = r#"{"present":[{"name":"A","org":"gemeente"},{"name":"B","org":"politie"},{"name":"C","org":"om"}],
                          "criteria":{},"outcome":"admit","rationale":"x"}"#;
    assert!(c
        .weigh_json(&added.case_id, no_criteria.as_bytes())
        .unwrap_err()
        .message
        .contains("is not answered"));
    c.lock().unwrap();
}

#[test]
fn each_partner_gets_exactly_what_the_covenant_allows_and_outsiders_get_nothing() {
    let p = Pga::new();
    let case = admitted(&p);
    let mut c = p.s(COORD);
    for org in ["ggz", "zvh"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    c.lock().unwrap();
    // The GGZ brings health data without consent: under the covenant nobody else may receive it.
    let mut z = p.s("zorg");
    let health = format!(
        r#"{{"source":"ggz","received":"2026-11-21","reporter_role":"behandelaar","category":"gezondheid",
            "basis":"avg_6_1_e","reliability":"fact","content":"{HEALTH_TEXT}"}}"#
    );
    let health_item = z.signal_add_json(Some(&case), health.as_bytes()).unwrap().item_id;
    // A partner cannot pass its information off as another organisation's.
    let forged = health.replace(r#""source":"ggz""#, r#""source":"politie""#);
    assert_eq!(
        z.signal_add_json(Some(&case), forged.as_bytes())
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    let own = z.show_case(&case).unwrap();
    assert!(
        own.items.iter().any(|i| i.content == HEALTH_TEXT),
        "the GGZ sees its own information"
    );
    z.lock().unwrap();

    let mut agent = p.s("agent");
    let seen = agent.show_case(&case).unwrap();
    assert!(
        seen.items.iter().any(|i| i.content == POLICE_TEXT),
        "police see their own signal"
    );
    assert!(
        !seen.items.iter().any(|i| i.content == HEALTH_TEXT),
        "police never see GGZ health data without a basis"
    );
    assert!(
        seen.withheld
            .iter()
            .any(|w| w.category == "gezondheid" && w.source == "ggz" && w.count == 1),
        "{:?}",
        seen.withheld
    );
    let why = agent
        .covenant_explain(&case, &health_item, Some("politie"), None)
        .unwrap();
    assert!(!why.allowed);
    assert!(
        why.covenant.contains('@'),
        "the verdict names the covenant version: {}",
        why.covenant
    );
    assert!(!why.explanation.is_empty());
    assert_eq!(
        agent
            .covenant_explain(&case, &health_item, Some("ggz"), None)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden,
        "a partner asks only about itself"
    );
    agent.lock().unwrap();

    // A chair may override for one item, with a reason; it is flagged for the privacy officer.
    let mut chair = p.s("voorzitter");
    chair
        .covenant_override(
            &case,
            &health_item,
            "politie",
            "acuut gevaar, besproken in overleg",
        )
        .unwrap();
    chair.lock().unwrap();
    // The chair holds no key to the GGZ's health item: the release is a key request that the
    // GGZ's next unlock fulfils. Until then the police still see nothing of it.
    let mut agent = p.s("agent");
    let seen = agent.show_case(&case).unwrap();
    assert!(!seen.items.iter().any(|i| i.content == HEALTH_TEXT));
    agent.lock().unwrap();
    p.s("zorg").lock().unwrap();
    let mut agent = p.s("agent");
    let seen = agent.show_case(&case).unwrap();
    assert!(seen
        .items
        .iter()
        .any(|i| i.content == HEALTH_TEXT && i.overridden));
    agent.lock().unwrap();
    let mut fg = p.s(FG);
    let overrides = fg.covenant_overrides().unwrap();
    assert_eq!(overrides.len(), 1);
    assert_eq!(overrides[0].org, "politie");
    assert_eq!(overrides[0].by.as_deref(), Some("voorzitter"));
    // The privacy officer sees metadata, never content.
    assert_eq!(fg.show_case(&case).unwrap_err().code, ErrorCode::Forbidden);
    let inzage = fg.inzage(&case).unwrap();
    assert!(inzage
        .held
        .iter()
        .any(|h| h.category == "politiegegevens" && h.weigh_before_release));
    assert!(inzage
        .held
        .iter()
        .any(|h| h.category == "gezondheid" && h.source == "ggz"));
    assert!(inzage
        .shared_with
        .iter()
        .any(|s| s.org == "politie" && s.category == "gezondheid" && s.overridden));
    assert!(inzage
        .accessed
        .iter()
        .any(|a| a.user.as_deref() == Some("agent") && a.event == "case.read"));
    let text = serde_json::to_string(&inzage).unwrap();
    assert!(
        !text.contains(HEALTH_TEXT) && !text.contains(NAME),
        "inzage holds no content"
    );
    fg.lock().unwrap();
}

#[test]
fn a_user_of_a_non_member_organisation_is_refused_everywhere_and_every_attempt_is_audited() {
    let p = Pga::new();
    let case = admitted(&p);
    let before = p.last_seq();
    let mut t = p.s("leraar");
    let codes: Vec<ErrorCode> = vec![
        t.show_case(&case).map(|_| ()).unwrap_err().code,
        t.signal_add_json(Some(&case), br#"{"source":"onderwijs","received":"2026-11-20","category":"signaal","basis":"pga_wet","reliability":"signal","content":"x"}"#).map(|_| ()).unwrap_err().code,
        t.case_history(&case).map(|_| ()).unwrap_err().code,
        t.covenant_explain(&case, "subject", Some("onderwijs"), None).map(|_| ()).unwrap_err().code,
        t.edit_case_json(&case, br#"{"notes":"x"}"#).map(|_| ()).unwrap_err().code,
        t.case_transition(&case, "in_case_meeting", "x", &[], None).map(|_| ()).unwrap_err().code,
        t.case_members(&case, None, None).map(|_| ()).unwrap_err().code,
        t.inzage(&case).map(|_| ()).unwrap_err().code,
        t.retention_approve(&case).map(|_| ()).unwrap_err().code,
    ];
    assert!(
        codes
            .iter()
            .all(|c| *c == ErrorCode::Forbidden || *c == ErrorCode::InvalidInput),
        "{codes:?}"
    );
    assert!(
        t.list_cases(None).unwrap().is_empty(),
        "the case is not even listed"
    );
    assert!(
        t.list_cases(Some("kanarie")).unwrap().is_empty(),
        "nor found by name"
    );
    t.lock().unwrap();
    let denied = p.denied_events(before);
    assert!(
        denied.len() >= 8,
        "every attempt is in the log as denied: {denied:?}"
    );
    for event in [
        "case.read",
        "signal.create",
        "case.history",
        "covenant.explain",
        "case.update",
        "case.transition",
    ] {
        assert!(
            denied.iter().any(|e| e == event),
            "{event} refused and audited: {denied:?}"
        );
    }
}

#[test]
fn a_member_partner_cannot_edit_weigh_move_or_open_cases() {
    let p = Pga::new();
    let case = admitted(&p);
    let before = p.last_seq();
    let mut agent = p.s("agent");
    assert_eq!(
        agent.edit_case_json(&case, br#"{"notes":"x"}"#).unwrap_err().code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        agent
            .case_transition(&case, "in_case_meeting", "x", &[], None)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        agent
            .case_members(&case, Some("onderwijs"), None)
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        agent
            .signal_add_json(None, police_signal().as_bytes())
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(agent.case_history(&case).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(agent.inzage(&case).unwrap_err().code, ErrorCode::Forbidden);
    agent.lock().unwrap();
    assert_eq!(p.denied_events(before).len(), 6);
}

#[test]
fn a_case_is_closed_and_destroyed_after_retention_with_two_approvals_and_nothing_remains() {
    let p = Pga::new();
    let case = admitted(&p);
    let mut c = p.s(COORD);
    c.case_members(&case, Some("ggz"), None).unwrap();
    c.lock().unwrap();
    let mut z = p.s("zorg");
    let health = format!(
        r#"{{"source":"ggz","received":"2026-11-21","category":"gezondheid","basis":"toestemming","reliability":"fact","content":"{HEALTH_TEXT}"}}"#
    );
    z.signal_add_json(Some(&case), health.as_bytes()).unwrap();
    z.lock().unwrap();
    let mut c = p.s(COORD);
    c.list_cases(Some("kanarie")).unwrap();
    c.case_transition(
        &case,
        "in_case_meeting",
        "eerste bespreking",
        &["A. Voorzitter (zvh)".into()],
        None,
    )
    .unwrap();
    // Without an adopted plan the lifecycle refuses `plan_adopted`.
    let e = c
        .case_transition(&case, "plan_adopted", "te vroeg", &[], None)
        .unwrap_err();
    assert!(e.message.contains("plan van aanpak"), "{}", e.message);
    adopt_a_plan(&mut c, &case);
    c.case_transition(&case, "in_execution", "uitvoering", &[], None)
        .unwrap();
    let done = c
        .case_transition(&case, "closed", "doelen bereikt", &[], None)
        .unwrap();
    assert_eq!(
        done.destroy_after.as_deref(),
        Some("2031-11-22"),
        "closure + 5 years of the model covenant"
    );
    let history = c.case_history(&case).unwrap();
    let path: Vec<String> = history.iter().map(|h| h.to.clone()).collect();
    assert!(history[3]
        .reason
        .as_deref()
        .unwrap_or("")
        .contains("vastgesteld in casusoverleg"));
    assert_eq!(
        path,
        [
            "under_weighing",
            "admitted",
            "in_case_meeting",
            "plan_adopted",
            "in_execution",
            "closed"
        ]
    );
    assert_eq!(
        history[1].present.as_ref().unwrap().len(),
        3,
        "the weighing records who was present"
    );
    assert!(
        c.retention_due(false).unwrap().is_empty(),
        "not due before the retention ends"
    );
    assert_eq!(
        c.retention_approve(&case).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    c.lock().unwrap();

    p.f.clock.advance(chrono::Duration::days(5 * 365 + 2));
    let mut c = p.s(COORD);
    let due = c.retention_due(false).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(c.retention_approve(&case).unwrap().step, "first");
    let before = p.last_seq();
    assert_eq!(
        c.retention_approve(&case).unwrap_err().code,
        ErrorCode::Forbidden,
        "not twice by the same person"
    );
    assert_eq!(p.denied_events(before), ["retention.approve"]);
    c.lock().unwrap();
    let mut fg = p.s(FG);
    let searches = |fg: &mut Session| -> Vec<String> {
        fg.audit_log(None, None)
            .unwrap()
            .into_iter()
            .filter(|e| e.event == "case.search")
            .filter_map(|e| e.details)
            .collect()
    };
    assert!(
        searches(&mut fg).iter().any(|d| d == "kanarie"),
        "the privacy officer reads the search queries while the case exists"
    );
    let result = fg.retention_approve(&case).unwrap();
    assert_eq!(result.step, "destroyed");
    let after = searches(&mut fg);
    assert!(!after.is_empty());
    assert!(
        after.iter().all(|d| !d.contains("kanarie")),
        "search queries are destroyed with the case: {after:?}"
    );
    let cert = result.certificate.unwrap();
    assert_eq!(cert.case_id, case);
    assert_eq!(cert.key_fingerprint.len(), 16);
    assert!(cert.covenant.contains('@'));
    let cert_json = serde_json::to_string(&cert).unwrap();
    assert!(
        !cert_json.contains(NAME) && !cert_json.contains("Kanarie"),
        "the certificate holds no personal data"
    );
    assert_eq!(fg.show_case(&case).unwrap_err().code, ErrorCode::Forbidden);
    // The whole story is in the log, which still verifies.
    let story: Vec<String> = fg
        .audit_log(Some(&case), None)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    for event in [
        "case.create",
        "signal.create",
        "case.transition",
        "weighing.create",
        "case.members",
        "case.read",
        "retention.approve",
        "case.destroy",
    ] {
        assert!(story.iter().any(|e| e == event), "{event} in {story:?}");
    }
    fg.lock().unwrap();
    assert!(casus_app::audit_log::verify(&p.f.path).unwrap().intact);
    // Nothing of the person is left: not in the store, not in its WAL, not in the temp dir.
    for table in [
        "cases",
        "items",
        "transitions",
        "weighings",
        "case_members",
        "plans",
        "agenda_items",
        "shares",
        "decisions",
    ] {
        let n = raw::query_i64(&p.f.path, &format!("SELECT COUNT(*) FROM {table}")).unwrap();
        assert_eq!(n, 0, "{table} is empty after destruction");
    }
    let hits = canary_hits(
        p.f.dir.path(),
        &[NAME, "Kanarieweg", POLICE_TEXT, HEALTH_TEXT, "123456782"],
    );
    assert!(hits.is_empty(), "plaintext after destruction: {hits:?}");
    assert_eq!(
        raw::query_i64(&p.f.path, "SELECT COUNT(*) FROM destructions").unwrap(),
        1
    );
    let mut c = p.s(COORD);
    assert!(c.list_cases(None).unwrap().is_empty());
    c.lock().unwrap();
}

#[test]
fn a_malformed_covenant_import_names_line_and_field_and_writes_nothing() {
    let p = Pga::new();
    let mut fg = p.s(FG);
    let before = raw::query_i64(&p.f.path, "SELECT COUNT(*) FROM covenants").unwrap();
    let bad = casus_app::covenant_file::MODEL_COVENANT.replacen("\"politie\"", "\"polite\"", 1);
    let e = fg.covenant_import("lokaal.toml", &bad).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(
        e.message.contains("lokaal.toml") && e.message.contains("regel"),
        "{}",
        e.message
    );
    assert_eq!(
        raw::query_i64(&p.f.path, "SELECT COUNT(*) FROM covenants").unwrap(),
        before
    );
    // A valid local variant becomes the active version; the old one is kept.
    let local = casus_app::covenant_file::MODEL_COVENANT.to_string();
    let n = fg.covenant_import("lokaal.toml", &local).unwrap();
    assert_eq!(n as i64, before + 1);
    let shown = fg.covenant_show().unwrap();
    assert_eq!(shown.versions.len() as i64, before + 1);
    assert!(shown.versions.last().unwrap().active && !shown.versions[0].active);
    // The same id@version with other content is refused: a verdict must always point at one text.
    let changed = local.replacen("retention = \"P5Y\"", "retention = \"P1Y\"", 1);
    assert_ne!(changed, local, "the edit below really changes the file");
    let e = fg.covenant_import("lokaal.toml", &changed).unwrap_err();
    assert!(
        e.message.contains("already stored with different content"),
        "{}",
        e.message
    );
    fg.lock().unwrap();
    let mut c = p.s(COORD);
    assert_eq!(
        c.covenant_import("x.toml", &local).unwrap_err().code,
        ErrorCode::Forbidden
    );
    c.lock().unwrap();
}

#[test]
fn a_municipality_sets_its_own_weighing_checklist_and_weighings_follow_it() {
    let p = Pga::new();
    let mut c = p.s(COORD);
    let bad = "[[criterion]]\ncode = \"Hoofdletter\"\nquestion = \"x\"\n";
    let e = c.weighing_criteria_import("lokaal.toml", bad).unwrap_err();
    assert_eq!(
        e.message,
        "lokaal.toml: criterion[1].code: kleine letters, cijfers en _ (1 tot 64 tekens)"
    );
    let dup =
        "[[criterion]]\ncode = \"a\"\nquestion = \"x\"\n[[criterion]]\ncode = \"a\"\nquestion = \"y\"\n";
    assert!(c
        .weighing_criteria_import("lokaal.toml", dup)
        .unwrap_err()
        .message
        .contains("criterion[2].code"));
    let sample = c.weighing_criteria().unwrap();
    assert_eq!(
        sample.len(),
        casus_app::signals::criteria_codes().unwrap().len(),
        "nothing was written"
    );
    let own = "[[criterion]]\ncode = \"eigen_vraag\"\nquestion = \"Is er een concrete dreiging?\"\n\
               [[criterion]]\ncode = \"tweede_vraag\"\nquestion = \"Is de bron bekend?\"\nstatus = \"I\"\n";
    assert_eq!(c.weighing_criteria_import("lokaal.toml", own).unwrap(), 2);
    let added = c.signal_add_json(None, police_signal().as_bytes()).unwrap();
    c.case_transition(&added.case_id, "under_weighing", "agenda", &[], None)
        .unwrap();
    let old_answers = format!(
        r#"{{"present":[{{"name":"A","org":"gemeente"}},{{"name":"B","org":"politie"}},{{"name":"C","org":"om"}}],
            "criteria":{},"outcome":"more_info","rationale":"x"}}"#,
        all_criteria(true)
    );
    let e = c.weigh_json(&added.case_id, old_answers.as_bytes()).unwrap_err();
    assert!(
        e.message.contains("eigen_vraag: is not answered"),
        "{}",
        e.message
    );
    let new_answers = r#"{"present":[{"name":"A","org":"gemeente"},{"name":"B","org":"politie"},{"name":"C","org":"om"}],
                          "criteria":{"eigen_vraag":true,"tweede_vraag":false},"outcome":"more_info","rationale":"x"}"#;
    c.weigh_json(&added.case_id, new_answers.as_bytes()).unwrap();
    c.lock().unwrap();
    let mut agent = p.s("agent");
    assert_eq!(
        agent.weighing_criteria_import("x.toml", own).unwrap_err().code,
        ErrorCode::Forbidden
    );
    agent.lock().unwrap();
}

/// Code review, issue 10 item 6.5: the overdue list carries no intervention text that
/// `plan show` refuses the same user.
#[test]
fn overdue_actions_follow_the_same_need_to_know_as_the_plan() {
    let p = Pga::new();
    let mut c = p.s(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Achterstand Kanarie","born":"2001-01-01"}}"#)
        .unwrap();
    c.case_members(&case, Some("ggz"), None).unwrap();
    let plan = r#"{"municipality":"Gemeente Voorbeeldstad","goals":[{"id":"g1","domain":"gezondheid","text":"Behandeling"}],
        "interventions":[{"id":"a1","goal":"g1","kind":"zorg","description":"achterstallige-kanarie-actie","owner_org":"ggz",
        "owner_person":"B. Behandelaar","start":"2026-10-01","deadline":"2026-11-01"}]}"#;
    if let Err(e) = c.plan_revise_json(&case, plan.as_bytes()) {
        panic!("{e:?}");
    }
    let overdue = c.plan_overdue().unwrap();
    assert!(
        overdue
            .iter()
            .any(|o| o.description == "achterstallige-kanarie-actie"),
        "the municipality sees its own plan's overdue action"
    );
    c.lock().unwrap();
    let mut z = p.s("zorg");
    let refused = z.plan_show(&case).unwrap_err();
    assert_eq!(
        refused.code,
        ErrorCode::Forbidden,
        "while the signal is new the covenant keeps the plan from the GGZ [I]"
    );
    let overdue = z.plan_overdue().unwrap();
    assert!(
        !overdue.iter().any(|o| o.case_id == case),
        "plan_overdue must not hand out what plan_show refuses: {overdue:?}"
    );
}

/// Code review, issue 10 item 6.5: a chair lists only the overrides of cases their organisation
/// takes part in; the privacy officer supervises every override as metadata, without the reason.
#[test]
fn overrides_are_listed_to_members_with_their_reason_and_to_the_privacy_officer_without() {
    let p = Pga::new();
    let mut admin = p.s(ADMIN);
    admin
        .add_user(NewUser {
            name: "buitenstaander",
            role: "chair",
            org: "rvdk",
            passphrase: PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    let case = admitted(&p);
    let mut c = p.s(COORD);
    for org in ["zvh", "onderwijs"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    let item = c
        .show_case(&case)
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.content == POLICE_TEXT)
        .unwrap()
        .id;
    c.lock().unwrap();
    const REASON: &str = "kanarie-doorbrekingsreden";
    let mut chair = p.s("voorzitter");
    chair
        .covenant_override(&case, &item, "onderwijs", REASON)
        .unwrap();
    let mine = chair.covenant_overrides().unwrap();
    assert!(mine.iter().any(|o| o.case_id == case && o.reason == REASON));
    chair.lock().unwrap();
    let mut outsider = p.s("buitenstaander");
    let theirs = outsider.covenant_overrides().unwrap();
    assert!(
        !theirs.iter().any(|o| o.case_id == case),
        "rvdk does not take part in the case: {theirs:?}"
    );
    outsider.lock().unwrap();
    let mut fg = p.s(FG);
    let supervised = fg.covenant_overrides().unwrap();
    let entry = supervised
        .iter()
        .find(|o| o.case_id == case)
        .expect("the FG sees every override");
    assert_eq!(entry.org, "onderwijs");
    assert_ne!(
        entry.reason, REASON,
        "metadata only: the reason stays with the case"
    );
}

/// Code review, issue 10 item 6.5 (decided in policy.rs): a case's decision history keeps its
/// metadata for members, but the reasons are the municipality's decisions and follow the
/// covenant for the reader's organisation in the case's phase.
#[test]
fn the_reasons_in_a_case_history_follow_the_covenant() {
    let p = Pga::new();
    let mut c = p.s(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Historie Kanarie","born":"2001-01-01"}}"#)
        .unwrap();
    c.case_members(&case, Some("zvh"), None).unwrap();
    c.case_transition(&case, "under_weighing", "kanarie-wegingsreden", &[], None)
        .unwrap();
    let own = c.case_history(&case).unwrap();
    assert!(own
        .iter()
        .any(|h| h.reason.as_deref() == Some("kanarie-wegingsreden")));
    c.lock().unwrap();
    let mut chair = p.s("voorzitter");
    let allowed = chair
        .covenant_check(casus_app::CheckRequest {
            from: "gemeente",
            to: "zvh",
            category: "besluit",
            purpose: "pga",
            phase: Some("under_weighing"),
            basis: Some("pga_wet"),
        })
        .unwrap()
        .allowed;
    assert!(
        !allowed,
        "precondition: zvh receives no decisions while a signal is weighed [I]"
    );
    let history = chair.case_history(&case).unwrap();
    assert_eq!(history.len(), own.len(), "the metadata stays");
    assert!(
        history.iter().all(|h| h.reason.is_none() && h.present.is_none()),
        "{history:?}"
    );
}
