//! `casus backup` and `casus restore`: a verified backup of the whole (sealed) store, and restoring
//! one as a new store. Restore needs no passphrase; a damaged backup exits 5 and writes nothing.

use std::path::Path;

use casus_app::{AppError, BackupReport};

use crate::context::{with_session, Ctx};
use crate::output::print;

fn describe(verb: &str, r: &BackupReport) -> String {
    format!(
        "{verb} {}\n  store {} (schema {}), {} cases, {} accounts, {} log entries\n  audit head: entry {} hash {}\n  made {}; {} bytes; sha256 {}",
        r.path,
        r.store,
        r.schema,
        r.cases,
        r.accounts,
        r.entries,
        r.head_seq,
        r.head_hash,
        r.made_at,
        r.bytes,
        r.sha256
    )
}

pub fn backup(ctx: &Ctx, out: &Path) -> Result<(), AppError> {
    with_session(
        ctx,
        |s| crate::output::busy("reservekopie maken en controleren", || s.backup(out)),
        |r| describe("backup written and verified:", r),
    )
}

pub fn restore(ctx: &Ctx, file: &Path) -> Result<(), AppError> {
    let dir = casus_app::witness::default_dir();
    let report = crate::output::busy("reservekopie controleren en terugzetten", || {
        casus_app::backup::restore_with_witness(file, &ctx.store, dir.as_deref())
    })?;
    print(ctx.json, &report, |r| {
        let mut text = describe("backup verified and restored to", r);
        if let Some(seq) = r.witnessed_seq {
            text.push_str(&format!(
                "\n  note: this machine's witness saw entry {seq} of this store; entries {} to {seq} are not in \
                 this backup and are lost with it (`casus audit verify` here will report the log as truncated)",
                r.head_seq + 1
            ));
        }
        text
    })
}

pub fn check(ctx: &Ctx, file: &Path) -> Result<(), AppError> {
    let report = crate::output::busy("proefterugzetting", || casus_app::backup::practice_restore(file))?;
    print(ctx.json, &report, |r| describe("practice restore succeeded:", r))
}
