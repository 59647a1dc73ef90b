-- Casusoverleg store, migration 0007: the codes that tell what kind of information a case holds
-- are sealed (the need-to-know issue, "what a copy of the file shows"). Next to a case id, an
-- item's category (gezondheid, levensovertuiging, strafrechtelijk), its source and basis, a
-- weighing's outcome ("admitted to the PGA"), a share's recipients, a decision's kind and owner and
-- an agenda item's reason are themselves sensitive; a stolen copy of the file must not show them.
-- Each table gets `codes_ct`: those codes as one sealed value under the metadata key, bound by its
-- AAD to store, table, row and case. New rows leave the plain columns empty (''); rows written
-- before this migration are sealed, and their plain columns emptied, at the first unlock after it
-- (any account holds the metadata key). Migrations are append-only: never edit this file.

ALTER TABLE items ADD COLUMN codes_ct BLOB;
ALTER TABLE shares ADD COLUMN codes_ct BLOB;
ALTER TABLE weighings ADD COLUMN codes_ct BLOB;
ALTER TABLE decisions ADD COLUMN codes_ct BLOB;
ALTER TABLE agenda_items ADD COLUMN codes_ct BLOB;
