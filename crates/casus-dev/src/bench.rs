//! `casus bench`: builds a throw-away store of N fictional cases and measures what a coordinator
//! feels — unlock, open a case, search, save an edit (against the same write in plain rusqlite, in
//! the same run) — and how fast the audit log verifies. Figures, not pass/fail: the targets live in
//! shared/security.md and the README.

use std::path::Path;
use std::time::{Duration, Instant};

use casus_app::cases::CaseForm;
use casus_app::{AppError, NewStore, NewUser, Session};
use serde::Serialize;

const PASS: &str = "bench passphrase for fictional data";

/// The measured figures.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub cases: u32,
    pub kdf_iterations_note: String,
    pub create_cases_ms: f64,
    pub unlock_ms: f64,
    pub open_case_ms: f64,
    pub search_ms: f64,
    pub search_index_only_ms: f64,
    pub save_edit_ms: f64,
    pub plain_rusqlite_write_ms: f64,
    pub save_edit_ratio: f64,
    pub audit_entries: u64,
    pub audit_verify_ms: f64,
    pub audit_verify_per_sec: f64,
    pub plan_pdf_pages: usize,
    pub plan_pdf_ms: f64,
    /// The size of that PDF (Noto Sans subset embedded, tagged, PDF/A-2a).
    pub plan_pdf_bytes: usize,
    /// Removing a coordinator: every key group it held gets a new epoch and every case of its
    /// organisation a new case-key epoch, in one transaction.
    pub key_rotation_ms: f64,
    pub key_rotation_cases: usize,
    /// Unlock + index after that rotation (each case now has two key epochs to open).
    pub unlock_after_rotation_ms: f64,
    /// A verified backup by the coordinator (snapshot, checks incl. the test decryption, hash,
    /// signature, sync), and its size.
    pub backup_ms: f64,
    pub backup_bytes: u64,
    /// A verified restore of that backup into a new store (no passphrase).
    pub restore_ms: f64,
}

