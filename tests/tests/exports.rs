//! Exports per recipient: a real PDF (checked with qpdf and pdftotext), Markdown and HTML that hold
//! exactly what the covenant lets the recipient receive, a disclosure record with the file's hash, an
//! audit event, and file names that cannot escape the chosen folder.

use std::process::Command;

use casus_app::{ErrorCode, NewUser};
use casus_store::raw;
use casus_tests::{Fixture, ADMIN, COORD, PASS};

const HEALTH: &str = "ggz-export-kanarie-diagnose";
const POLICE: &str = "politie-export-kanarie-melding";

fn setup() -> (Fixture, String) {
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
        .case_new_json(br#"{"subject":{"name":"Export Kanarie","born":"2000-01-01","address":"Exportlaan 1"},"notes":"n"}"#)
        .unwrap();
    for org in ["politie", "ggz", "zvh"] {
        c.case_members(&case, Some(org), None).unwrap();
    }
    let police = format!(
        r#"{{"source":"politie","received":"2026-11-20","category":"politiegegevens","basis":"wpg_18_2","reliability":"signal","content":"{POLICE}"}}"#
    );
    c.signal_add_json(Some(&case), police.as_bytes()).unwrap();
    c.lock().unwrap();
    let mut z = f.unlock("zorg");
    let health = format!(
        r#"{{"source":"ggz","received":"2026-11-21","category":"gezondheid","basis":"avg_6_1_e","reliability":"fact","content":"{HEALTH}"}}"#
    );
    z.signal_add_json(Some(&case), health.as_bytes()).unwrap();
    z.lock().unwrap();
    // Through weighing and admission into the meeting, as a real case goes.
    let mut c = f.unlock(COORD);
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "eerste bespreking", &[], None)
        .unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    c.plan_revise_json(&case, casus_plan().as_bytes()).unwrap();
    c.plan_adopt(&case, &m).unwrap();
    c.lock().unwrap();
    (f, case)
}

fn casus_plan() -> String {
    r#"{"municipality":"Gemeente Voorbeeldstad","goals":[{"id":"g1","domain":"wonen","text":"Heeft een stabiele woonplek"}],
        "interventions":[{"id":"a1","goal":"g1","kind":"zorg","description":"Woonbegeleiding regelen","owner_org":"gemeente",
        "owner_person":"D. Consulent","start":"2026-11-23","deadline":"2027-01-15"}],"problem_analysis":"Fictieve analyse"}"#
        .into()
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (apt package poppler-utils or qpdf): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn each_recipient_gets_a_real_pdf_with_exactly_what_it_may_receive() {
    let (f, case) = setup();
    let out_dir = f.dir.path().join("exports");
    std::fs::create_dir(&out_dir).unwrap();
    let mut c = f.unlock(COORD);
    let police_pdf = out_dir.join("plan-politie.pdf");
    let r = c.export_plan(&case, "politie", "pdf", &police_pdf).unwrap();
    assert!(
        r.withheld.iter().any(|w| w.contains("gezondheid")),
        "{:?}",
        r.withheld
    );
    let ggz_pdf = out_dir.join("plan-ggz.pdf");
    c.export_plan(&case, "ggz", "pdf", &ggz_pdf).unwrap();
    c.lock().unwrap();

    tool("qpdf", &["--check", police_pdf.to_str().unwrap()]);
    let info = tool("pdfinfo", &[police_pdf.to_str().unwrap()]);
    assert!(info.contains("(A4)"), "A4: {info}");
    let police_text = tool("pdftotext", &[police_pdf.to_str().unwrap(), "-"]);
    assert!(
        police_text.contains(POLICE),
        "the police receive their own signal"
    );
    assert!(
        !police_text.contains(HEALTH),
        "health data is absent for the police"
    );
    assert!(police_text.contains("VERTROUWELIJK") && police_text.contains("Pagina 1 van"));
    assert!(police_text.contains("Weggelaten"), "what was left out is listed");
    assert!(
        police_text.contains(&r.export_id[..8]),
        "the footer names the export"
    );
    assert!(
        police_text.contains(&r.audit_head[..16]),
        "the footer names the audit chain head"
    );
    assert!(
        police_text.contains("Woonbegeleiding regelen"),
        "the interventions table"
    );
    // The coordinator may not see the GGZ's health data, so their export for the GGZ leaves it out;
    // a GGZ user's own export for the GGZ has it.
    let ggz_text = tool("pdftotext", &[ggz_pdf.to_str().unwrap(), "-"]);
    assert!(
        !ggz_text.contains(HEALTH),
        "an export never carries what its maker may not see"
    );
    let mut z = f.unlock("zorg");
    let own_pdf = out_dir.join("plan-ggz-eigen.pdf");
    z.export_plan(&case, "ggz", "pdf", &own_pdf).unwrap();
    assert_eq!(
        z.export_plan(&case, "politie", "pdf", &out_dir.join("x.pdf"))
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    z.lock().unwrap();
    let own_text = tool("pdftotext", &[own_pdf.to_str().unwrap(), "-"]);
    assert!(own_text.contains(HEALTH), "the GGZ receives its own data");

    // The disclosure record holds the file's hash; the export is in the audit log.
    let sha = raw::query_strings(
        &f.path,
        "SELECT sha256 FROM disclosures WHERE recipient = 'politie'",
    )
    .unwrap();
    let bytes = std::fs::read(&police_pdf).unwrap();
    let digest = Command::new("sha256sum").arg(&police_pdf).output().unwrap();
    assert_eq!(
        sha[0],
        String::from_utf8_lossy(&digest.stdout).split(' ').next().unwrap()
    );
    assert!(!bytes.is_empty());
    let exports = raw::query_i64(
        &f.path,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'export' AND outcome = 'success'",
    )
    .unwrap();
    assert_eq!(exports, 3);
    // No temporary files are left behind, and the store stays sealed.
    let left: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    let hits = casus_tests::canary_hits(f.dir.path(), &["Exportlaan"]);
    assert!(
        hits.iter().all(|h| h.contains("exports")),
        "only the exports themselves may hold the address: {hits:?}"
    );
}

#[test]
fn markdown_and_html_exports_follow_the_same_rules() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let md = f.dir.path().join("plan.md");
    c.export_plan(&case, "politie", "md", &md).unwrap();
    let html = f.dir.path().join("plan.html");
    c.export_plan(&case, "politie", "html", &html).unwrap();
    c.lock().unwrap();
    for p in [&md, &html] {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(text.contains(POLICE) && !text.contains(HEALTH), "{}", p.display());
        assert!(
            text.contains("Voor: politie"),
            "the watermark names the recipient"
        );
    }
    assert!(std::fs::read_to_string(&html).unwrap().contains("lang=\"nl\""));
}

