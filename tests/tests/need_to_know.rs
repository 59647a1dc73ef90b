//! Need-to-know that holds against the file: an insider with an account and the store file in
//! hand, editing it with sqlite3, copying it before a change and pasting rows between copies.
//! Every attack here worked on the first wave's key model (one master key for every account).

use std::collections::BTreeSet;
use std::sync::Arc;

use casus_app::audit_log::verify;
use casus_app::{ErrorCode, NewUser, Session};
use casus_store::raw;
use casus_tests::{Fixture, ADMIN, COORD, FG, PASS};

fn try_unlock(f: &Fixture, user: &str) -> Result<Session, casus_app::AppError> {
    Session::unlock_with(&f.path, user, PASS, Arc::new(f.clock.clone()))
}

fn add(f: &Fixture, name: &str, role: &str, org: &str) {
    f.add_users(&[(name, role, org)]);
}

fn groups(s: &Session) -> BTreeSet<String> {
    s.held_key_groups().into_iter().map(|(g, _)| g).collect()
}

/// Rows whose codes (category, source, outcome, recipients, …) a copy of the file still shows.
fn plain_codes_left(path: &std::path::Path) -> i64 {
    [
        "SELECT COUNT(*) FROM items WHERE codes_ct IS NULL OR kind || source_org || category || basis || reliability <> ''",
        "SELECT COUNT(*) FROM shares WHERE codes_ct IS NULL OR source_org || category || basis || allowed_to || denied_to <> ''",
        "SELECT COUNT(*) FROM weighings WHERE codes_ct IS NULL OR outcome <> ''",
        "SELECT COUNT(*) FROM decisions WHERE codes_ct IS NULL OR kind <> '' OR owner_org IS NOT NULL",
        "SELECT COUNT(*) FROM agenda_items WHERE codes_ct IS NULL OR reason <> ''",
        "SELECT COUNT(*) FROM cases WHERE codes_ct IS NULL OR state <> ''",
        "SELECT COUNT(*) FROM transitions WHERE codes_ct IS NULL OR from_state || to_state <> ''",
        "SELECT COUNT(*) FROM attendees WHERE codes_ct IS NULL OR org <> ''",
        "SELECT COUNT(*) FROM disclosures WHERE codes_ct IS NULL OR bases || categories || withheld <> ''",
    ]
    .iter()
    .map(|q| raw::query_i64(path, q).unwrap())
    .sum()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn each_account_holds_exactly_the_keys_its_role_and_organisation_may_hold() {
    let f = Fixture::new();
    let (a, b) = f.canary_cases();
    add(&f, "school", "partner_member", "onderwijs");
    let admin = f.unlock(ADMIN);
    assert_eq!(
        groups(&admin),
        set(&["accounts", "meta"]),
        "the administrator holds no content key"
    );
    drop(admin);
    let mut fg = f.unlock(FG);
    assert_eq!(
        groups(&fg),
        set(&["log", "meta", "search"]),
        "the privacy officer: metadata and the log"
    );
    assert!(fg.openable_cases().unwrap().is_empty());
    drop(fg);
    let mut coord = f.unlock(COORD);
    assert_eq!(groups(&coord), set(&["lookup", "meta", "org:gemeente"]));
    assert_eq!(coord.openable_cases().unwrap().len(), 2);
    drop(coord);
    let mut school = f.unlock("school");
    assert_eq!(groups(&school), set(&["lookup", "meta", "org:onderwijs"]));
    assert!(
        school.openable_cases().unwrap().is_empty(),
        "the school takes part in no case, so it holds no case key"
    );
    drop(school);
    // No wrap of either case key exists for the school's organisation at all.
    let wraps = raw::query_i64(
        &f.path,
        &format!("SELECT COUNT(*) FROM case_keys WHERE org = 'onderwijs' AND case_id IN ('{a}', '{b}')"),
    )
    .unwrap();
    assert_eq!(wraps, 0);
}

/// For random memberships, each organisation's account can open exactly the cases its
/// organisation takes part in — no more, no less.
#[test]
fn the_cases_an_account_can_open_are_exactly_its_organisations_cases() {
    let f = Fixture::new();
    let orgs = ["politie", "onderwijs", "ggz", "reclassering"];
    for org in orgs {
        add(&f, &format!("partner-{org}"), "partner_member", org);
    }
    // Each partner unlocks once so its organisation's key exists before cases are shared.
    for org in orgs {
        f.unlock(&format!("partner-{org}")).lock().unwrap();
    }
    let mut coord = f.unlock(COORD);
    let mut expected: std::collections::BTreeMap<&str, BTreeSet<String>> = Default::default();
    // A small deterministic generator: the memberships vary per case without a dependency.
    let mut seed: u32 = 0x9e37_79b9;
    for i in 0..12 {
        let id = coord
            .case_new_json(
                format!(
                    r#"{{"subject":{{"name":"Persoon {i}","born":"2000-01-0{}"}}}}"#,
                    1 + i % 9
                )
                .as_bytes(),
            )
            .unwrap();
        for org in orgs {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            if seed.is_multiple_of(3) {
                coord.case_members(&id, Some(org), None).unwrap();
                expected.entry(org).or_default().insert(id.clone());
            }
        }
        // Some organisations leave again: the case gets a new key epoch without them.
        for org in orgs {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            if seed.is_multiple_of(5) && expected.get(org).is_some_and(|s| s.contains(&id)) {
                coord.case_members(&id, None, Some(org)).unwrap();
                expected.get_mut(org).unwrap().remove(&id);
            }
        }
    }
    coord.lock().unwrap();
    for org in orgs {
        let mut s = f.unlock(&format!("partner-{org}"));
        let can: BTreeSet<String> = s.openable_cases().unwrap().into_iter().collect();
        // An organisation that left still holds the old epoch's wrap? No: it is deleted.
        assert_eq!(can, expected.get(org).cloned().unwrap_or_default(), "{org}");
    }
}

#[test]
fn an_edited_role_or_organisation_is_an_integrity_error_never_a_wider_grant() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    add(&f, "school", "partner_member", "onderwijs");
    let mut school = f.unlock("school");
    assert_eq!(school.show_case(&a).err().unwrap().code, ErrorCode::Forbidden);
    drop(school);
    // The attack from the review: one SQL line.
    raw::execute_batch(
        &f.path,
        "UPDATE users SET role = 'coordinator', org = 'gemeente' WHERE org = 'onderwijs'",
    )
    .unwrap();
    let e = try_unlock(&f, "school").err().unwrap();
    assert_eq!(e.code, ErrorCode::Integrity, "{e:?}");
    assert!(!e.message.contains("Kanarie"));
    // The role alone, within the same organisation.
    add(&f, "agent", "partner_member", "politie");
    raw::execute_batch(
        &f.path,
        "UPDATE users SET role = 'coordinator' WHERE org = 'politie'",
    )
    .unwrap();
    assert_eq!(try_unlock(&f, "agent").err().unwrap().code, ErrorCode::Integrity);
    // Everyone else still works.
    let mut coord = f.unlock(COORD);
    assert_eq!(
        coord.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
}

#[test]
fn an_organisation_added_to_a_case_by_sql_gets_no_key() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    add(&f, "school", "partner_member", "onderwijs");
    f.unlock("school").lock().unwrap();
    raw::execute_batch(
        &f.path,
        &format!(
            "INSERT INTO case_members (case_id, org, added_at, added_by) VALUES ('{a}', 'onderwijs', '2026-11-22T09:00:00Z', 'x')"
        ),
    )
    .unwrap();
    // A municipal coordinator unlocks: its session passes case keys on for memberships that lack
    // them, but only for memberships a permitted account signed.
    f.unlock(COORD).lock().unwrap();
    assert_eq!(
        raw::query_i64(
            &f.path,
            &format!("SELECT COUNT(*) FROM case_keys WHERE case_id = '{a}' AND org = 'onderwijs'"),
        )
        .unwrap(),
        0,
        "an unsigned membership gets no key"
    );
    // Copying a genuine signature from another membership row does not help either.
    raw::execute_batch(
        &f.path,
        &format!(
            "UPDATE case_members SET sig = (SELECT sig FROM case_members WHERE case_id = '{a}' AND org = 'gemeente'),
                                     signed_by = (SELECT signed_by FROM case_members WHERE case_id = '{a}' AND org = 'gemeente')
             WHERE case_id = '{a}' AND org = 'onderwijs'"
        ),
    )
    .unwrap();
    f.unlock(COORD).lock().unwrap();
    assert_eq!(
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM case_keys WHERE org = 'onderwijs'").unwrap(),
        0,
        "a signature copied from another row does not cover this one"
    );
    let mut school = f.unlock("school");
    let e = school.show_case(&a).err().unwrap();
    assert_ne!(e.code, ErrorCode::InvalidInput);
    assert!(
        school.show_case(&a).is_err(),
        "membership alone opens nothing: the key is not there"
    );
    assert!(!format!("{e:?}").contains("Kanarie"));
}

