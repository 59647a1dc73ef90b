-- Casusoverleg store, migration 0006: a share's own key (the need-to-know issue, step 2).
-- What is said in a meeting goes to the organisations it was given to, not to every member of the
-- case. Its content is sealed under a key of its own, bound by the AAD to its source, category,
-- basis and recipients, and that key is sealed to exactly the source and the recipients that take
-- part in the case and may ever receive it under the covenant (`share_keys`). Shares written before
-- this migration stay under the case key (`own_key = 0`) until a holder of that key unlocks, who
-- moves each to its own key. Migrations are append-only: never edit this file, add the next one.

ALTER TABLE shares ADD COLUMN own_key INTEGER NOT NULL DEFAULT 0;

CREATE TABLE share_keys (
    share_id  TEXT NOT NULL REFERENCES shares(id) ON DELETE CASCADE,
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org       TEXT NOT NULL,
    org_epoch INTEGER NOT NULL,
    wrapped   BLOB NOT NULL,
    PRIMARY KEY (share_id, org)
) STRICT;
CREATE INDEX share_keys_by_case ON share_keys(case_id, org);
CREATE INDEX shares_by_case ON shares(case_id);
