//! The start screen (*startscherm*): what needs this user's attention today. It only gathers what
//! the other commands already decide (overdue actions, reviews, retention, meetings), so it shows
//! nothing the user could not open elsewhere; it never reads case content itself.

use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;
use crate::meeting::MeetingSummary;
use crate::plan::OverdueAction;
use crate::policy::{self, Action};
use crate::retention::RetentionDue;
use crate::session::Session;

/// How far ahead a review counts as due on the start screen [I: a working fortnight].
pub const REVIEW_HORIZON_DAYS: i64 = 14;

/// A case whose next review (evaluation) date has come or is close.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct ReviewDue {
    pub case_id: String,
    /// The case's short number (`2026-0042`).
    pub case_number: String,
    pub name: String,
    pub state: String,
    pub next_review: String,
    pub overdue: bool,
}

/// Everything on the start screen.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, TS)]
pub struct Overview {
    pub today: String,
    /// Open plan actions past their deadline (for a partner: only its own organisation's).
    pub actions_due: Vec<OverdueAction>,
    pub reviews_due: Vec<ReviewDue>,
    /// Cases whose retention period has ended (coordinator, chair and privacy officer).
    pub retention_due: Vec<RetentionDue>,
    /// Open meetings from today on (coordinator and chair).
    pub next_meetings: Vec<MeetingSummary>,
}

impl Session {
    /// The start screen for this user. Parts a role may not see are empty, not refused, so the
    /// screen never writes refusals into the log just by being opened.
    pub fn overview(&mut self) -> Result<Overview, AppError> {
        let today = self.clock.today();
        let role = self.me.role;
        let content = policy::may(role, Action::ReadCaseContent);
        let actions_due = if content { self.plan_overdue()? } else { Vec::new() };
        let mut reviews_due = Vec::new();
        if content {
            let cases = self.list_cases(None)?;
            let horizon = today + chrono::Duration::days(REVIEW_HORIZON_DAYS);
            let keys = &self.keys;
            let lives = self
                .store
                .read(|tx| -> Result<_, AppError> { crate::sealed::lifecycles(tx, keys) })?;
            for c in cases {
                let Some((_, life)) = lives.iter().find(|(id, _)| *id == c.id) else {
                    continue;
                };
                let Some(date) = life
                    .next_review
                    .as_deref()
                    .and_then(casus_domain::case::parse_date)
                else {
                    continue;
                };
                if date <= horizon {
                    reviews_due.push(ReviewDue {
                        case_id: c.id,
                        case_number: c.number,
                        name: c.name,
                        state: c.state,
                        next_review: date.to_string(),
                        overdue: date < today,
                    });
                }
            }
            reviews_due.sort_by(|a, b| a.next_review.cmp(&b.next_review));
        }
        let retention_due = if policy::may(role, Action::SeeRetention) {
            self.retention_due(false)?
        } else {
            Vec::new()
        };
        let next_meetings = if policy::may(role, Action::RunMeeting) {
            let today_s = today.to_string();
            let mut list: Vec<MeetingSummary> = self
                .meeting_list()?
                .into_iter()
                .filter(|m| m.status == "open" && m.held_on >= today_s)
                .collect();
            list.sort_by(|a, b| a.held_on.cmp(&b.held_on));
            list
        } else {
            Vec::new()
        };
        Ok(Overview {
            today: today.to_string(),
            actions_due,
            reviews_due,
            retention_due,
            next_meetings,
        })
    }
}
