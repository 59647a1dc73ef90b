-- Casusoverleg store, migration 0004: every signed audit head names its signer and carries the
-- Ed25519 public key that made its signature, so `audit verify` checks each head with its own key
-- and a witness kept outside the store can tell a head re-signed with another key. Heads written
-- before this migration keep `signer = 'store'` and a NULL key: they were signed by the store key
-- (`store_meta.audit_public_key`).

ALTER TABLE audit_heads ADD COLUMN signer TEXT NOT NULL DEFAULT 'store';
ALTER TABLE audit_heads ADD COLUMN public_key BLOB;
