//! Migrations from `schema/NNNN_slug.sql`, embedded at build time. Append-only: each applied
//! migration's SHA-256 is recorded in the store and checked on every open, and a store whose
//! `user_version` is newer than this program is refused before anything is written.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// One migration: its number, its file name and its SQL.
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration this program knows, in order. Add the next file here; never edit an old one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_init.sql",
        sql: include_str!("../../../schema/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "0002_pga.sql",
        sql: include_str!("../../../schema/0002_pga.sql"),
    },
    Migration {
        version: 3,
        name: "0003_meetings_plans.sql",
        sql: include_str!("../../../schema/0003_meetings_plans.sql"),
    },
    Migration {
        version: 4,
        name: "0004_audit_witness.sql",
        sql: include_str!("../../../schema/0004_audit_witness.sql"),
    },
    Migration {
        version: 5,
        name: "0005_key_model.sql",
        sql: include_str!("../../../schema/0005_key_model.sql"),
    },
    Migration {
        version: 6,
        name: "0006_share_keys.sql",
        sql: include_str!("../../../schema/0006_share_keys.sql"),
    },
    Migration {
        version: 7,
        name: "0007_sealed_codes.sql",
        sql: include_str!("../../../schema/0007_sealed_codes.sql"),
    },
    Migration {
        version: 8,
        name: "0008_sealed_state.sql",
        sql: include_str!("../../../schema/0008_sealed_state.sql"),
    },
    Migration {
        version: 9,
        name: "0009_sealed_attendance.sql",
        sql: include_str!("../../../schema/0009_sealed_attendance.sql"),
    },
    Migration {
        version: 10,
        name: "0010_decision_keys.sql",
        sql: include_str!("../../../schema/0010_decision_keys.sql"),
    },
    Migration {
        version: 11,
        name: "0011_case_numbers.sql",
        sql: include_str!("../../../schema/0011_case_numbers.sql"),
    },
];

/// The newest schema version this program knows.
pub fn latest() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The SHA-256 of a migration's text, lower-case hex.
pub fn checksum(sql: &str) -> String {
    casus_crypto::to_hex(&casus_crypto::sha256(sql.as_bytes()))
}

pub(crate) fn refuse_if_too_new(conn: &Connection) -> Result<()> {
    let found: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|_| StoreError::NotAStore)?;
    if found > latest() {
        return Err(StoreError::TooNew {
            found,
            supported: latest(),
        });
    }
    Ok(())
}

pub(crate) fn check_applied(conn: &Connection) -> Result<()> {
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version == 0 {
        return Err(StoreError::NotAStore);
    }
    let mut stmt = conn.prepare("SELECT version, checksum FROM schema_migrations ORDER BY version")?;
    let applied = stmt
        .query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|_| StoreError::NotAStore)?;
    if applied.len() != version as usize {
        return Err(StoreError::Integrity(
            "the migration record does not match the schema version".into(),
        ));
    }
    for (version, sum) in applied {
        let known = MIGRATIONS
            .iter()
            .find(|m| m.version == version)
            .ok_or(StoreError::MigrationMismatch { version })?;
        if checksum(known.sql) != sum {
            return Err(StoreError::MigrationMismatch { version });
        }
    }
    Ok(())
}

/// Applies every migration newer than the store, each in its own transaction that also records its
/// checksum and sets `user_version`. Checks the ones already applied first.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             checksum   TEXT NOT NULL
         ) STRICT;",
    )?;
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > 0 {
        check_applied(conn)?;
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES (?1, ?2, ?3)",
            rusqlite::params![m.version, m.name, checksum(m.sql)],
        )?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_after_another_and_named_after_their_number() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                m.version as usize,
                i + 1,
                "versions are 1, 2, 3, ... without gaps"
            );
            assert!(
                m.name.starts_with(&format!("{:04}_", m.version)),
                "{} is named NNNN_slug.sql",
                m.name
            );
        }
    }

    #[test]
    fn every_schema_file_is_embedded_and_matches_the_recorded_checksum() {
        // schema/CHECKSUMS is the append-only record: a line per migration, never changed once
        // written. Editing an old migration breaks this test (and every store made with it).
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|m| m.name).collect();
        assert_eq!(
            files, embedded,
            "every schema/*.sql file is listed in MIGRATIONS, in order"
        );
        let recorded = std::fs::read_to_string(dir.join("CHECKSUMS")).unwrap();
        for m in MIGRATIONS {
            let line = format!("{}  {}", checksum(m.sql), m.name);
            assert!(
                recorded.lines().any(|l| l == line),
                "schema/CHECKSUMS records {line}"
            );
        }
    }

    #[test]
    fn each_migration_is_valid_sql_on_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let v: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, latest());
        migrate(&mut conn).expect("migrating twice is a no-op");
    }

    #[test]
    fn a_changed_migration_record_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        conn.execute(
            "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1",
            [],
        )
        .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(StoreError::MigrationMismatch { version: 1 })
        ));
    }
}