#[test]
fn a_pasted_account_row_receives_no_keys() {
    let f = Fixture::new();
    f.canary_cases();
    add(&f, "school", "partner_member", "onderwijs");
    // The insider copies their own row as a new "coordinator of the municipality", keeping their
    // own public key (so they could open what is sealed to it) and certificate.
    raw::execute_batch(
        &f.path,
        "INSERT INTO users (id, name_lookup, name_ct, role, org, kdf_salt, kdf_iterations, mk_wrapped,
                            mk_version, failed_attempts, created_at, box_public, bundle_ct, cert)
         SELECT 'ffffffffffffffffffffffffffffffff', X'00', name_ct, 'coordinator', 'gemeente', kdf_salt,
                kdf_iterations, mk_wrapped, mk_version, 0, created_at, box_public, bundle_ct, cert
         FROM users WHERE org = 'onderwijs'",
    )
    .unwrap();
    // A real coordinator unlocks: its session passes keys to every certified account lacking them.
    f.unlock(COORD).lock().unwrap();
    let grants = raw::query_i64(
        &f.path,
        "SELECT COUNT(*) FROM key_grants WHERE user_id = 'ffffffffffffffffffffffffffffffff'",
    )
    .unwrap();
    assert_eq!(
        grants, 0,
        "the pasted row's certificate does not cover its role and organisation"
    );
}

