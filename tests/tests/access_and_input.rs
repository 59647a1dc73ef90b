//! Access rules decided in the core, and bad input refused with nothing written.

use casus_app::ErrorCode;
use casus_store::raw;
use casus_tests::{Fixture, ADMIN, COORD, FG};

fn counts(f: &Fixture) -> (i64, i64) {
    (
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM cases").unwrap(),
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM audit_log").unwrap(),
    )
}

#[test]
fn the_privacy_officer_and_the_admin_are_refused_content_and_each_refusal_is_logged() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    for user in [FG, ADMIN] {
        let mut s = f.unlock(user);
        let (_, before) = counts(&f);
        assert_eq!(s.show_case(&a).err().unwrap().code, ErrorCode::Forbidden);
        assert_eq!(s.list_cases(None).err().unwrap().code, ErrorCode::Forbidden);
        assert_eq!(
            s.list_cases(Some("kanarie")).err().unwrap().code,
            ErrorCode::Forbidden
        );
        assert_eq!(
            s.case_new_json(br#"{"subject":{"name":"X","born":"2000-01-01"}}"#)
                .err()
                .unwrap()
                .code,
            ErrorCode::Forbidden
        );
        assert_eq!(
            s.edit_case_json(&a, br#"{"notes":"x"}"#).err().unwrap().code,
            ErrorCode::Forbidden
        );
        let (_, after) = counts(&f);
        assert_eq!(after, before + 5, "{user}: every refusal is an audit entry");
        let denied = raw::query_strings(
            &f.path,
            &format!("SELECT event FROM audit_log WHERE outcome = 'denied' AND seq > {before} ORDER BY seq"),
        )
        .unwrap();
        assert_eq!(
            denied,
            [
                "case.read",
                "case.list",
                "case.search",
                "case.create",
                "case.update"
            ]
        );
        s.lock().unwrap();
    }
}

#[test]
fn the_privacy_officer_sees_who_saw_a_case_and_a_coordinator_only_their_own_entries() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let mut s = f.unlock(COORD);
    s.show_case(&a).unwrap();
    assert_eq!(
        s.audit_log(Some(&a), None).err().unwrap().code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        s.audit_log(None, Some(FG)).err().unwrap().code,
        ErrorCode::Forbidden
    );
    let own = s.audit_log(None, Some(COORD)).unwrap();
    assert!(own
        .iter()
        .all(|e| e.user.as_deref() == Some(COORD) || e.target_user == own[0].target_user));
    s.lock().unwrap();

    let mut fg = f.unlock(FG);
    let who = fg.audit_log(Some(&a), None).unwrap();
    let events: Vec<&str> = who.iter().map(|e| e.event.as_str()).collect();
    let outcomes: Vec<&str> = who.iter().map(|e| e.outcome.as_str()).collect();
    assert_eq!(
        events,
        ["case.create", "case.read", "audit.read"],
        "created, read, then a refused look at its log"
    );
    assert_eq!(outcomes, ["success", "success", "denied"]);
    assert!(who
        .iter()
        .all(|e| e.user.as_deref() == Some(COORD) && e.org == "gemeente"));
    // The search query is sealed in the log and readable by the privacy officer.
    let searches = fg.audit_log(None, Some(COORD)).unwrap();
    assert!(searches
        .iter()
        .any(|e| e.event == "case.search" && e.details.as_deref() == Some("zoekterm-plugh")));
    fg.lock().unwrap();
    // Reading the log was itself logged.
    let reads = raw::query_i64(
        &f.path,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'audit.read' AND outcome = 'success'",
    )
    .unwrap();
    assert_eq!(reads, 3);
}

