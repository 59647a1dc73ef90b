-- Casusoverleg store, migration 0010: a decision's own key (the need-to-know issue). What a
-- meeting agreed reaches the organisations that may ever receive the municipality's decisions
-- under the covenant, not every member of the case: its text is sealed under a key of its own,
-- sealed to exactly those member organisations (`decision_keys`). Decisions written before this
-- migration stay under the case key (`own_key = 0`) until a holder of that key unlocks, who moves
-- each to its own key. Migrations are append-only.

ALTER TABLE decisions ADD COLUMN own_key INTEGER NOT NULL DEFAULT 0;

CREATE TABLE decision_keys (
    decision_id TEXT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org         TEXT NOT NULL,
    org_epoch   INTEGER NOT NULL,
    wrapped     BLOB NOT NULL,
    PRIMARY KEY (decision_id, org)
) STRICT;
CREATE INDEX decision_keys_by_case ON decision_keys(case_id, org);
