//! `casus init`: a new store and its first administrator.

use casus_app::{AppError, ErrorCode, NewStore, Session};
use clap::Args;

use crate::context::Ctx;
use crate::output::print;
use crate::passphrase::new_secret;

#[derive(Args)]
pub struct Init {
    #[arg(long)]
    admin: String,
    /// Organisation code of the administrator (gemeente, politie, om, rvdk, reclassering, zvh, ggz, jeugdzorg, onderwijs).
    #[arg(long)]
    org: String,
}

pub fn init(ctx: &Ctx, Init { admin, org }: Init) -> Result<(), AppError> {
    if let Some(dir) = ctx.store.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| AppError::new(ErrorCode::Io, format!("cannot create the folder: {e}")))?;
    }
    let pass = new_secret(ctx.passphrase_file.as_deref())?;
    let mut session = Session::init(
        &ctx.store,
        NewStore {
            admin_name: &admin,
            org: &org,
            passphrase: &pass,
        },
        std::sync::Arc::new(casus_app::clock::SystemClock),
    )?;
    session.set_witness_dir(casus_app::witness::default_dir());
    let me = session.me().clone();
    session.lock()?;
    print(ctx.json, &me, |m| {
        format!(
            "store created at {}; administrator {} ({})",
            ctx.store.display(),
            m.name,
            m.id
        )
    })
}