#[test]
fn hostile_or_impossible_output_paths_are_refused_and_nothing_is_written() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let dir = f.dir.path();
    for bad in [
        dir.join("../ontsnapt.pdf"),
        dir.join(".verborgen.pdf"),
        dir.join("CON.pdf"),
        dir.join("plan politie.pdf"),
        dir.join("bestaat-niet/plan.pdf"),
    ] {
        let e = c.export_plan(&case, "politie", "pdf", &bad).unwrap_err();
        assert!(
            matches!(e.code, ErrorCode::InvalidInput | ErrorCode::Io),
            "{}: {e:?}",
            bad.display()
        );
    }
    std::fs::write(dir.join("al-daar.pdf"), b"x").unwrap();
    assert!(
        c.export_plan(&case, "politie", "pdf", &dir.join("al-daar.pdf"))
            .is_err(),
        "never overwrites"
    );
    assert_eq!(std::fs::read(dir.join("al-daar.pdf")).unwrap(), b"x");
    // A recipient that does not take part is refused, and the attempt is logged.
    let e = c
        .export_plan(&case, "onderwijs", "pdf", &dir.join("plan-school.pdf"))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    c.lock().unwrap();
    let written: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("test.casus"))
        .collect();
    assert_eq!(
        written,
        ["al-daar.pdf"],
        "nothing but the file the test wrote itself"
    );
    assert!(!dir.parent().unwrap().join("ontsnapt.pdf").exists());
    let denied = raw::query_i64(
        &f.path,
        "SELECT COUNT(*) FROM audit_log WHERE event = 'export' AND outcome = 'denied'",
    )
    .unwrap();
    assert_eq!(denied, 1);
}

