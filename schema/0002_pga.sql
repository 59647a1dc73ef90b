-- Casusoverleg store, migration 0002: the PGA domain. Lifecycle history, member organisations,
-- signals and other case items, weighings, covenant versions, overrides, retention and destruction.
-- As before: plain columns hold ids, codes, dates and counts; *_ct columns are sealed under the
-- case's own key, so destroying that key (and these rows) destroys the case.

ALTER TABLE cases ADD COLUMN closed_on TEXT;       -- date the case left the PGA (retention starts)
ALTER TABLE cases ADD COLUMN destroy_after TEXT;   -- closed_on + the covenant's retention
ALTER TABLE cases ADD COLUMN next_review TEXT;     -- next review date set by the last decision
ALTER TABLE cases ADD COLUMN inform_ct BLOB;       -- the inform-the-person decision, sealed
ALTER TABLE cases ADD COLUMN inform_review TEXT;   -- when that decision is reviewed

-- Organisations taking part in a case: only their users can see it (need-to-know).
CREATE TABLE case_members (
    case_id  TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org      TEXT NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (case_id, org)
) STRICT;

-- Every lifecycle decision: who, when, from, to; the reason and who was present are sealed.
CREATE TABLE transitions (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    at          TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    next_review TEXT,
    details_ct  BLOB NOT NULL,
    UNIQUE (case_id, seq)
) STRICT;

-- What partners bring to a case: signals and information, each with its source, data category and
-- legal basis in plain (the covenant decides on those), the content sealed.
CREATE TABLE items (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    source_org  TEXT NOT NULL,
    category    TEXT NOT NULL,
    basis       TEXT NOT NULL,
    reliability TEXT NOT NULL,
    received_on TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    content_ct  BLOB NOT NULL
) STRICT;
CREATE INDEX items_by_case ON items(case_id);

-- Weighings by the weighing team: outcome and the organisations present in plain; names of those
-- present, the criteria answers and the rationale sealed.
CREATE TABLE weighings (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    present_orgs TEXT NOT NULL,
    details_ct   BLOB NOT NULL
) STRICT;
CREATE INDEX weighings_by_case ON weighings(case_id, at);

-- A chair's override of a covenant deny for one item and one organisation; flagged for the FG.
CREATE TABLE overrides (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    item_id   TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    org       TEXT NOT NULL,
    at        TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    reason_ct BLOB NOT NULL,
    UNIQUE (item_id, org)
) STRICT;

-- Covenant versions: policy text, not personal data, kept in plain so that every past verdict stays
-- explainable. Exactly one is active.
CREATE TABLE covenants (
    version_no  INTEGER PRIMARY KEY,
    covenant_id TEXT NOT NULL,
    version     TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    text        TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The first of the two destruction approvals.
CREATE TABLE retention_approvals (
    case_id  TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    first_by TEXT NOT NULL,
    first_at TEXT NOT NULL
) STRICT;

-- Destruction certificates: no personal data, kept after the case is gone.
CREATE TABLE destructions (
    case_id         TEXT PRIMARY KEY,
    closed_on       TEXT NOT NULL,
    destroy_after   TEXT NOT NULL,
    destroyed_at    TEXT NOT NULL,
    first_by        TEXT NOT NULL,
    second_by       TEXT NOT NULL,
    covenant        TEXT NOT NULL,
    key_fingerprint TEXT NOT NULL
) STRICT;