#[test]
fn a_removed_user_with_an_old_copy_reads_nothing_written_after_the_removal() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    add(&f, "vertrekker", "coordinator", "gemeente");
    f.unlock(COORD).lock().unwrap();
    let mut leaver = f.unlock("vertrekker");
    assert_eq!(
        leaver.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    leaver.lock().unwrap();
    // The leaver keeps a byte copy of the store.
    let old = f.dir.path().join("old-copy.casus");
    std::fs::copy(&f.path, &old).unwrap();
    let mut admin = f.unlock(ADMIN);
    admin.remove_user("vertrekker").unwrap();
    admin.lock().unwrap();
    let mut coord = f.unlock(COORD);
    coord
        .edit_case_json(&a, br#"{"notes":"na-vertrek-geschreven-42"}"#)
        .unwrap();
    coord.lock().unwrap();
    // Paste the new notes, and every new case-key wrap, into the old copy.
    let notes = raw::query_blob(&f.path, &format!("SELECT notes_ct FROM cases WHERE id = '{a}'")).unwrap();
    raw::update_blob(
        &old,
        &format!("UPDATE cases SET notes_ct = ?1 WHERE id = '{a}'"),
        &notes,
    )
    .unwrap();
    let where_ = format!("case_id = '{a}' AND org = 'gemeente' AND epoch = 2");
    let blob = raw::query_blob(&f.path, &format!("SELECT wrapped FROM case_keys WHERE {where_}")).unwrap();
    let org_epoch = raw::query_i64(
        &f.path,
        &format!("SELECT org_epoch FROM case_keys WHERE {where_}"),
    )
    .unwrap();
    raw::update_blob(
        &old,
        &format!(
            "INSERT INTO case_keys (case_id, epoch, org, org_epoch, wrapped) VALUES ('{a}', 2, 'gemeente', {org_epoch}, ?1)"
        ),
        &blob,
    )
    .unwrap();
    let mut leaver = Session::unlock_with(&old, "vertrekker", PASS, Arc::new(f.clock.clone())).unwrap();
    // The pasted wrap is sealed to the municipality's new epoch, which the leaver never held: the
    // new notes do not open (an integrity error, never the text).
    let e = match leaver.show_case(&a) {
        Ok(_) => panic!("the new notes must not open"),
        Err(e) => e,
    };
    assert_eq!(e.code, ErrorCode::Integrity, "{e:?}");
    assert!(!format!("{e:?}").contains("na-vertrek-geschreven-42"));
    drop(leaver);
    // The coordinator reads the new notes in the real store.
    let mut coord = f.unlock(COORD);
    assert_eq!(
        coord.show_case(&a).unwrap().notes.as_deref(),
        Some("na-vertrek-geschreven-42")
    );
}

#[test]
fn a_failure_inside_the_rotation_leaves_the_store_and_the_session_usable() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    add(&f, "vertrekker", "coordinator", "gemeente");
    f.unlock(COORD).lock().unwrap();
    let epochs_before = raw::query_i64(&f.path, "SELECT COUNT(*) FROM key_groups").unwrap();
    let mut admin = f.unlock(ADMIN);
    admin.inject_failure("rotation");
    assert!(admin.remove_user("vertrekker").is_err());
    assert_eq!(
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM key_groups").unwrap(),
        epochs_before,
        "nothing of the rotation was written"
    );
    // The session goes on with keys that match the file: adding and removing works.
    add_with(&mut admin, "nieuwkomer");
    admin.remove_user("vertrekker").unwrap();
    admin.lock().unwrap();
    assert!(try_unlock(&f, "vertrekker").is_err());
    f.unlock(COORD).lock().unwrap();
    let mut late = f.unlock("nieuwkomer");
    assert_eq!(
        late.show_case(&a).unwrap().subject.unwrap().name,
        "Kanarie Vogelzang"
    );
    drop(late);
    assert!(verify(&f.path).unwrap().intact);
}