#[test]
fn minutes_per_recipient_leave_out_cases_it_does_not_take_part_in() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let other = c
        .case_new_json(br#"{"subject":{"name":"Andere Kanarie","born":"2001-01-01"}}"#)
        .unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter","minute_taker":"B. Notulist"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    c.meeting_agenda(&m, Some(&other), false).unwrap();
    c.meeting_decide_json(
        &m,
        &other,
        br#"{"kind":"decision","text":"geheim-besluit-andere-casus"}"#,
    )
    .unwrap();
    c.meeting_decide_json(&m, &case, br#"{"kind":"action","text":"Huisbezoek plannen","owner_org":"politie","owner_person":"Agent","deadline":"2026-12-01"}"#).unwrap();
    c.meeting_close(&m).unwrap();
    let pdf = f.dir.path().join("besluiten-politie.pdf");
    c.export_minutes(&m, "politie", "pdf", &pdf).unwrap();
    c.lock().unwrap();
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(text.contains("Huisbezoek"), "{text}");
    assert!(
        !text.contains("geheim-besluit-andere-casus"),
        "the police do not take part in the other case"
    );
    assert!(text.contains("Weggelaten: 1 agendapunt"));
}

/// Replaces every run of 8 or more hex digits (ids, hashes) with `<hex>`, so the snapshot holds
/// only what is meant to be stable.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for ch in text.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_hexdigit() && !ch.is_ascii_uppercase() {
            run.push(ch);
            continue;
        }
        if run.len() >= 8 && run.chars().any(|c| c.is_ascii_digit()) {
            out.push_str("<hex>");
        } else {
            out.push_str(&run);
        }
        run.clear();
        out.push(ch);
    }
    out.pop();
    out
}

#[test]
fn the_plan_export_for_the_police_matches_its_golden_snapshot() {
    // Fixed clock and fictional data: the document model, rendered as Markdown, is compared line by
    // line with tests/golden/plan-politie.md. Set CASUS_UPDATE_GOLDEN=1 to rewrite it after an
    // intended change, and read the diff.
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let md = f.dir.path().join("plan.md");
    c.export_plan(&case, "politie", "md", &md).unwrap();
    c.lock().unwrap();
    let got = normalise(&std::fs::read_to_string(&md).unwrap());
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/plan-politie.md");
    if std::env::var("CASUS_UPDATE_GOLDEN").is_ok() {
        std::fs::write(&golden, &got).unwrap();
    }
    let want = std::fs::read_to_string(&golden).expect("tests/golden/plan-politie.md exists");
    assert_eq!(got, want, "the export differs from its golden snapshot");
    assert!(!want.contains(HEALTH) && want.contains(POLICE));
}

#[test]
fn the_preview_shows_what_an_export_would_carry_and_writes_nothing() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let preview = c.export_plan_preview(&case, "politie").unwrap();
    assert!(
        preview.withheld.iter().any(|w| w.starts_with("gezondheid:ggz:")),
        "health data from the GGZ is left out for the police: {:?}",
        preview.withheld
    );
    assert!(
        preview.markdown.contains("Woonbegeleiding regelen"),
        "the plan's actions are in the preview"
    );
    assert!(
        !preview.markdown.contains(HEALTH),
        "the preview never shows what the export leaves out"
    );
    let ggz = c.export_plan_preview(&case, "ggz").unwrap();
    assert!(
        !ggz.markdown.contains(HEALTH),
        "even for the GGZ, an export never carries what its maker (the coordinator) may not see"
    );
    // A preview is a logged read, not an export: no disclosure record, no file.
    let disclosures = casus_store::raw::query_i64(&f.path, "SELECT COUNT(*) FROM disclosures").unwrap();
    assert_eq!(disclosures, 0, "a preview is not a disclosure");
    let files: Vec<_> = std::fs::read_dir(f.dir.path()).unwrap().collect();
    assert!(
        files.len() <= 4,
        "no export file appears beside the store: {files:?}"
    );
}