#[test]
fn bad_case_input_is_refused_by_field_and_nothing_is_written() {
    let f = Fixture::new();
    let mut s = f.unlock(COORD);
    let before = counts(&f);
    let bad: &[(&[u8], &str)] = &[
        (b"{not json", "not valid JSON"),
        (br#"{"subject":{"name":"A","born":"2000-02-30"}}"#, "subject.born"),
        (
            br#"{"subject":{"name":"A","born":"2000-01-01","bsn":"123456789"}}"#,
            "subject.bsn",
        ),
        (
            br#"{"subject":{"name":"A","born":"2000-01-01"},"extra":true}"#,
            "unknown field \"extra\"",
        ),
        (br#"{"subject":{"name":"","born":"2000-01-01"}}"#, "subject.name"),
        (
            br#"{"subject":{"born":"2000-01-01"}}"#,
            "subject.name: is required",
        ),
        (br#"[1,2,3]"#, "must be an object"),
    ];
    for (input, expected) in bad {
        let e = s.case_new_json(input).err().unwrap();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.code.exit_code(), 2);
        assert!(
            e.message.contains(expected),
            "{:?} → {}",
            String::from_utf8_lossy(input),
            e.message
        );
    }
    let huge = format!(
        r#"{{"subject":{{"name":"A","born":"2000-01-01"}},"notes":"{}"}}"#,
        "x".repeat(100_001)
    );
    assert!(s
        .case_new_json(huge.as_bytes())
        .err()
        .unwrap()
        .message
        .starts_with("notes"));
    assert_eq!(counts(&f), before, "no case and no audit entry was written");
    s.lock().unwrap();
}

#[test]
fn an_import_is_all_or_nothing_and_names_the_bad_case() {
    let f = Fixture::new();
    let mut s = f.unlock(COORD);
    let before = counts(&f);
    let file = br#"{"cases":[
        {"subject":{"name":"Import Een","born":"2000-01-01","bsn":"111222333"}},
        {"subject":{"name":"Import Twee","born":"2000-01-01","bsn":"12345678"}}]}"#;
    let e = s.case_import_json(file).err().unwrap();
    assert_eq!(e.message, "cases[1].subject.bsn: must be 9 digits");
    let dup = br#"{"cases":[
        {"subject":{"name":"Import Een","born":"2000-01-01","bsn":"111222333"}},
        {"subject":{"name":"Import Twee","born":"2000-01-01","bsn":"111 222 333"}}]}"#;
    assert!(s
        .case_import_json(dup)
        .err()
        .unwrap()
        .message
        .starts_with("cases[1].subject.bsn"));
    assert_eq!(counts(&f), before, "nothing of a refused import is written");
    let ok = br#"{"cases":[{"subject":{"name":"Import Een","born":"2000-01-01"}},{"subject":{"name":"Import Twee","born":"2000-01-01"}}]}"#;
    let ids = s.case_import_json(ok).unwrap();
    assert_eq!(ids.len(), 2);
    let names: Vec<String> = s
        .list_cases(Some("import"))
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Import Een", "Import Twee"]);
    s.lock().unwrap();
}

#[test]
fn a_second_case_with_the_same_bsn_is_refused() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let mut s = f.unlock(COORD);
    let e = s
        .case_new_json(br#"{"subject":{"name":"Ander","born":"2000-01-01","bsn":"111.222.333"}}"#)
        .err()
        .unwrap();
    assert_eq!(e.message, format!("subject.bsn: case {a} already has this BSN"));
    s.lock().unwrap();
}

#[test]
fn search_with_sql_metacharacters_is_just_text() {
    let f = Fixture::new();
    f.canary_cases();
    let mut s = f.unlock(COORD);
    for q in ["' OR 1=1 --", "%", "_", "\"; DROP TABLE cases; --", "kanarie%"] {
        assert!(s.list_cases(Some(q)).unwrap().is_empty(), "{q} matches nothing");
    }
    assert_eq!(
        s.list_cases(Some("KANARIE")).unwrap().len(),
        2,
        "search ignores case"
    );
    assert_eq!(s.list_cases(Some("111222333")).unwrap().len(), 1, "exact BSN");
    assert_eq!(
        s.list_cases(Some("2001-02-03")).unwrap().len(),
        1,
        "exact date of birth"
    );
    assert_eq!(
        s.list_cases(Some(&"x".repeat(201))).err().unwrap().code,
        ErrorCode::InvalidInput
    );
    s.lock().unwrap();
}

#[test]
fn edits_survive_a_restart_and_bump_the_version() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let mut s = f.unlock(COORD);
    assert_eq!(
        s.edit_case_json(&a, br#"{"subject":{"address":"Nieuwe Straat 1","bsn":null}}"#)
            .unwrap(),
        2
    );
    s.lock().unwrap();
    let mut s = f.unlock(COORD);
    let c = s.show_case(&a).unwrap();
    let subject = c.subject.unwrap();
    assert_eq!(
        (c.version, subject.address.as_str(), subject.bsn),
        (2, "Nieuwe Straat 1", None)
    );
    assert_eq!(
        subject.name, "Kanarie Vogelzang",
        "fields left out keep their value"
    );
    assert_eq!(c.notes.as_deref(), Some("geheime-notitie-xyzzy"));
    s.lock().unwrap();
}