fn add_with(admin: &mut Session, name: &str) {
    admin
        .add_user(NewUser {
            name,
            role: "coordinator",
            org: "gemeente",
            passphrase: PASS,
        })
        .unwrap();
}

#[test]
fn a_store_from_the_first_wave_upgrades_in_place_without_losing_a_row() {
    casus_tests::fast_kdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.casus");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/v1-demo.casus"),
        &path,
    )
    .unwrap();
    const DEMO: &str = "oefenen met fictieve casussen";
    let count = |sql: &str| raw::query_i64(&path, sql).unwrap();
    let rows_before: Vec<i64> = [
        "cases",
        "items",
        "transitions",
        "weighings",
        "plans",
        "audit_log",
        "users",
    ]
    .iter()
    .map(|t| count(&format!("SELECT COUNT(*) FROM {t}")))
    .collect();
    assert!(
        count("SELECT COUNT(*) FROM items WHERE category <> ''") > 0,
        "the fixture's codes are plain"
    );
    let mut coord = Session::unlock(&path, "coordinator", DEMO).unwrap();
    assert_eq!(plain_codes_left(&path), 0, "the first unlock seals every code");
    let cases = coord.list_cases(None).unwrap();
    assert_eq!(cases.len() as i64, rows_before[0]);
    for c in &cases {
        let shown = coord.show_case(&c.id).unwrap();
        assert!(shown.subject.is_some());
    }
    coord.lock().unwrap();
    // The old master material is gone from the file.
    assert_eq!(count("SELECT COUNT(*) FROM store_keys"), 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM cases WHERE length(key_wrapped) > 0"),
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit_log WHERE event = 'key.upgrade'"),
        1,
        "the upgrade is audited"
    );
    // The other accounts move over at their first unlock, and read what their role allows.
    let mut politie = Session::unlock(&path, "politie", DEMO).unwrap();
    assert!(!politie.list_cases(None).unwrap().is_empty());
    politie.lock().unwrap();
    for user in ["voorzitter", "weegploeg", "fg"] {
        Session::unlock(&path, user, DEMO).unwrap().lock().unwrap();
    }
    let rows_after: Vec<i64> = ["cases", "items", "transitions", "weighings", "plans"]
        .iter()
        .map(|t| count(&format!("SELECT COUNT(*) FROM {t}")))
        .collect();
    assert_eq!(rows_after[..], rows_before[..5]);
    assert!(count("SELECT COUNT(*) FROM audit_log") > rows_before[5]);
    assert!(verify(&path).unwrap().intact);
    // A wrong passphrase on an upgraded store is still just that.
    assert_eq!(
        Session::unlock(&path, "coordinator", "verkeerd verkeerd verkeerd")
            .err()
            .unwrap()
            .code,
        ErrorCode::WrongPassphrase
    );
}

