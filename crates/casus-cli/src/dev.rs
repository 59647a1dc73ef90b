//! `casus demo` and `casus bench`: the dev-only tools of casus-dev.

use casus_app::{AppError, ErrorCode};

use crate::context::{usage, Ctx};
use crate::output::print;

/// `casus demo`: the demo store (fictional people) at --store, if it does not exist yet.
pub fn demo(ctx: &Ctx) -> Result<(), AppError> {
    casus_dev::demo::ensure_demo_store(&ctx.store)?;
    print(ctx.json, &ctx.store.display().to_string(), |p| {
        format!(
            "demo store ready at {p}; unlock as '{}' with passphrase '{}'",
            casus_dev::demo::DEMO_USER,
            casus_dev::demo::DEMO_PASSPHRASE
        )
    })
}

/// `casus bench --cases N`: the figures of a throw-away store of N fictional cases.
pub fn bench(ctx: &Ctx, cases: u32) -> Result<(), AppError> {
    if cases == 0 {
        return Err(usage("--cases must be at least 1"));
    }
    let dir = std::env::temp_dir().join(format!("casus-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| AppError::new(ErrorCode::Io, e.to_string()))?;
    let result = casus_dev::bench::run(&dir, cases);
    let _ = std::fs::remove_dir_all(&dir);
    let r = result?;
    print(ctx.json, &r, |r| {
        format!(
            "casus bench: {} fictional cases ({})\n\
             create (import)        {:>10.1} ms total\n\
             unlock + index         {:>10.1} ms   (target <= 800 ms)\n\
             open a case            {:>10.3} ms   (target <= 50 ms)\n\
             search (with audit)    {:>10.3} ms   (target <= 10 ms)\n\
             search (index only)    {:>10.3} ms\n\
             save an edit           {:>10.3} ms\n\
             same write, plain      {:>10.3} ms\n\
             save/plain ratio       {:>10.2} x    (target <= 1.5)\n\
             audit verify           {:>10.1} ms for {} entries = {:.0} entries/s (target >= 1,000,000)\n\
             plan to PDF            {:>10.1} ms for {} pages, {} bytes (target <= 1,000 ms for 10 pages)\n\
             key rotation (removal) {:>10.1} ms for {} cases (target <= 5,000 ms for 10,000)\n\
             unlock after rotation  {:>10.1} ms\n\
             backup (verified)      {:>10.1} ms for {:.1} MB (target <= 5,000 ms for 10,000)\n\
             restore (verified)     {:>10.1} ms   (target <= 5,000 ms for 10,000)",
            r.cases,
            r.kdf_iterations_note,
            r.create_cases_ms,
            r.unlock_ms,
            r.open_case_ms,
            r.search_ms,
            r.search_index_only_ms,
            r.save_edit_ms,
            r.plain_rusqlite_write_ms,
            r.save_edit_ratio,
            r.audit_verify_ms,
            r.audit_entries,
            r.audit_verify_per_sec,
            r.plan_pdf_ms,
            r.plan_pdf_pages,
            r.plan_pdf_bytes,
            r.key_rotation_ms,
            r.key_rotation_cases,
            r.unlock_after_rotation_ms,
            r.backup_ms,
            r.backup_bytes as f64 / 1e6,
            r.restore_ms
        )
    })
}
