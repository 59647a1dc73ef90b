-- Casusoverleg store, migration 0001: the foundation.
-- Plain columns hold only random ids, codes, dates, counts and hashes. Everything that identifies a
-- person is in a *_ct column: an AES-256-GCM envelope bound by its AAD to store, table, column, row
-- and case (see schema/README.md). Migrations are append-only: never edit this file, add the next one.

CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

-- Store-wide data keys (meta: account names; log: audit details; sign: the audit signing key),
-- each wrapped under the master key's wrapping subkey.
CREATE TABLE store_keys (
    purpose    TEXT PRIMARY KEY,
    wrapped    BLOB NOT NULL,
    mk_version INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    name_lookup     BLOB NOT NULL UNIQUE,   -- HMAC-SHA256(store id, lower-case account name)
    name_ct         BLOB NOT NULL,          -- account name, sealed under the meta key
    role            TEXT NOT NULL,
    org             TEXT NOT NULL,
    kdf_salt        BLOB NOT NULL,
    kdf_iterations  INTEGER NOT NULL,
    mk_wrapped      BLOB NOT NULL,          -- master key under this user's key-encryption key
    mk_version      INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    last_failure_at TEXT,
    created_at      TEXT NOT NULL
) STRICT;

-- After a rotation: master key version N+1 wrapped under version N, so that users who have not
-- unlocked since can move forward. Deleted once no user holds version N.
CREATE TABLE mk_transitions (
    from_version INTEGER PRIMARY KEY,
    next_wrapped BLOB NOT NULL
) STRICT;

CREATE TABLE cases (
    id          TEXT PRIMARY KEY,
    state       TEXT NOT NULL,
    key_wrapped BLOB NOT NULL,   -- the case's own data key, under the master key (crypto-shredding)
    mk_version  INTEGER NOT NULL,
    subject_ct  BLOB NOT NULL,   -- name, date of birth, BSN, address, sealed under the case key
    notes_ct    BLOB NOT NULL,   -- free-text notes, sealed under the case key
    bsn_lookup  BLOB,            -- HMAC under a master subkey, for "is this BSN already a case?"
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX cases_by_bsn ON cases(bsn_lookup) WHERE bsn_lookup IS NOT NULL;

CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,   -- 1, 2, 3, ... without gaps
    at           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    org          TEXT NOT NULL,
    on_behalf_of TEXT NOT NULL,
    device       TEXT NOT NULL,
    action       TEXT NOT NULL,
    event        TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    target_user  TEXT NOT NULL,
    checks       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    purpose      TEXT NOT NULL,
    details_ct   BLOB,                  -- sealed under the log key
    prev_hash    BLOB NOT NULL,
    entry_hash   BLOB NOT NULL
) STRICT;
CREATE INDEX audit_by_case ON audit_log(case_id) WHERE case_id <> '';
CREATE INDEX audit_by_user ON audit_log(user_id) WHERE user_id <> '';

-- Signed heads: Ed25519 over (store id, seq, entry hash, time). Verified with the public key in
-- store_meta, no decryption key needed.
CREATE TABLE audit_heads (
    seq        INTEGER PRIMARY KEY,
    entry_hash BLOB NOT NULL,
    signed_at  TEXT NOT NULL,
    signature  BLOB NOT NULL
) STRICT;

-- Guards against accidents (not against an attacker with the file: that is what the chain is for).
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_heads_append_only_update BEFORE UPDATE ON audit_heads
BEGIN SELECT RAISE(ABORT, 'the audit heads are append-only'); END;
CREATE TRIGGER audit_heads_append_only_delete BEFORE DELETE ON audit_heads
BEGIN SELECT RAISE(ABORT, 'the audit heads are append-only'); END;