/// The covenant reaches the keys: a school that takes part in a case never holds the key of a
/// police item (VERBOD-OND-02), and editing the item's category to one the school may receive
/// neither hands it the key nor leaves the item readable for anyone.
#[test]
fn an_organisation_that_may_never_receive_a_category_never_holds_its_key() {
    let f = Fixture::new();
    add(&f, "school", "partner_member", "onderwijs");
    add(&f, "agent", "partner_member", "politie");
    f.unlock("school").lock().unwrap();
    f.unlock("agent").lock().unwrap();
    let mut coord = f.unlock(COORD);
    let case = coord
        .case_new_json(br#"{"subject":{"name":"Kanarie Vogelzang","born":"2001-02-03"}}"#)
        .unwrap();
    coord.case_members(&case, Some("onderwijs"), None).unwrap();
    coord.case_members(&case, Some("politie"), None).unwrap();
    coord.lock().unwrap();
    let mut agent = f.unlock("agent");
    let police = agent
        .signal_add_json(
            Some(&case),
            br#"{"source":"politie","received":"2026-11-20","reporter_role":"wijkagent",
                 "category":"politiegegevens","basis":"wpg_18_2","reliability":"signal",
                 "content":"politie-kanarie-777"}"#,
        )
        .unwrap()
        .item_id;
    let school_item = agent
        .signal_add_json(
            Some(&case),
            br#"{"source":"politie","received":"2026-11-20","reporter_role":"wijkagent",
                 "category":"risicotaxatie","basis":"pga_wet","reliability":"signal",
                 "content":"risicotaxatie-888"}"#,
        )
        .unwrap()
        .item_id;
    agent.lock().unwrap();
    let holders = |item: &str| {
        raw::query_strings(
            &f.path,
            &format!("SELECT org FROM item_keys WHERE item_id = '{item}' ORDER BY org"),
        )
        .unwrap()
    };
    let police_holders = holders(&police);
    assert!(police_holders.contains(&"politie".to_string()));
    assert!(
        !police_holders.contains(&"onderwijs".to_string()),
        "the school holds no key of a police item: {police_holders:?}"
    );
    assert!(
        holders(&school_item).contains(&"onderwijs".to_string()),
        "a risk assessment may reach the school in some phase (OVL-ALLE-01), so it holds that key"
    );
    // The insider edits the category to one the school may receive, and unlocks.
    raw::execute_batch(
        &f.path,
        &format!(
            // The codes are sealed (schema 7); the insider empties the sealed value and writes
            // plain codes the school may receive, which the next unlock seals as they are.
            "UPDATE items SET codes_ct = NULL, kind = 'signal', source_org = 'politie',
                    category = 'risicotaxatie', basis = 'pga_wet', reliability = 'signal'
             WHERE id = '{police}';
             INSERT OR IGNORE INTO key_requests (case_id, org) VALUES ('{case}', 'onderwijs');"
        ),
    )
    .unwrap();
    f.unlock(COORD).lock().unwrap();
    f.unlock("agent").lock().unwrap();
    assert!(
        !holders(&police).contains(&"onderwijs".to_string()),
        "no holder passes the key on for an edited category: the content's AAD binds it"
    );
    let mut school = f.unlock("school");
    let shown = school.show_case(&case);
    if let Ok(detail) = &shown {
        assert!(!format!("{detail:?}").contains("politie-kanarie-777"));
    }
    drop(school);
    // For the police themselves, the edited item no longer opens: an integrity error.
    let mut agent = f.unlock("agent");
    assert_eq!(agent.show_case(&case).err().unwrap().code, ErrorCode::Integrity);
}

/// The auto-lock time decides how long an unattended session stays open: an edit outside the
/// app is an integrity error, never a longer lock time.
#[test]
fn an_auto_lock_time_edited_outside_the_app_is_an_integrity_error() {
    let f = Fixture::new();
    let mut admin = f.unlock(ADMIN);
    admin.set_idle_lock_minutes(5).unwrap();
    assert_eq!(admin.idle_lock_minutes().unwrap(), Some(5));
    drop(admin);
    raw::execute_batch(
        &f.path,
        "UPDATE store_meta SET value = CAST('30' AS BLOB) WHERE key = 'idle_lock_minutes'",
    )
    .unwrap();
    let mut coord = f.unlock(COORD);
    assert_eq!(coord.idle_lock_minutes().unwrap_err().code, ErrorCode::Integrity);
}

