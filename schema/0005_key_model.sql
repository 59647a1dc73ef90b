-- Keys follow the policy (the need-to-know issue). The one master key every account shared is
-- replaced by key groups: a group epoch is one random secret whose X25519 public half anyone may
-- seal to; each account holds (`key_grants`) exactly the groups its role and organisation may hold
-- (the policy table says which); each case's data key, one per epoch, is sealed to the group of
-- each member organisation (`case_keys`). Rows that decide access are bound into the AAD of the
-- keys they unlock: an account's role and organisation into its grants, a case's member
-- organisation into its case-key wrap.

-- The account's own X25519 key pair: the public half in the clear (others seal to it), the secret
-- half sealed under the account's KEK (`bundle_ct`). `pending_ct` holds the secret under the old
-- master key for accounts that have not unlocked since the upgrade to this key model.
ALTER TABLE users ADD COLUMN box_public BLOB;
ALTER TABLE users ADD COLUMN bundle_ct BLOB;
ALTER TABLE users ADD COLUMN pending_ct BLOB;
-- The administrators' certificate over (id, role, organisation, public key): an Ed25519 signature by
-- the 'accounts' group, whose verify key every account's metadata grant binds. Keys reach only
-- certified accounts, so a row pasted in with sqlite3 gets nothing.
ALTER TABLE users ADD COLUMN cert BLOB;
-- The account's Ed25519 verify key (its signing key derives from its own secret); the certificate
-- covers it. Rows that decide access carry a signature by the account that wrote them.
ALTER TABLE users ADD COLUMN sign_public BLOB;

-- A membership is trusted (keys are passed on for it) only when a certified account that the
-- policy lets add organisations signed it.
ALTER TABLE case_members ADD COLUMN sig BLOB;
ALTER TABLE case_members ADD COLUMN signed_by TEXT;

-- One row per group epoch: 'meta', 'log', 'lookup' or 'org:<organisation code>'.
CREATE TABLE key_groups (
    grp        TEXT NOT NULL,
    epoch      INTEGER NOT NULL,
    public     BLOB NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (grp, epoch)
) STRICT;

-- A group epoch's secret sealed to one account's public key, bound to its id, role and organisation.
CREATE TABLE key_grants (
    grp     TEXT NOT NULL,
    epoch   INTEGER NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    wrapped BLOB NOT NULL,
    PRIMARY KEY (grp, epoch, user_id),
    FOREIGN KEY (grp, epoch) REFERENCES key_groups(grp, epoch)
) STRICT;

-- A case key epoch sealed to one member organisation's group epoch.
CREATE TABLE case_keys (
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    epoch     INTEGER NOT NULL,
    org       TEXT NOT NULL,
    org_epoch INTEGER NOT NULL,
    wrapped   BLOB NOT NULL,
    PRIMARY KEY (case_id, epoch, org)
) STRICT;
CREATE INDEX case_keys_by_org ON case_keys(org, case_id);

-- An item's own key, sealed to each organisation that may ever receive the item under the
-- covenant (and takes part in the case), or that a chair's signed override released it to. An
-- organisation that may never receive a category never holds the key of such an item.
CREATE TABLE item_keys (
    item_id   TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    case_id   TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org       TEXT NOT NULL,
    org_epoch INTEGER NOT NULL,
    wrapped   BLOB NOT NULL,
    PRIMARY KEY (item_id, org)
) STRICT;
CREATE INDEX item_keys_by_case ON item_keys(case_id, org);

-- "This organisation may need keys of this case": a hint for the next unlock of a holder (after an
-- organisation joins, an override, a covenant change). Processing a forged hint only recomputes
-- what the signed rows and the verified covenant allow.
CREATE TABLE key_requests (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    org     TEXT NOT NULL,
    PRIMARY KEY (case_id, org)
) STRICT;

ALTER TABLE overrides ADD COLUMN sig BLOB;
ALTER TABLE overrides ADD COLUMN signed_by TEXT;
ALTER TABLE covenants ADD COLUMN sig BLOB;
ALTER TABLE covenants ADD COLUMN signed_by TEXT;
