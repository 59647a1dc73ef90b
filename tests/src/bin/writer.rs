//! A child process for the crash and two-process tests.
//!
//! `casus-test-writer write STORE USER PASS` creates cases forever, printing each new id on stdout
//! only after its transaction committed (an acknowledged write). `... hold STORE USER PASS` unlocks
//! and waits until killed.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, store, user, pass] = args.as_slice() else {
        eprintln!("usage: casus-test-writer write|hold STORE USER PASS");
        std::process::exit(2);
    };
    let mut session = match casus_app::Session::unlock(std::path::Path::new(store), user, pass) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", e.message);
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    if mode == "hold" {
        let _ = writeln!(out, "holding");
        let _ = out.flush();
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
    for i in 0u64.. {
        let json = format!(
            r#"{{"subject":{{"name":"Crash Kanarie {i}","born":"2000-01-01","address":"Valweg {i}"}},"notes":"{}"}}"#,
            "x".repeat((i % 7 * 500) as usize)
        );
        match session.case_new_json(json.as_bytes()) {
            Ok(id) => {
                let _ = writeln!(out, "{id}");
                let _ = out.flush();
            }
            Err(e) => {
                eprintln!("{}", e.message);
                std::process::exit(1);
            }
        }
    }
}
