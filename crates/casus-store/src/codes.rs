//! Schemas 7 and 8: the codes that tell what kind of information a case holds, sealed. Each of these
//! tables keeps them in `codes_ct` (one sealed value; casus-app seals and opens it) and leaves its
//! plain code columns empty. Rows written before schema 7 still hold plain codes until the first
//! unlock after the upgrade seals them; this module lists those rows and empties their columns.

use rusqlite::params;

use crate::{Result, Tx};

/// A table whose codes are sealed in `codes_ct`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodesTable {
    Items,
    Shares,
    Weighings,
    Decisions,
    AgendaItems,
    Cases,
    Transitions,
    Attendees,
    Disclosures,
}

impl CodesTable {
    pub const ALL: [CodesTable; 9] = [
        CodesTable::Items,
        CodesTable::Shares,
        CodesTable::Weighings,
        CodesTable::Decisions,
        CodesTable::AgendaItems,
        CodesTable::Cases,
        CodesTable::Transitions,
        CodesTable::Attendees,
        CodesTable::Disclosures,
    ];

    /// The table's name (a fixed string, never input).
    pub const fn table(self) -> &'static str {
        match self {
            CodesTable::Items => "items",
            CodesTable::Shares => "shares",
            CodesTable::Weighings => "weighings",
            CodesTable::Decisions => "decisions",
            CodesTable::AgendaItems => "agenda_items",
            CodesTable::Cases => "cases",
            CodesTable::Transitions => "transitions",
            CodesTable::Attendees => "attendees",
            CodesTable::Disclosures => "disclosures",
        }
    }

    /// The column that names the row's case (a case's own row is its case); `NULL` for rows that
    /// belong to no one case (an attendee of a meeting, a disclosure record, whose case may be
    /// absent), which are sealed without a case in their AAD.
    pub const fn case_column(self) -> &'static str {
        match self {
            CodesTable::Cases => "id",
            CodesTable::Attendees | CodesTable::Disclosures => "NULL",
            _ => "case_id",
        }
    }

    /// The plain columns whose values move into `codes_ct`, and whether each may be NULL (then
    /// it is emptied to NULL, otherwise to '').
    pub const fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            CodesTable::Items => &[
                ("kind", false),
                ("source_org", false),
                ("category", false),
                ("basis", false),
                ("reliability", false),
            ],
            CodesTable::Shares => &[
                ("source_org", false),
                ("category", false),
                ("basis", false),
                ("allowed_to", false),
                ("denied_to", false),
            ],
            CodesTable::Weighings => &[("outcome", false)],
            CodesTable::Decisions => &[("kind", false), ("owner_org", true)],
            CodesTable::AgendaItems => &[("reason", false)],
            CodesTable::Cases => &[("state", false)],
            CodesTable::Transitions => &[("from_state", false), ("to_state", false)],
            CodesTable::Attendees => &[("org", false)],
            CodesTable::Disclosures => &[("bases", false), ("categories", false), ("withheld", false)],
        }
    }

    /// Columns that stay plain but are sealed in `codes_ct` too, so that an edit of them outside
    /// the app is caught: a case's number (schema 11).
    pub const fn bound(self) -> &'static [&'static str] {
        match self {
            CodesTable::Cases => &["number"],
            _ => &[],
        }
    }

    /// The names in a row's sealed codes, in order: [`CodesTable::columns`], then
    /// [`CodesTable::bound`].
    pub fn sealed_names(self) -> impl Iterator<Item = &'static str> {
        self.columns()
            .iter()
            .map(|(c, _)| *c)
            .chain(self.bound().iter().copied())
    }
}

/// One row whose codes are still plain: its id, its case (none for a table without one) and the
/// values of [`CodesTable::columns`], in that order.
#[derive(Clone, Debug)]
pub struct PlainCodes {
    pub id: String,
    pub case_id: Option<String>,
    pub values: Vec<Option<String>>,
}

/// The rows of `table` whose codes are still plain (written before schema 7).
pub fn plain_codes(tx: &Tx, table: CodesTable) -> Result<Vec<PlainCodes>> {
    let cols = table.columns();
    let names: Vec<&str> = cols.iter().map(|(c, _)| *c).collect();
    let sql = format!(
        "SELECT id, {case}, {} FROM {} WHERE codes_ct IS NULL ORDER BY id",
        names.join(", "),
        table.table(),
        case = table.case_column()
    );
    let mut stmt = tx.conn().prepare(&sql)?;
    let rows = stmt
        .query_map([], |r| {
            let mut values = Vec::with_capacity(cols.len());
            for i in 0..cols.len() {
                values.push(r.get::<_, Option<String>>(2 + i)?);
            }
            Ok(PlainCodes {
                id: r.get(0)?,
                case_id: r.get(1)?,
                values,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Stores a row's sealed codes and empties its plain code columns.
pub fn seal_codes(tx: &Tx, table: CodesTable, id: &str, codes_ct: &[u8]) -> Result<()> {
    let empties: Vec<String> = table
        .columns()
        .iter()
        .map(|(c, nullable)| format!("{c} = {}", if *nullable { "NULL" } else { "''" }))
        .collect();
    let sql = format!(
        "UPDATE {} SET codes_ct = ?2, {} WHERE id = ?1",
        table.table(),
        empties.join(", ")
    );
    tx.conn().execute(&sql, params![id, codes_ct])?;
    Ok(())
}
