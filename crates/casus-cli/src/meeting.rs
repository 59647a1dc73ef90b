//! `casus meeting`: the case meeting — agenda, attendance per item, confidentiality, shares,
//! agreements and the locked minutes.

use casus_app::AppError;
use clap::Subcommand;

use crate::context::{read_stdin_json, usage, with_session, Ctx};
use crate::output::print;

#[derive(Subcommand)]
pub enum MeetingCommand {
    /// Create a meeting from JSON on stdin: {"held_on","place","chair","minute_taker"}. Prints its id.
    New,
    /// Show the agenda; --add a case, or --propose every case that needs discussion.
    Agenda {
        id: String,
        #[arg(long)]
        add: Option<String>,
        #[arg(long)]
        propose: bool,
    },
    /// Register an attendee (JSON on stdin: {"name","org","role"}), or with --case and --attendee
    /// mark them present for that case's item (--leave: they leave the room for it).
    Attend {
        id: String,
        #[arg(long, requires = "attendee")]
        case: Option<String>,
        #[arg(long, requires = "case")]
        attendee: Option<String>,
        #[arg(long, requires = "attendee")]
        leave: bool,
    },
    /// Record that an attendee acknowledged the confidentiality text (shown with --text).
    Ack {
        id: String,
        attendee: Option<String>,
        #[arg(long)]
        text: bool,
    },
    /// Share information for a case's item (JSON: {"source","category","basis","content","to"?});
    /// checked against the covenant for everyone in the room.
    Share {
        id: String,
        #[arg(long)]
        case: String,
    },
    /// Record an agreement (JSON: {"kind","text","owner_org","owner_person","deadline"}); kinds: decision,
    /// action, case_lead, evaluation, scale, inform, judgement, addendum (after closing).
    Decide {
        id: String,
        #[arg(long)]
        case: String,
    },
    /// Read the decision list back and lock the minutes.
    Close { id: String },
    /// Show the meeting.
    Show { id: String },
}

fn meeting_text(m: &casus_app::meeting::MeetingView) -> String {
    let mut out = format!(
        "casusoverleg {} op {} ({}) — voorzitter {}, notulist {}, geheimhouding {}\n",
        m.id, m.held_on, m.status, m.chair, m.minute_taker, m.confidentiality_version
    );
    for a in &m.attendees {
        out += &format!(
            "  aanwezig: {} ({}, {}) {}{}\n",
            a.id,
            a.name,
            a.org,
            a.role,
            if a.acknowledged {
                " ✓ geheimhouding"
            } else {
                " — geheimhouding nog niet bevestigd"
            }
        );
    }
    for i in &m.items {
        out += &format!(
            "{}. casus {} [{}] — {} aanwezig\n",
            i.seq,
            i.case_number,
            i.reason,
            i.present.len()
        );
        if let Some(w) = &i.withheld {
            out += &format!("   {w}\n");
        }
        for s in &i.shares {
            out += &format!(
                "   gedeeld door {} [{} / {}] met {}: {}\n",
                s.source,
                s.category,
                s.basis,
                s.allowed_to.join(", "),
                s.content
            );
        }
        for d in &i.decisions {
            out += &format!(
                "   {}. {}: {}{}{}\n",
                d.seq,
                d.kind,
                d.text,
                d.owner_org
                    .as_ref()
                    .map(|o| format!(" — {o} {}", d.owner_person))
                    .unwrap_or_default(),
                d.deadline
                    .as_ref()
                    .map(|x| format!(" (uiterlijk {x})"))
                    .unwrap_or_default()
            );
        }
    }
    if let Some(h) = &m.minutes_hash {
        out += &format!("verslag vastgesteld, sha256 {h}");
    }
    out.trim_end().to_string()
}

pub fn run(ctx: &Ctx, cmd: MeetingCommand) -> Result<(), AppError> {
    match cmd {
        MeetingCommand::New => {
            let input = read_stdin_json()?;
            with_session(ctx, |s| s.meeting_new_json(&input), |id| id.clone())
        }
        MeetingCommand::Agenda { id, add, propose } => with_session(
            ctx,
            |s| s.meeting_agenda(&id, add.as_deref(), propose),
            meeting_text,
        ),
        MeetingCommand::Attend {
            id,
            case: Some(case),
            attendee: Some(attendee),
            leave,
        } => with_session(
            ctx,
            |s| s.meeting_presence(&id, &case, &attendee, !leave),
            |_| {
                if leave {
                    "left the room for this item".to_string()
                } else {
                    "present for this item".to_string()
                }
            },
        ),
        MeetingCommand::Attend { id, .. } => {
            let input = read_stdin_json()?;
            with_session(ctx, |s| s.meeting_attend_json(&id, &input), |a| a.clone())
        }
        MeetingCommand::Ack { text: true, .. } => {
            print(ctx.json, &casus_app::meeting::CONFIDENTIALITY_TEXT, |t| {
                t.to_string()
            })
        }
        MeetingCommand::Ack {
            id,
            attendee: Some(attendee),
            ..
        } => with_session(
            ctx,
            |s| s.meeting_ack(&id, &attendee),
            |_| "confidentiality acknowledged".to_string(),
        ),
        MeetingCommand::Ack { .. } => Err(usage("give ATTENDEE, or --text to show the confidentiality text")),
        MeetingCommand::Share { id, case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.meeting_share_json(&id, &case, &input),
                |v| {
                    format!(
                        "shared with {} (covenant {})",
                        v.allowed_to.join(", "),
                        v.covenant
                    )
                },
            )
        }
        MeetingCommand::Decide { id, case } => {
            let input = read_stdin_json()?;
            with_session(
                ctx,
                |s| s.meeting_decide_json(&id, &case, &input),
                |n| format!("agreement {n} recorded"),
            )
        }
        MeetingCommand::Close { id } => with_session(ctx, |s| s.meeting_close(&id), meeting_text),
        MeetingCommand::Show { id } => with_session(ctx, |s| s.meeting_show(&id), meeting_text),
    }
}