/// A plan of approach of about ten pages (fictional), as the export builds it.
fn ten_page_plan() -> casus_export::Document {
    use casus_export::Block;
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: "1. Kop".into(),
        },
        Block::KeyValues(vec![
            ("Casus".into(), "0".repeat(32)),
            ("Regievoerder".into(), "Gemeente Voorbeeldstad".into()),
        ]),
        Block::Heading {
            level: 1,
            text: "2. Probleemanalyse".into(),
        },
    ];
    for i in 0..10 {
        blocks.push(Block::Paragraph(
            format!("Fictieve analyse, alinea {i}. ").repeat(30),
        ));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: "3. Doelen en interventies".into(),
    });
    blocks.push(Block::Table {
        caption: Some("Interventies".into()),
        headers: ["Actie", "Doel", "Soort", "Omschrijving", "Eigenaar", "Start", "Deadline", "Status"].map(String::from).to_vec(),
        rows: (0..130)
            .map(|i| {
                vec![
                    format!("a{i}"),
                    format!("g{}", i % 6),
                    "zorg".into(),
                    format!("Fictieve interventie {i} met een omschrijving die over meer regels loopt in de tabel"),
                    "gemeente Medewerker (fictief)".into(),
                    "2026-12-01".into(),
                    "2027-03-15".into(),
                    "planned".into(),
                ]
            })
            .collect(),
        widths: Some(vec![0.6, 0.5, 0.8, 2.4, 1.4, 0.9, 0.9, 0.7]),
    });
    blocks.push(Block::Notice(
        "Weggelaten voor deze ontvanger (convenant): 2 × gezondheidsgegevens (ggz)".into(),
    ));
    casus_export::Document {
        title: "Plan van aanpak".into(),
        subtitle: Some("Meting".into()),
        organisation: "Gemeente Voorbeeldstad".into(),
        marking: "VERTROUWELIJK".into(),
        watermark: Some("Voor: politie · bench · 2026-11-22 · export 00000000".into()),
        footer: "Export 00000000 · logboek 0000000000000000".into(),
        audit_head: None,
        created: casus_export::Timestamp {
            year: 2026,
            month: 11,
            day: 22,
            hour: 9,
            minute: 0,
            second: 0,
        },
        blocks,
    }
}

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples.get(samples.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn name_for(i: u32) -> String {
    const FIRST: [&str; 8] = [
        "Bench", "Proef", "Test", "Oefen", "Model", "Schets", "Dummy", "Fictie",
    ];
    format!("{} Persoon {i:06}", FIRST[(i % 8) as usize])
}

/// Runs the benchmark in `dir` (a temporary folder the caller removes).
pub fn run(dir: &Path, cases: u32) -> Result<BenchReport, AppError> {
    let path = dir.join("bench.casus");
    let mut admin = Session::init(
        &path,
        NewStore {
            admin_name: "bench-admin",
            org: "gemeente",
            passphrase: PASS,
        },
        std::sync::Arc::new(casus_app::clock::SystemClock),
    )?;
    for name in ["bench", "bench-leaver"] {
        admin.add_user(NewUser {
            name,
            role: "coordinator",
            org: "gemeente",
            passphrase: PASS,
        })?;
    }
    admin.lock()?;

    let mut s = Session::unlock(&path, "bench", PASS)?;
    let start = Instant::now();
    let mut done = 0;
    while done < cases {
        let batch = (cases - done).min(casus_domain::limits::IMPORT_MAX_CASES as u32);
        let list: Vec<_> = (done..done + batch)
            .map(|i| {
                serde_json::json!({"subject": {"name": name_for(i), "born": "1990-05-17", "address": "Benchstraat 1"},
                                   "notes": "Fictieve notitie voor de meting. ".repeat(20)})
            })
            .collect();
        s.case_import_json(serde_json::json!({ "cases": list }).to_string().as_bytes())?;
        done += batch;
    }
    let create = start.elapsed();
    let ids: Vec<String> = s.list_cases(None)?.into_iter().map(|c| c.id).collect();
    s.lock()?;

    let mut unlocks = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let s = Session::unlock(&path, "bench", PASS)?;
        unlocks.push(t.elapsed());
        s.lock()?;
    }
    unlocks.sort();
    let mut s = Session::unlock(&path, "bench", PASS)?;

    let rounds = 200u32;
    let pick = |i: u32| &ids[((u64::from(i) * 7919) % ids.len().max(1) as u64) as usize];
    let t = Instant::now();
    for i in 0..rounds {
        s.show_case(pick(i))?;
    }
    let open = t.elapsed() / rounds;

    let t = Instant::now();
    for i in 0..rounds {
        s.list_cases(Some(&format!("persoon {:04}", (i * 37) % 10_000)))?;
    }
    let search = t.elapsed() / rounds;
    let t = Instant::now();
    for i in 0..rounds {
        s.bench_index_search(&format!("persoon {:04}", (i * 37) % 10_000));
    }
    let search_index = t.elapsed() / rounds;

    // Save an edit against the same write in plain rusqlite, interleaved one by one so both meet
    // the same disk (fsync times on a shared VM swing by 10x within seconds); medians of each.
    let notes = "Bijgewerkte fictieve notitie voor de meting. ".repeat(20);
    let mut plain_writer =
        casus_store::baseline::PlainWriter::create(&dir.join("plain.sqlite"), notes.as_bytes())?;
    let mut edits = Vec::with_capacity(rounds as usize);
    let mut plains = Vec::with_capacity(rounds as usize);
    for i in 0..rounds {
        let text = format!("{notes}{i}");
        let t = Instant::now();
        s.edit_case(
            pick(i),
            CaseForm {
                notes: Some(text.clone()),
                ..CaseForm::default()
            },
        )?;
        edits.push(t.elapsed());
        plains.push(plain_writer.write(text.as_bytes())?);
    }
    let edit = median(&mut edits);
    let plain = median(&mut plains);

    // A key rotation: the leaver receives the municipality's keys (a colleague's unlock passes
    // them on), then the administrator removes it.
    s.lock()?;
    Session::unlock(&path, "bench", PASS)?.lock()?;
    Session::unlock(&path, "bench-leaver", PASS)?.lock()?;
    let mut admin = Session::unlock(&path, "bench-admin", PASS)?;
    let t = Instant::now();
    admin.remove_user("bench-leaver")?;
    let rotation = t.elapsed();
    admin.lock()?;
    let t = Instant::now();
    let mut s = Session::unlock(&path, "bench", PASS)?;
    let unlock_after_rotation = t.elapsed();
    let rotated_cases = s.openable_cases()?.len();

    // Pad the log so the verification rate is measured over a meaningful number of entries.
    let target = (u64::from(cases) * 10).max(100_000);
    s.bench_pad_audit_log(target)?;
    s.lock()?;
    let t = Instant::now();
    let report = casus_app::audit_log::verify(&path)?;
    let verify = t.elapsed();
    if !report.intact {
        return Err(AppError::integrity("the bench store's audit log does not verify"));
    }
    let doc = ten_page_plan();
    let mut renders = Vec::new();
    let mut bytes = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let pdf = casus_export::render_pdf(&doc)
            .map_err(|e| AppError::new(casus_app::ErrorCode::Internal, format!("bench plan: {e}")))?;
        renders.push(t.elapsed());
        bytes = std::hint::black_box(pdf.len());
    }
    let plan_pdf = median(&mut renders);

    // A verified backup of the whole store (its padded log included), and its verified restore.
    let backup_file = dir.join("bench.casusbak");
    let mut s = Session::unlock(&path, "bench", PASS)?;
    let t = Instant::now();
    let made = s.backup(&backup_file)?;
    let backup = t.elapsed();
    s.lock()?;
    let t = Instant::now();
    let restored = casus_app::backup::restore(&backup_file, &dir.join("restored.casus"))?;
    let restore = t.elapsed();
    if restored.head_hash != made.head_hash || restored.cases != u64::from(cases) {
        return Err(AppError::integrity(
            "the bench backup did not restore what it holds",
        ));
    }
    Ok(BenchReport {
        cases,
        kdf_iterations_note:
            "unlock includes PBKDF2 at the calibrated iteration count (CASUS_KDF_TARGET_MS, default 500 ms)"
                .into(),
        create_cases_ms: ms(create),
        unlock_ms: ms(unlocks[1]),
        open_case_ms: ms(open),
        search_ms: ms(search),
        search_index_only_ms: ms(search_index),
        save_edit_ms: ms(edit),
        plain_rusqlite_write_ms: ms(plain),
        save_edit_ratio: edit.as_secs_f64() / plain.as_secs_f64().max(1e-9),
        audit_entries: report.entries,
        audit_verify_ms: ms(verify),
        audit_verify_per_sec: report.entries as f64 / verify.as_secs_f64().max(1e-9),
        plan_pdf_pages: casus_export::pdf_page_count(&doc),
        plan_pdf_ms: ms(plan_pdf),
        plan_pdf_bytes: bytes,
        key_rotation_ms: ms(rotation),
        key_rotation_cases: rotated_cases,
        unlock_after_rotation_ms: ms(unlock_after_rotation),
        backup_ms: ms(backup),
        backup_bytes: made.bytes,
        restore_ms: ms(restore),
    })
}
