//! A case number a person can say aloud (the documents issue, item 3): every case gets `YYYY-NNNN`,
//! unique per store and never given twice; every command that takes a case takes it; the privacy
//! officer finds a case by it; and an insider who edits the plain number column with sqlite3 gets
//! an integrity error, never another case behind a number.

use casus_app::audit_log::verify;
use casus_app::ErrorCode;
use casus_store::raw;
use casus_tests::{Fixture, COORD, FG};

fn number_of(f: &Fixture, id: &str) -> String {
    raw::query_strings(&f.path, &format!("SELECT number FROM cases WHERE id = '{id}'")).unwrap()[0].clone()
}

#[test]
fn cases_are_numbered_per_year_in_the_order_they_were_opened() {
    let f = Fixture::new();
    let (a, b) = f.canary_cases();
    // The fixture's clock stands in 2026.
    assert_eq!(number_of(&f, &a), "2026-0001");
    assert_eq!(number_of(&f, &b), "2026-0002");
    let mut s = f.unlock(COORD);
    assert_eq!(s.show_case(&a).unwrap().number, "2026-0001");
    let listed: Vec<(String, String)> = s
        .list_cases(None)
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.number))
        .collect();
    assert!(
        listed.contains(&(b.clone(), "2026-0002".to_string())),
        "{listed:?}"
    );
}

#[test]
fn a_number_is_never_given_twice_also_after_its_case_is_gone() {
    let f = Fixture::new();
    let (_, b) = f.canary_cases();
    // The newest case disappears from the file (as a destroyed case does).
    raw::execute_batch(
        &f.path,
        &format!("PRAGMA foreign_keys = OFF; DELETE FROM case_keys WHERE case_id = '{b}'; DELETE FROM cases WHERE id = '{b}';"),
    )
    .unwrap();
    let mut s = f.unlock(COORD);
    let c = s
        .case_new_json(br#"{"subject":{"name":"Derde Persoon","born":"1990-01-01"}}"#)
        .unwrap();
    assert_eq!(s.show_case(&c).unwrap().number, "2026-0003", "0002 stays retired");
}

#[test]
fn every_door_that_takes_a_case_takes_its_number() {
    let f = Fixture::new();
    let (a, _) = f.canary_cases();
    let mut s = f.unlock(COORD);
    for typed in ["2026-0001", "2026-1", " 2026-0001 ", &a] {
        assert_eq!(s.show_case(typed).unwrap().id, a, "{typed}");
    }
    let version = s
        .edit_case_json("2026-0001", br#"{"notes":"via het nummer"}"#)
        .unwrap();
    assert_eq!(version, 2);
    s.case_transition("2026-0001", "under_weighing", "agenda weegploeg", &[], None)
        .unwrap();
    assert_eq!(s.case_history("2026-0001").unwrap().len(), 1);
    let found = s.list_cases(Some("2026-0001")).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, a);
    // A number no case carries is not found; text that is no number and no id is invalid input.
    assert_eq!(s.show_case("2026-0042").unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(
        s.show_case("2026-00x1").unwrap_err().code,
        ErrorCode::InvalidInput
    );
    s.lock().unwrap();

    // The privacy officer looks a case up by its number, never by typing hex.
    let mut fg = f.unlock(FG);
    let log = fg.audit_log(Some("2026-0001"), None).unwrap();
    assert!(log.iter().any(|e| e.event == "case.read" && e.case_id == a));
    assert!(
        log.iter().all(|e| e.case_number == "2026-0001"),
        "the log names the case by its number"
    );
    let inzage = fg.inzage("2026-0001").unwrap();
    assert_eq!(
        (inzage.case_id.as_str(), inzage.case_number.as_str()),
        (a.as_str(), "2026-0001")
    );
    fg.lock().unwrap();
    assert!(verify(&f.path).unwrap().intact);
}

/// An insider swaps the numbers of two cases in the file, so that "2026-0001" would open the other
/// person's case: the number is sealed with the case's state, so both cases report an integrity
/// error instead, by number and by id, and everyone can still unlock.
#[test]
fn a_number_swapped_in_the_file_is_an_integrity_error() {
    let f = Fixture::new();
    let (a, b) = f.canary_cases();
    raw::execute_batch(
        &f.path,
        &format!(
            "UPDATE cases SET number = 'x' WHERE id = '{a}';
             UPDATE cases SET number = '2026-0001' WHERE id = '{b}';
             UPDATE cases SET number = '2026-0002' WHERE id = '{a}';"
        ),
    )
    .unwrap();
    let mut s = f.unlock(COORD);
    for typed in ["2026-0001", "2026-0002", a.as_str(), b.as_str()] {
        let err = s.show_case(typed).unwrap_err();
        assert_eq!(err.code, ErrorCode::Integrity, "{typed}: {err:?}");
    }
    // The search does not offer them under the swapped numbers either.
    assert!(s.list_cases(Some("2026-0001")).unwrap().is_empty());
    // Resetting the "bound" flag does not make the unlock accept the swap.
    s.lock().unwrap();
    raw::execute_batch(&f.path, "UPDATE cases SET number_bound = 0").unwrap();
    let mut s = f.unlock(COORD);
    assert_eq!(s.show_case("2026-0001").unwrap_err().code, ErrorCode::Integrity);
}

/// A store from before schema 11 numbers its cases in the order they were opened, and the first
/// unlock binds each number into the case's sealed codes; no row is lost.
#[test]
fn an_older_store_numbers_its_cases_on_upgrade() {
    casus_tests::fast_kdf();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.casus");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/v5-shares.casus"),
        &path,
    )
    .unwrap();
    let cases_before = raw::query_i64(&path, "SELECT COUNT(*) FROM cases").unwrap();
    assert!(cases_before >= 3);
    let mut coord =
        casus_app::Session::unlock(&path, "coordinator", "oefenen met fictieve casussen").unwrap();
    let numbers = raw::query_strings(&path, "SELECT number FROM cases ORDER BY created_at, id").unwrap();
    assert_eq!(
        numbers.len() as i64,
        cases_before,
        "no row lost, every case numbered"
    );
    let mut sorted = numbers.clone();
    sorted.sort_by_key(|n| {
        let (y, k) = n.split_once('-').unwrap();
        (y.to_string(), k.parse::<u32>().unwrap())
    });
    sorted.dedup();
    assert_eq!(sorted, numbers, "unique, and in the order the cases were opened");
    assert_eq!(
        raw::query_i64(&path, "SELECT COUNT(*) FROM cases WHERE number_bound = 0").unwrap(),
        0,
        "the first unlock binds every number"
    );
    let listed = coord.list_cases(None).unwrap();
    assert!(listed.iter().all(|c| numbers.contains(&c.number)), "{listed:?}");
    let first = &listed[0];
    assert_eq!(coord.show_case(&first.number).unwrap().id, first.id);
    coord.lock().unwrap();
    // Bound now: an edit of the number is caught.
    raw::execute_batch(
        &path,
        &format!("UPDATE cases SET number = '1999-0001' WHERE id = '{}'", first.id),
    )
    .unwrap();
    let mut coord =
        casus_app::Session::unlock(&path, "coordinator", "oefenen met fictieve casussen").unwrap();
    assert_eq!(coord.show_case(&first.id).unwrap_err().code, ErrorCode::Integrity);
    coord.lock().unwrap();
}
