//! The two places where `casus bench` (in the casus-dev crate) must reach past the commands. They
//! are `#[doc(hidden)] pub` because the bench lives outside this crate and no public command does
//! the same thing cheaply; no door calls them.

use casus_domain::audit::{Event, Purpose};
use casus_store::audit;

use crate::error::AppError;
use crate::session::{record_for, Audit, Session};

impl Session {
    /// Searches the in-memory index only — no audit entry, no need-to-know — and returns nothing,
    /// so the bench can time the index on its own without this becoming a way to probe for names.
    #[doc(hidden)]
    pub fn bench_index_search(&self, query: &str) {
        if let Some(index) = &self.index {
            std::hint::black_box(index.search(query).count());
        }
    }

    /// Pads the audit log with "case list" entries of this session's user, in one transaction,
    /// until it holds `target` entries: the bench measures verification over a meaningful log,
    /// which one logged command per entry (one fsync each) would take minutes to build.
    #[doc(hidden)]
    pub fn bench_pad_audit_log(&mut self, target: u64) -> Result<(), AppError> {
        let now = self.now();
        let (store, keys, me, device) = (&mut self.store, &self.keys, &self.me, &self.device);
        store.write(|tx| -> Result<(), AppError> {
            let have = audit::count(tx)?;
            let record = record_for(me, device, now, Audit::new(Event::CaseList, Purpose::Pga), None);
            for _ in have..target {
                audit::append(tx, &keys.store, &record)?;
            }
            Ok(())
        })
    }
}