/// Stored codes are facts, not hints: a share whose category no longer parses (damage or
/// tampering) stops the export with an integrity error; it is not guessed to be a municipal signal.
#[test]
fn a_stored_code_that_does_not_parse_stops_the_export() {
    let (f, case) = setup();
    let mut c = f.unlock(COORD);
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    for (name, org) in [("Gemeente (fictief)", "gemeente"), ("Agent (fictief)", "politie")] {
        let id = c
            .meeting_attend_json(&m, format!(r#"{{"name":"{name}","org":"{org}"}}"#).as_bytes())
            .unwrap();
        c.meeting_ack(&m, &id).unwrap();
        c.meeting_presence(&m, &case, &id, true).unwrap();
    }
    c.meeting_share_json(
        &m,
        &case,
        br#"{"source":"politie","category":"politiegegevens","basis":"wpg_18_2","content":"kanarie-deling","to":["gemeente"]}"#,
    )
    .unwrap();
    let sound = f.dir.path().join("besluiten-gemeente.md");
    c.export_minutes(&m, "gemeente", "md", &sound).unwrap();
    c.lock().unwrap();
    // The codes are sealed (schema 7): the plain column is empty and ignored, and the sealed
    // value does not open once changed.
    assert_eq!(
        raw::query_i64(&f.path, "SELECT COUNT(*) FROM shares WHERE category <> ''").unwrap(),
        0
    );
    raw::execute_batch(&f.path, "UPDATE shares SET codes_ct = randomblob(64)").unwrap();
    let mut c = f.unlock(COORD);
    let damaged = f.dir.path().join("besluiten-gemeente-2.md");
    let e = c.export_minutes(&m, "gemeente", "md", &damaged).unwrap_err();
    assert_eq!(e.code, ErrorCode::Integrity, "{}", e.message);
    assert!(!damaged.exists(), "no document is written from a guess");
    c.lock().unwrap();
}

/// One user action, one read and one audit entry: a plan export writes exactly one entry (the
/// export itself, with its case and the file's SHA-256), not a plan read and a case read besides;
/// a preview writes exactly one plan read. The entry is committed before the file exists.
#[test]
fn a_plan_export_writes_exactly_one_audit_entry() {
    let (f, case) = setup();
    let count = || casus_store::raw::query_i64(&f.path, "SELECT COUNT(*) FROM audit_log").unwrap();
    let mut c = f.unlock(COORD);
    let before = count();
    let out = f.dir.path().join("een-entry.pdf");
    let done = c.export_plan(&case, "politie", "pdf", &out).unwrap();
    assert_eq!(count() - before, 1, "a plan export writes one audit entry");
    let events = casus_store::raw::query_i64(
        &f.path,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE seq > {before} AND event = 'export' AND case_id = '{case}'"
        ),
    )
    .unwrap();
    assert_eq!(events, 1, "the one entry is the export, with its case");
    assert!(std::path::Path::new(&done.path).exists());
    let before = count();
    c.export_plan_preview(&case, "politie").unwrap();
    assert_eq!(count() - before, 1, "a preview writes one plan read");
    let before = count();
    c.show_case(&case).unwrap();
    assert_eq!(count() - before, 1, "a case view writes one read");
    let meeting = c.meeting_list().unwrap().remove(0).id;
    let before = count();
    c.meeting_show(&meeting).unwrap();
    assert_eq!(count() - before, 1, "a meeting view writes one read");
    let before = count();
    let out = f.dir.path().join("besluiten.md");
    c.export_minutes(&meeting, "politie", "md", &out).unwrap();
    assert_eq!(count() - before, 1, "a minutes export writes one audit entry");
}

/// Code review, issue 10 item 6.7: an export file is created 0600, in a folder that is 0700
/// (created so, or tightened), and an existing name is never overwritten.
#[cfg(unix)]
#[test]
fn exports_are_0600_in_a_0700_folder_and_never_overwrite() {
    use std::os::unix::fs::PermissionsExt;
    let (f, case) = setup();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let fresh = f.dir.path().join("nieuw").join("exports");
    let folder = casus_app::export::private_folder(&fresh).unwrap();
    assert_eq!(mode(&folder), 0o700, "a new export folder is private");
    let open = f.dir.path().join("open-map");
    std::fs::create_dir(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o755)).unwrap();
    casus_app::export::private_folder(&open).unwrap();
    assert_eq!(mode(&open), 0o700, "an existing open folder is tightened");
    let mut c = f.unlock(COORD);
    let out = folder.join("plan-politie.md");
    c.export_plan(&case, "politie", "md", &out).unwrap();
    assert_eq!(mode(&out), 0o600, "only the exporting user reads the file");
    let first = std::fs::read(&out).unwrap();
    assert!(c.export_plan(&case, "politie", "md", &out).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), first, "never overwritten");
    c.lock().unwrap();
}

/// The names from issue 11: a subject, a case lead and an action owner whose names Windows-1252
/// cannot write.
const PERSON: &str = "Şükrü Yılmaz-Çelik";
const LEAD: &str = "İsmail Ağaoğlu";
const OWNER: &str = "Łukasz Wąs";

