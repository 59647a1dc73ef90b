//! Passphrases: from a file (first line), an environment variable, or a prompt without echo on the
//! terminal (rpassword: the terminal's echo is switched off on Unix and Windows alike). Every copy
//! is held in a zeroizing buffer.

use std::io::IsTerminal;
use std::path::Path;

use casus_app::AppError;
use zeroize::Zeroizing;

use crate::context::usage;

/// Reads a passphrase: file (first line), environment variable, or a prompt without echo.
pub fn read_secret(file: Option<&Path>, env: &str, prompt: &str) -> Result<Zeroizing<String>, AppError> {
    if let Some(file) = file {
        let text = Zeroizing::new(
            std::fs::read_to_string(file)
                .map_err(|e| usage(format!("cannot read the passphrase file: {e}")))?,
        );
        return Ok(Zeroizing::new(
            text.lines().next().unwrap_or_default().to_string(),
        ));
    }
    if let Ok(value) = std::env::var(env) {
        return Ok(Zeroizing::new(value));
    }
    if std::io::stdin().is_terminal() {
        return prompt_no_echo(prompt);
    }
    Err(usage(format!(
        "no passphrase: give --passphrase-file or set {env}"
    )))
}

/// Asks on stderr and reads one line from the terminal with echo off; the line break after it goes
/// to stderr too, so stdout carries only the result.
fn prompt_no_echo(prompt: &str) -> Result<Zeroizing<String>, AppError> {
    let config = rpassword::ConfigBuilder::new()
        .output_writer(std::io::stderr())
        .build();
    rpassword::prompt_password_with_config(format!("{prompt}: "), config)
        .map(Zeroizing::new)
        .map_err(|e| usage(format!("cannot read the passphrase: {e}")))
}

/// Reads a new passphrase; when it was typed at the prompt, asks for it a second time.
pub fn new_secret(file: Option<&Path>) -> Result<Zeroizing<String>, AppError> {
    let first = read_secret(file, "CASUS_NEW_PASSPHRASE", "Nieuwe wachtwoordzin")?;
    if file.is_none() && std::env::var("CASUS_NEW_PASSPHRASE").is_err() && std::io::stdin().is_terminal() {
        let again = prompt_no_echo("Herhaal de nieuwe wachtwoordzin")?;
        if *again != *first {
            return Err(usage("the two passphrases differ"));
        }
    }
    Ok(first)
}