/// Code review, issue 10 item 6.4: another case's BSN is no membership oracle. A user whose
/// organisation does not take part in that case gets the generic refusal (no case id, no word
/// about the BSN), from `case new` and from `signal add` alike; the refusal is logged and the
/// entry commits, on the other case, so its inzage shows the attempt. A member learns which case.
#[test]
fn another_cases_bsn_is_answered_with_the_generic_refusal_and_the_refusal_is_logged() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let mut admin = f.unlock(ADMIN);
    admin
        .add_user(casus_app::NewUser {
            name: "regisseur",
            role: "chair",
            org: "zvh",
            passphrase: casus_tests::PASS,
        })
        .unwrap();
    admin.lock().unwrap();
    // A colleague's unlock passes the shared keys (the BSN check's among them) to the new account.
    f.unlock(COORD).lock().unwrap();
    let denied_on_a = || {
        raw::query_i64(
            &f.path,
            &format!("SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND case_id = '{a}'"),
        )
        .unwrap()
    };
    let mut s = f.unlock("regisseur");
    let refusal = s.show_case(&a).unwrap_err();
    assert_eq!(refusal.code, ErrorCode::Forbidden);
    let (cases_before, _) = counts(&f);
    let before = denied_on_a();
    let e = s
        .case_new_json(br#"{"subject":{"name":"Ander","born":"2000-01-01","bsn":"111222333"}}"#)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden, "{e:?}");
    assert!(!e.message.contains(&a), "no case id: {}", e.message);
    assert!(
        !e.message.to_lowercase().contains("bsn"),
        "no hint: {}",
        e.message
    );
    assert_eq!(denied_on_a(), before + 1, "the refusal is logged and committed");
    let signal = r#"{"source":"zvh","received":"2026-11-20","category":"signaal","basis":"pga_wet","reliability":"signal","content":"x","subject":{"name":"Ander","born":"2000-01-01","bsn":"111.222.333"}}"#;
    let e2 = s.signal_add_json(None, signal.as_bytes()).unwrap_err();
    assert_eq!(
        (e2.code, &e2.message),
        (e.code, &e.message),
        "the same answer from signal add"
    );
    assert_eq!(denied_on_a(), before + 2);
    assert_eq!(counts(&f).0, cases_before, "no case was made");
    s.lock().unwrap();
    // A member is told where the person is already known.
    let mut c = f.unlock(COORD);
    let e = c
        .signal_add_json(
            None,
            signal
                .replace(r#""source":"zvh""#, r#""source":"gemeente""#)
                .as_bytes(),
        )
        .unwrap_err();
    assert!(e.message.contains(&a), "{}", e.message);
    c.lock().unwrap();
    let mut fg = f.unlock(FG);
    let inzage = fg.inzage(&a).unwrap();
    assert!(
        inzage
            .accessed
            .iter()
            .any(|x| x.org == "zvh" && x.outcome == "denied"),
        "{:?}",
        inzage.accessed
    );
}

/// Names come in as people's keyboards send them: "Şükrü" may arrive decomposed (S, combining
/// cedilla, u, combining diaeresis …). The store keeps one form, NFC, so the exported plan, the
/// search and every comparison see one spelling; the letters and their case are kept exactly.
#[test]
fn typed_text_is_stored_in_one_unicode_form_and_never_recased() {
    let f = Fixture::new();
    let mut s = f.unlock(COORD);
    let decomposed = "S\u{0327}u\u{0308}kru\u{0308} Y\u{0131}lmaz-C\u{0327}elik";
    let json = serde_json::json!({
        "subject": {"name": decomposed, "born": "1998-11-07", "address": "I\u{0307}stiklal Caddesi 1"},
        "notes": "Łukasz Wa\u{0328}s"
    });
    let id = s.case_new_json(json.to_string().as_bytes()).unwrap();
    let shown = s.show_case(&id).unwrap();
    let subject = shown.subject.unwrap();
    assert_eq!(subject.name, "Şükrü Yılmaz-Çelik");
    assert_eq!(
        subject.address, "İstiklal Caddesi 1",
        "İ stays a capital dotted I"
    );
    assert_eq!(shown.notes.as_deref(), Some("Łukasz Wąs"));
    let plan = casus_app::plan::PlanContent {
        case_lead_person: "I\u{0307}smail Ag\u{0306}aog\u{0306}lu".into(),
        ..Default::default()
    };
    s.plan_revise(&id, plan).unwrap();
    assert_eq!(
        s.plan_show(&id).unwrap().content.case_lead_person,
        "İsmail Ağaoğlu"
    );
}