#[test]
fn a_plan_and_minutes_for_sukru_yilmaz_celik_carry_every_name_exactly_in_a_tagged_embedded_pdf() {
    let f = Fixture::new();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(
            format!(r#"{{"subject":{{"name":"{PERSON}","born":"2000-01-01"}},"notes":"n"}}"#).as_bytes(),
        )
        .unwrap();
    c.case_members(&case, Some("politie"), None).unwrap();
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "eerste bespreking", &[], None)
        .unwrap();
    let m = c
        .meeting_new_json(
            format!(r#"{{"held_on":"2026-11-22","chair":"{LEAD}","minute_taker":"{OWNER}"}}"#).as_bytes(),
        )
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    let plan = format!(
        r#"{{"municipality":"Gemeente Voorbeeldstad","case_lead_org":"gemeente","case_lead_person":"{LEAD}",
        "goals":[{{"id":"g1","domain":"wonen","text":"Heeft een stabiele woonplek"}}],
        "interventions":[{{"id":"a1","goal":"g1","kind":"zorg","description":"Gesprek met {PERSON}","owner_org":"gemeente",
        "owner_person":"{OWNER}","start":"2026-11-23","deadline":"2027-01-15"}}],"problem_analysis":"Fictieve analyse"}}"#
    );
    c.plan_revise_json(&case, plan.as_bytes()).unwrap();
    c.plan_adopt(&case, &m).unwrap();
    c.meeting_decide_json(
        &m,
        &case,
        format!(r#"{{"kind":"action","text":"Huisbezoek bij {PERSON}","owner_org":"politie","owner_person":"{OWNER}","deadline":"2026-12-01"}}"#)
            .as_bytes(),
    )
    .unwrap();
    c.meeting_close(&m).unwrap();
    let plan_pdf = f.dir.path().join("plan-politie.pdf");
    c.export_plan(&case, "politie", "pdf", &plan_pdf).unwrap();
    let minutes_pdf = f.dir.path().join("besluiten-politie.pdf");
    c.export_minutes(&m, "politie", "pdf", &minutes_pdf).unwrap();
    c.lock().unwrap();

    for (pdf, names) in [
        (&plan_pdf, [PERSON, LEAD, OWNER]),
        (&minutes_pdf, [PERSON, LEAD, OWNER]),
    ] {
        let p = pdf.to_str().unwrap();
        tool("qpdf", &["--check", p]);
        let text = tool("pdftotext", &[p, "-"]);
        for name in names {
            assert!(text.contains(name), "{name} is not exactly in {p}:\n{text}");
        }
        // The hand-made writer's WinAnsi fallback wrote "?ükrü Y?lmaz-Çelik".
        assert!(!text.contains("?ükrü") && !text.contains("Y?lmaz"), "{text}");
        // Only embedded, subset fonts.
        let fonts = tool("pdffonts", &[p]);
        let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                (cols[n - 5], cols[n - 4]),
                ("yes", "yes"),
                "not embedded and subset: {row}"
            );
        }
        // Tagged, in Dutch, PDF/A-2 and PDF/UA-1.
        let info = tool("pdfinfo", &[p]);
        assert!(info.contains("Tagged:          yes"), "{info}");
        let xmp = tool("pdfinfo", &["-meta", p]);
        for needle in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfuaid:part>1</pdfuaid:part>",
            "<rdf:li>nl</rdf:li>",
        ] {
            assert!(xmp.contains(needle), "{needle}:\n{xmp}");
        }
    }
}

#[test]
fn a_character_the_pdf_font_lacks_stops_the_pdf_with_a_dutch_message_and_writes_nothing() {
    let f = Fixture::new();
    let mut c = f.unlock(COORD);
    let case = c
        .case_new_json(
            "{\"subject\":{\"name\":\"Wang 王\",\"born\":\"2000-01-01\"},\"notes\":\"n\"}".as_bytes(),
        )
        .unwrap();
    c.case_members(&case, Some("politie"), None).unwrap();
    casus_tests::weigh_and_admit(&mut c, &case);
    c.case_transition(&case, "in_case_meeting", "eerste bespreking", &[], None)
        .unwrap();
    let m = c
        .meeting_new_json(br#"{"held_on":"2026-11-22","chair":"A. Voorzitter"}"#)
        .unwrap();
    c.meeting_agenda(&m, Some(&case), false).unwrap();
    c.plan_revise_json(&case, casus_plan().as_bytes()).unwrap();
    c.plan_adopt(&case, &m).unwrap();
    let before = raw::query_i64(&f.path, "SELECT COUNT(*) FROM audit_log WHERE event = 'export'").unwrap();
    let pdf = f.dir.path().join("plan-politie.pdf");
    let e = c.export_plan(&case, "politie", "pdf", &pdf).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
    assert!(
        e.message.contains("het teken") && e.message.contains("U+738B"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("HTML of Markdown"),
        "what to do next: {}",
        e.message
    );
    assert!(!pdf.exists(), "no file");
    let after = raw::query_i64(&f.path, "SELECT COUNT(*) FROM audit_log WHERE event = 'export'").unwrap();
    assert_eq!(after, before, "no export was logged");
    // HTML carries any text.
    let html = f.dir.path().join("plan-politie.html");
    c.export_plan(&case, "politie", "html", &html).unwrap();
    assert!(std::fs::read_to_string(&html).unwrap().contains("Wang 王"));
    c.lock().unwrap();
}