/// A meeting with the police, the GGZ and the municipality in the room for one case, each with an
/// account that has unlocked once (so its organisation's key group exists). Returns the meeting.
fn meeting_in_the_room(f: &Fixture) -> (String, String) {
    add(f, "agent", "partner_member", "politie");
    add(f, "zorg", "partner_member", "ggz");
    f.unlock("agent").lock().unwrap();
    f.unlock("zorg").lock().unwrap();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(br#"{"subject":{"name":"Kanarie Deelpersoon","born":"2000-01-01"}}"#)
        .unwrap();
    for org in ["politie", "ggz"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "bespreking", &[], None)
        .unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    for (name, org) in [
        ("Gemeente (fictief)", "gemeente"),
        ("Agent (fictief)", "politie"),
        ("Behandelaar (fictief)", "ggz"),
    ] {
        let id = c
            .meeting_attend_json(
                &m,
                format!(r#"{{"name":"{name}","org":"{org}","role":"deelnemer"}}"#).as_bytes(),
            )
            .unwrap();
        c.meeting_ack(&m, &id).unwrap();
        c.meeting_presence(&m, &case, &id, true).unwrap();
    }
    c.lock().unwrap();
    (case, m)
}

/// What is said in a meeting is sealed for those it was given to: a police share narrowed to the
/// municipality is under a key of its own that only the police (its source) and the municipality
/// hold. The GGZ sat in the room and takes part in the case — it holds the case key — and on the
/// previous main that was enough to open the share (it was sealed under the case key). Widening
/// the recipients with sqlite3 hands the GGZ no key, and the edited share no longer opens.
#[test]
fn a_share_is_sealed_for_its_source_and_recipients_only() {
    let f = Fixture::new();
    let (case, m) = meeting_in_the_room(&f);
    let mut c = f.unlock(COORD);
    let narrow = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"gedeeld-met-gemeente-kanarie","to":["gemeente"]}"#;
    let share = c.meeting_share_json(&m, &case, narrow.as_bytes()).unwrap().id;
    c.lock().unwrap();
    let holders = || {
        raw::query_strings(
            &f.path,
            &format!("SELECT org FROM share_keys WHERE share_id = '{share}' ORDER BY org"),
        )
        .unwrap()
    };
    assert_eq!(
        holders(),
        ["gemeente", "politie"],
        "its source and its recipient only"
    );
    assert_eq!(
        raw::query_i64(
            &f.path,
            &format!("SELECT own_key FROM shares WHERE id = '{share}'")
        )
        .unwrap(),
        1
    );
    // The GGZ reads the case's meeting record: the share is listed, its text withheld.
    let mut zorg = f.unlock("zorg");
    let record = zorg.case_meeting_record(&case).unwrap();
    assert_eq!(record.len(), 1);
    assert_eq!(record[0].text, None);
    zorg.lock().unwrap();
    // The police see their own share.
    let mut agent = f.unlock("agent");
    let record = agent.case_meeting_record(&case).unwrap();
    assert_eq!(record[0].text.as_deref(), Some("gedeeld-met-gemeente-kanarie"));
    agent.lock().unwrap();

    // The insider widens the recipients and asks for keys; both holders unlock.
    raw::execute_batch(
        &f.path,
        &format!(
            "UPDATE shares SET codes_ct = NULL, source_org = 'politie', category = 'politiegegevens',
                    basis = 'wpg_18_2', allowed_to = 'gemeente,ggz', denied_to = ''
             WHERE id = '{share}';
             INSERT OR IGNORE INTO key_requests (case_id, org) VALUES ('{case}', 'ggz');"
        ),
    )
    .unwrap();
    f.unlock(COORD).lock().unwrap();
    f.unlock("agent").lock().unwrap();
    assert_eq!(
        holders(),
        ["gemeente", "politie"],
        "no holder passes the key on for edited recipients: the content's AAD binds them"
    );
    let mut zorg = f.unlock("zorg");
    match zorg.case_meeting_record(&case) {
        Ok(record) => assert!(record.iter().all(|e| e.text.is_none()), "{record:?}"),
        Err(e) => assert_eq!(e.code, ErrorCode::Integrity),
    }
    zorg.lock().unwrap();
    // For its own recipients the edited share is damage, not content.
    let mut c = f.unlock(COORD);
    assert_eq!(
        c.case_meeting_record(&case).err().unwrap().code,
        ErrorCode::Integrity
    );
    c.lock().unwrap();
}

/// Marking an own-key share as one of before schema 6 (sealed under the case key) opens nothing
/// for a member that holds only the case key: it is an integrity error.
#[test]
fn a_share_marked_as_sealed_under_the_case_key_does_not_open_under_it() {
    let f = Fixture::new();
    let (case, m) = meeting_in_the_room(&f);
    let mut c = f.unlock(COORD);
    let narrow = r#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"terug-naar-zaaksleutel","to":["gemeente"]}"#;
    let share = c.meeting_share_json(&m, &case, narrow.as_bytes()).unwrap().id;
    c.lock().unwrap();
    raw::execute_batch(
        &f.path,
        &format!("UPDATE shares SET own_key = 0, allowed_to = 'gemeente,ggz' WHERE id = '{share}';"),
    )
    .unwrap();
    // Every unlock of a case-key holder tries to move the "old" share to its own key; it does not
    // open under the case key, so it stays as it is and reads as damage.
    let mut zorg = f.unlock("zorg");
    match zorg.case_meeting_record(&case) {
        Ok(record) => assert!(record.iter().all(|e| e.text.is_none()), "{record:?}"),
        Err(e) => assert_eq!(e.code, ErrorCode::Integrity),
    }
    zorg.lock().unwrap();
    let mut c = f.unlock(COORD);
    assert_eq!(
        c.case_meeting_record(&case).err().unwrap().code,
        ErrorCode::Integrity
    );
    c.lock().unwrap();
    assert_eq!(
        raw::query_i64(
            &f.path,
            &format!("SELECT own_key FROM shares WHERE id = '{share}'")
        )
        .unwrap(),
        0
    );
    assert_eq!(
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM share_keys WHERE org = 'ggz'").unwrap(),
        0
    );
}

/// A store of the previous main (schema 5, made with its `casus demo` and a meeting in which the
/// police shared twice: once with the municipality only, once with the municipality and the
/// GGZ) has its shares sealed under the case key, which every member organisation holds. At the
/// first unlock of a holder each moves to a key of its own, sealed only to its source and
/// recipients (and its decision to a key of its own too); no row is lost and the log still
/// verifies.
#[test]
fn shares_of_the_previous_main_move_to_keys_of_their_own() {
    casus_tests::fast_kdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v5.casus");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/v5-shares.casus"),
        &path,
    )
    .unwrap();
    const DEMO: &str = "oefenen met fictieve casussen";
    let count = |sql: &str| raw::query_i64(&path, sql).unwrap();
    let tables = ["cases", "items", "shares", "decisions", "meetings", "transitions"];
    let before: Vec<i64> = tables
        .iter()
        .map(|t| count(&format!("SELECT COUNT(*) FROM {t}")))
        .collect();
    assert_eq!(before[2], 2, "the fixture holds two shares");
    let minutes_hash = raw::query_strings(
        &path,
        "SELECT COALESCE(minutes_hash, '') FROM meetings ORDER BY id",
    )
    .unwrap();

    let narrow = raw::query_strings(&path, "SELECT id FROM shares WHERE allowed_to = 'gemeente'").unwrap();
    assert!(
        count("SELECT COUNT(*) FROM items WHERE category <> ''") > 0,
        "the fixture's codes are plain"
    );
    let mut coord = Session::unlock(&path, "coordinator", DEMO).unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM shares WHERE own_key = 0"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM decisions WHERE own_key = 0"), 0);
    assert_eq!(plain_codes_left(&path), 0, "the first unlock seals every code");
    let holders = raw::query_strings(
        &path,
        &format!(
            "SELECT org FROM share_keys WHERE share_id = '{}' ORDER BY org",
            narrow[0]
        ),
    )
    .unwrap();
    assert_eq!(holders, ["gemeente", "politie"]);
    // Not one wrap for an organisation that takes part but was not given the share (om, zvh).
    assert_eq!(
        count("SELECT COUNT(*) FROM share_keys WHERE org NOT IN ('gemeente', 'politie', 'ggz')"),
        0
    );
    let case = raw::query_strings(&path, "SELECT case_id FROM shares LIMIT 1").unwrap()[0].clone();
    let texts: Vec<Option<String>> = coord
        .case_meeting_record(&case)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "share")
        .map(|e| e.text)
        .collect();
    assert_eq!(
        texts,
        [
            Some("oud-smal-gedeeld-met-gemeente".to_string()),
            Some("oud-breed-gedeeld".to_string())
        ]
    );
    assert!(coord
        .case_meeting_record(&case)
        .unwrap()
        .iter()
        .any(|e| e.text.as_deref() == Some("Oud besluit (fictief)")));
    coord.lock().unwrap();
    let mut agent = Session::unlock(&path, "politie", DEMO).unwrap();
    let texts = agent.case_meeting_record(&case).unwrap();
    assert!(texts
        .iter()
        .any(|e| e.text.as_deref() == Some("oud-smal-gedeeld-met-gemeente")));
    agent.lock().unwrap();
    let after: Vec<i64> = tables
        .iter()
        .map(|t| count(&format!("SELECT COUNT(*) FROM {t}")))
        .collect();
    assert_eq!(after, before, "no row lost");
    assert_eq!(
        raw::query_strings(
            &path,
            "SELECT COALESCE(minutes_hash, '') FROM meetings ORDER BY id"
        )
        .unwrap(),
        minutes_hash,
        "locked minutes stay as they were locked"
    );
    assert!(verify(&path).unwrap().intact);
}

