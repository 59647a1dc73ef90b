-- Casusoverleg store, migration 0009: the organisation of each attendee of a meeting (with
-- presence per agenda item it says which organisations sat at the table for a person) and a
-- disclosure record's bases, categories and what was withheld (they repeat an item's categories,
-- sealed since migration 0007) move into `codes_ct` under the metadata key, as in migrations 0007
-- and 0008; the plain columns are left empty and older rows are sealed at the first unlock.
-- Migrations are append-only.

ALTER TABLE attendees ADD COLUMN codes_ct BLOB;
ALTER TABLE disclosures ADD COLUMN codes_ct BLOB;
