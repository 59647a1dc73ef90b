//! `casus user`: accounts and passphrases.

use std::path::PathBuf;

use casus_app::{AppError, NewUser};
use clap::{Args, Subcommand};

use crate::context::Ctx;
use crate::output::print;
use crate::passphrase::new_secret;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an account (administrators only).
    Add(UserAdd),
    /// Change your own passphrase (only your copy of the master key is re-wrapped).
    Passwd {
        /// File with the new passphrase (first line); otherwise CASUS_NEW_PASSPHRASE or a prompt.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Remove an account (administrators only); rotates the master key.
    Remove { name: String },
    /// List accounts (administrators and the privacy officer).
    List,
}

#[derive(Args)]
pub struct UserAdd {
    #[arg(long)]
    name: String,
    /// coordinator, chair, weighing_member, partner_member, privacy_officer or admin.
    #[arg(long)]
    role: String,
    /// Organisation code.
    #[arg(long)]
    org: String,
    /// File with the new account's passphrase (first line); otherwise CASUS_NEW_PASSPHRASE or a prompt.
    #[arg(long)]
    new_passphrase_file: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, cmd: UserCommand) -> Result<(), AppError> {
    let json = ctx.json;
    match cmd {
        UserCommand::Add(add) => {
            let mut s = ctx.unlock()?;
            let pass = new_secret(add.new_passphrase_file.as_deref())?;
            let id = s.add_user(NewUser {
                name: &add.name,
                role: &add.role,
                org: &add.org,
                passphrase: &pass,
            })?;
            s.lock()?;
            print(json, &id, |id| id.clone())
        }
        UserCommand::Passwd { new_passphrase_file } => {
            let mut s = ctx.unlock()?;
            let pass = new_secret(new_passphrase_file.as_deref())?;
            s.change_passphrase(&pass)?;
            s.lock()?;
            print(json, &"ok", |_| "passphrase changed".into())
        }
        UserCommand::Remove { name } => {
            let mut s = ctx.unlock()?;
            s.remove_user(&name)?;
            s.lock()?;
            print(json, &"ok", |_| "user removed; the master key was rotated".into())
        }
        UserCommand::List => {
            let mut s = ctx.unlock()?;
            let users = s.list_users()?;
            s.lock()?;
            print(json, &users, |us| {
                us.iter()
                    .map(|u| {
                        format!(
                            "{}  {:<20} {:<16} {:<12}{}",
                            u.id,
                            u.name,
                            u.role,
                            u.org,
                            if u.rotation_pending {
                                "  (wacht op sleutels: een collega van deze organisatie moet inloggen)"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
    }
}
