-- Casusoverleg store, migration 0011: a case number a person can say aloud (the documents issue).
-- Every case gets a short number, `YYYY-NNNN` (the year it was opened, then a counter of that year
-- from 0001; past 9999 it simply grows a digit). The number is plain, like the row's id: it names
-- no one and tells no more than the row count already does. It is also sealed with the case's state
-- in `codes_ct` (casus-app), so an edit of this column outside the app is an integrity error, never
-- another case behind a number. `number_bound` says whether `codes_ct` already carries it; rows of
-- before this migration are bound at the next unlock. A number is never given twice, also not
-- after its case is destroyed: `case_number_seq` keeps the last one given per year. Migrations are
-- append-only.

ALTER TABLE cases ADD COLUMN number TEXT;
ALTER TABLE cases ADD COLUMN number_bound INTEGER NOT NULL DEFAULT 0;

WITH numbered AS (
    SELECT id,
           substr(created_at, 1, 4) AS year,
           ROW_NUMBER() OVER (PARTITION BY substr(created_at, 1, 4) ORDER BY created_at, id) AS n
    FROM cases
)
UPDATE cases
SET number = (SELECT printf('%s-%04d', numbered.year, numbered.n) FROM numbered WHERE numbered.id = cases.id);

CREATE UNIQUE INDEX cases_by_number ON cases(number);

CREATE TABLE case_number_seq (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
) STRICT;

INSERT INTO case_number_seq (year, last)
SELECT CAST(substr(created_at, 1, 4) AS INTEGER), COUNT(*) FROM cases GROUP BY substr(created_at, 1, 4);
