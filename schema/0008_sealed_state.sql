-- Casusoverleg store, migration 0008: a case's phase is sealed too. `cases.state` says whether a
-- person was admitted to the PGA against radicalisation and how far their case went; next to a
-- case id in a stolen copy that is itself sensitive. As in migration 0007, the phase moves into
-- `codes_ct` under the metadata key (bound to the case), and a transition's from and to phases
-- into its own `codes_ct`; the plain columns are left empty, and rows written before this
-- migration are sealed at the first unlock after it. Migrations are append-only.

ALTER TABLE cases ADD COLUMN codes_ct BLOB;
ALTER TABLE transitions ADD COLUMN codes_ct BLOB;