/// A stolen copy of the file no longer tells which case holds health or police information, who
/// was admitted, what was shared with whom or what was agreed: every such code is sealed (schema
/// 7) and the plain columns are empty. A sealed code copied onto another row does not open there.
#[test]
fn a_copy_of_the_file_shows_no_codes_and_a_copied_code_does_not_open() {
    let f = Fixture::new();
    let (case, m) = meeting_in_the_room(&f);
    let mut zorg = f.unlock("zorg");
    let health = zorg
        .signal_add_json(
            Some(&case),
            br#"{"source":"ggz","received":"2026-11-20","reporter_role":"behandelaar",
                 "category":"gezondheid","basis":"toestemming","reliability":"fact",
                 "content":"zorg-kanarie-313"}"#,
        )
        .unwrap()
        .item_id;
    zorg.lock().unwrap();
    let mut agent = f.unlock("agent");
    let police = agent
        .signal_add_json(
            Some(&case),
            br#"{"source":"politie","received":"2026-11-21","reporter_role":"wijkagent",
                 "category":"politiegegevens","basis":"wpg_18_2","reliability":"signal",
                 "content":"politie-kanarie-414"}"#,
        )
        .unwrap()
        .item_id;
    agent.lock().unwrap();
    let mut c = f.unlock(COORD);
    c.meeting_share_json(
        &m,
        &case,
        br#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"gedeeld","to":["gemeente"]}"#,
    )
    .unwrap();
    c.meeting_decide_json(
        &m,
        &case,
        br#"{"kind":"action","text":"Huisbezoek","owner_org":"politie","owner_person":"Agent","deadline":"2026-12-01"}"#,
    )
    .unwrap();
    let shown = c.show_case(&case).unwrap();
    assert!(format!("{shown:?}").contains("politiegegevens"));
    c.export_minutes(&m, "gemeente", "md", &f.dir.path().join("besluiten.md"))
        .unwrap();
    c.lock().unwrap();
    assert_eq!(plain_codes_left(&f.path), 0);
    for table in [
        "items",
        "shares",
        "weighings",
        "decisions",
        "agenda_items",
        "cases",
        "transitions",
        "attendees",
        "disclosures",
    ] {
        assert!(
            raw::query_i64(
                &f.path,
                &format!("SELECT COUNT(*) FROM {table} WHERE codes_ct IS NOT NULL")
            )
            .unwrap()
                > 0,
            "{table}"
        );
    }
    // The health item's sealed codes pasted onto the police item: bound to their own row, they
    // do not open there, and the police's own view of the case says so.
    raw::execute_batch(
        &f.path,
        &format!(
            "UPDATE items SET codes_ct = (SELECT codes_ct FROM items WHERE id = '{health}') WHERE id = '{police}';"
        ),
    )
    .unwrap();
    let mut agent = f.unlock("agent");
    assert_eq!(agent.show_case(&case).err().unwrap().code, ErrorCode::Integrity);
    agent.lock().unwrap();
}

/// A key wrap pasted in with sqlite3 (here: garbage for the municipality's key of a share) and a
/// key request for the case must not keep the municipality's accounts from unlocking; reading the
/// meeting reports the damage instead.
#[test]
fn a_damaged_key_wrap_keeps_nobody_from_unlocking() {
    let f = Fixture::new();
    let (case, m) = meeting_in_the_room(&f);
    let mut c = f.unlock(COORD);
    let share = c
        .meeting_share_json(
            &m,
            &case,
            br#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"x","to":["gemeente"]}"#,
        )
        .unwrap()
        .id;
    c.lock().unwrap();
    raw::execute_batch(
        &f.path,
        &format!(
            "UPDATE share_keys SET wrapped = randomblob(120) WHERE share_id = '{share}' AND org = 'gemeente';
             INSERT OR IGNORE INTO key_requests (case_id, org) VALUES ('{case}', 'ggz');"
        ),
    )
    .unwrap();
    let mut c = try_unlock(&f, COORD).expect("the municipality still unlocks");
    assert_eq!(c.meeting_show(&m).err().unwrap().code, ErrorCode::Integrity);
    c.lock().unwrap();
}
