-- Casusoverleg store, migration 0003: case meetings (agenda, attendance per item, confidentiality
-- acknowledgements, shares with their covenant verdicts, decisions, locked minutes and addenda) and
-- the plan of approach (versioned, adopted in a meeting), plus the disclosure record of every export.
-- Meeting-level text (place, names of attendees) is sealed under the store's meta key; everything
-- about one case is sealed under that case's key and deleted with it.

CREATE TABLE meetings (
    id           TEXT PRIMARY KEY,
    held_on      TEXT NOT NULL,           -- date of the meeting
    status       TEXT NOT NULL,           -- open | closed
    ack_version  TEXT NOT NULL,           -- version of the confidentiality text
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    closed_at    TEXT,
    minutes_hash TEXT,                    -- SHA-256 of the locked minutes (hex)
    details_ct   BLOB NOT NULL            -- place, chair, minute-taker (sealed, meta key)
) STRICT;

CREATE TABLE attendees (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    org        TEXT NOT NULL,
    acked_at   TEXT,                      -- when they acknowledged confidentiality
    details_ct BLOB NOT NULL              -- name and role (sealed, meta key)
) STRICT;
CREATE INDEX attendees_by_meeting ON attendees(meeting_id);

CREATE TABLE agenda_items (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    case_id    TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    reason     TEXT NOT NULL,             -- new_admission | evaluation_due | actions_overdue | new_signals | manual
    opened_at  TEXT,
    UNIQUE (meeting_id, case_id)
) STRICT;

-- Who is in the room for an item: a row per attendee who is present for it.
CREATE TABLE item_presence (
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
    since       TEXT NOT NULL,
    PRIMARY KEY (item_id, attendee_id)
) STRICT;

-- Every share in a meeting, with the covenant's verdict for each organisation present.
CREATE TABLE shares (
    id          TEXT PRIMARY KEY,
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    source_org  TEXT NOT NULL,
    category    TEXT NOT NULL,
    basis       TEXT NOT NULL,
    allowed_to  TEXT NOT NULL,            -- comma-separated organisations the covenant allowed
    denied_to   TEXT NOT NULL,            -- comma-separated organisations it refused
    covenant    TEXT NOT NULL,
    content_ct  BLOB NOT NULL             -- what was shared (sealed, case key)
) STRICT;

-- Besluitvorming: decisions and actions per item; later corrections are addenda.
CREATE TABLE decisions (
    id          TEXT PRIMARY KEY,
    item_id     TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,            -- decision | action | case_lead | evaluation | scale | inform | judgement | addendum
    owner_org   TEXT,
    deadline    TEXT,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    details_ct  BLOB NOT NULL             -- text, owner person, ... (sealed, case key)
) STRICT;
CREATE INDEX decisions_by_case ON decisions(case_id);

-- The plan of approach: every version kept; the content sealed under the case key.
CREATE TABLE plans (
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    adopted_in  TEXT,                     -- meeting id when this version was adopted
    adopted_at  TEXT,
    content_ct  BLOB NOT NULL,
    PRIMARY KEY (case_id, version)
) STRICT;

-- Every export: to whom, why, on which basis, which categories, and the hash of the file.
CREATE TABLE disclosures (
    id          TEXT PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- plan | minutes
    case_id     TEXT,
    meeting_id  TEXT,
    recipient   TEXT NOT NULL,
    purpose     TEXT NOT NULL,
    bases       TEXT NOT NULL,
    categories  TEXT NOT NULL,
    withheld    TEXT NOT NULL,
    format      TEXT NOT NULL,
    sha256      TEXT NOT NULL
) STRICT;
