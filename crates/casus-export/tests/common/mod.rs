//! Fictional sample documents shared by the tests and the examples. No real people.
#![allow(dead_code)]

use casus_export::{Block, Document, Timestamp};

/// The fixed moment every sample document is made at.
pub const CREATED: Timestamp = Timestamp {
    year: 2026,
    month: 11,
    day: 22,
    hour: 9,
    minute: 30,
    second: 0,
};

pub const INTERVENTION_HEADERS: [&str; 8] = [
    "Actie",
    "Doel",
    "Soort",
    "Omschrijving",
    "Eigenaar",
    "Start",
    "Deadline",
    "Status",
];

fn s(v: &str) -> String {
    v.to_string()
}

pub fn base(title: &str) -> Document {
    Document {
        title: s(title),
        subtitle: Some(s("Casus 7c1e9a40 · versie 3 · vastgesteld in overleg 5d20b7e1")),
        organisation: s("Gemeente Voorbeeldstad"),
        marking: s("VERTROUWELIJK"),
        watermark: Some(s(
            "Voor: politie · coördinator J. de Vries · 2026-11-22 · export 3f2a9b1c",
        )),
        footer: s("Export 3f2a9b1c · logboek 9c41d2e07a5b13f8"),
        audit_head: None,
        created: CREATED,
        blocks: Vec::new(),
    }
}

pub fn intervention(i: usize) -> Vec<String> {
    let kinds = ["zorg", "begeleiding", "toezicht", "onderwijs", "werk en inkomen"];
    let owners = [
        "Wijkteam Noord",
        "GGD",
        "Politie Basisteam Centrum",
        "Reclassering",
        "Leerplicht",
    ];
    let statuses = ["gepland", "lopend", "afgerond", "vertraagd"];
    let description = match i % 4 {
        0 => "Intakegesprek met de betrokkene en de ouders over dagbesteding en school.".to_string(),
        1 => "Wekelijks contact met de jongerenwerker; signalen terugkoppelen aan de casusregisseur."
            .to_string(),
        2 => format!("Aanmelding bij het maatjesproject (traject {i}) en evaluatie na zes weken."),
        _ => "Huisbezoek samen met de wijkagent; afspraken vastleggen in het plan.".to_string(),
    };
    vec![
        format!("A{}", i + 1),
        format!("D{}", i % 3 + 1),
        s(kinds[i % kinds.len()]),
        description,
        s(owners[i % owners.len()]),
        format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
        format!("2027-{:02}-{:02}", 1 + (i + 3) % 12, 1 + (i * 7) % 28),
        s(statuses[i % statuses.len()]),
    ]
}

pub fn interventions_table(n: usize) -> Block {
    Block::Table {
        caption: Some(s("Interventies")),
        headers: INTERVENTION_HEADERS.iter().map(|h| s(h)).collect(),
        rows: (0..n).map(intervention).collect(),
        widths: Some(vec![0.6, 0.5, 0.8, 2.4, 1.4, 0.9, 0.9, 0.7]),
    }
}

/// A plan of approach as casus-app builds it, with fictional content.
pub fn sample_plan() -> Document {
    let mut doc = base("Plan van aanpak");
    doc.blocks = vec![
        Block::Heading {
            level: 1,
            text: s("1. Kop"),
        },
        Block::KeyValues(vec![
            (s("Casus"), s("7c1e9a40")),
            (s("Regievoerder"), s("Gemeente Voorbeeldstad")),
            (s("Casusregisseur"), s("gemeente M. Jansen (coördinator PGA)")),
            (s("Vastgesteld"), s("2026-11-18, casusoverleg 5d20b7e1")),
        ]),
        Block::Heading {
            level: 1,
            text: s("2. Betrokkene"),
        },
        Block::KeyValues(vec![
            (s("Naam"), s("K. Bakker (fictief)")),
            (s("Geboortedatum"), s("2008-04-12")),
            (s("Woonplaats"), s("Voorbeeldstad")),
        ]),
        Block::Heading {
            level: 1,
            text: s("3. Grondslag en probleemanalyse"),
        },
        Block::Paragraph(s(
            "Artikel 2 van het convenant: de gemeente voert regie op de persoonsgerichte aanpak. De \
             betrokkene is in beeld gekomen na een melding van school over zorgwekkende uitingen op sociale \
             media. Het casusoverleg heeft op 18 november vastgesteld dat een gezamenlijke aanpak nodig is.",
        )),
        Block::Paragraph(s(
            "De probleemanalyse is besproken met alle partners aan tafel.\nEr is géén sprake van een acuut \
             veiligheidsrisico; wel van een toenemend isolement en schooluitval.",
        )),
        Block::Heading {
            level: 2,
            text: s("Risicofactoren"),
        },
        Block::List(vec![
            s("Sociaal isolement sinds de verhuizing; weinig contact met leeftijdsgenoten."),
            s("Verzuim op school (meer dan 40 uur dit schooljaar)."),
            s("Online contact met een besloten groep waarin geweld wordt verheerlijkt."),
        ]),
        Block::Heading {
            level: 2,
            text: s("Beschermende factoren"),
        },
        Block::List(vec![
            s("Betrokken ouders die hulp accepteren."),
            s("Interesse in techniek; een stageplek is in zicht."),
        ]),
        Block::Heading {
            level: 1,
            text: s("4. Doelen en interventies"),
        },
        Block::Heading {
            level: 2,
            text: s("Doel D1 — onderwijs en dagbesteding"),
        },
        Block::Paragraph(s(
            "De betrokkene gaat weer naar school of heeft een passende dagbesteding.",
        )),
        Block::Heading {
            level: 2,
            text: s("Doel D2 — sociaal netwerk"),
        },
        Block::Paragraph(s(
            "De betrokkene heeft ten minste één positief contact buiten het gezin.",
        )),
        interventions_table(9),
        Block::Heading {
            level: 1,
            text: s("5. Informatie van ketenpartners"),
        },
        Block::Table {
            caption: Some(s("Beeldvorming")),
            headers: vec![s("Bron"), s("Categorie"), s("Inhoud")],
            rows: vec![
                vec![
                    s("Politie"),
                    s("politiegegevens"),
                    s("Twee registraties (2025, 2026), geen strafbare feiten."),
                ],
                vec![
                    s("Leerplicht"),
                    s("onderwijs"),
                    s("Proces-verbaal verzuim in voorbereiding; gesprek op 2 december."),
                ],
                vec![
                    s("Wijkteam"),
                    s("zorg (algemeen)"),
                    s("Gezin is bekend; eerder traject opvoedondersteuning in 2024 (afgerond)."),
                ],
            ],
            widths: Some(vec![1.0, 1.3, 4.5]),
        },
        Block::Notice(s(
            "Weggelaten: 2 × gezondheidsgegevens (ggz), 1 × justitiële gegevens (reclassering)",
        )),
        Block::Heading {
            level: 1,
            text: s("6. Afspraken"),
        },
        Block::KeyValues(vec![
            (s("Volgende bespreking"), s("2027-01-13 in het casusoverleg")),
            (
                s("Evaluatie"),
                s("Na drie maanden, of eerder bij nieuwe signalen."),
            ),
            (
                s("Informeren betrokkene"),
                s("Besloten: informeren na het eerste gesprek (art. 5 convenant)."),
            ),
        ]),
        Block::Paragraph(s(
            "Dit plan is vertrouwelijk. Verstrek het niet verder dan het convenant toestaat en vernietig \
             kopieën na afloop van de bewaartermijn.",
        )),
    ];
    doc
}

/// A long plan: many interventions and paragraphs, at least ten pages.
pub fn long_plan(interventions: usize) -> Document {
    let mut doc = sample_plan();
    doc.blocks.push(Block::PageBreak);
    doc.blocks.push(Block::Heading {
        level: 1,
        text: s("Bijlage A. Alle interventies"),
    });
    doc.blocks.push(interventions_table(interventions));
    doc.blocks.push(Block::Heading {
        level: 1,
        text: s("Bijlage B. Verslaglegging"),
    });
    for i in 0..40 {
        doc.blocks.push(Block::Heading {
            level: 3,
            text: format!("Verslag {}", i + 1),
        });
        doc.blocks.push(Block::Paragraph(format!(
            "Verslag {} van het contactmoment. De casusregisseur heeft met de betrokkene gesproken over \
             de voortgang van de afspraken. De sfeer was goed; er zijn geen nieuwe zorgen. Volgende stap: \
             terugkoppeling in het eerstvolgende casusoverleg en bijwerken van de interventies.",
            i + 1
        )));
    }
    doc
}

/// A plan of approach of at least `pages` pages (more interventions until it is long enough).
pub fn plan_with_pages(pages: usize) -> Document {
    let mut n = 10;
    loop {
        let doc = long_plan(n);
        if casus_export::pdf_page_count(&doc) >= pages {
            return doc;
        }
        n += 5;
    }
}

/// Awkward input for looking at the layout: long words, many narrow columns, long labels, a long
/// watermark and footer, a notice across a page break.
pub fn stress_doc() -> Document {
    let mut doc =
        base("Een bijzonder lange titel van een inzageoverzicht die niet op één regel past en dus afbreekt");
    doc.organisation =
        s("Gemeente Súdwest-Fryslân, afdeling Openbare Orde en Veiligheid, team Persoonsgerichte Aanpak");
    doc.watermark = Some(s(
        "Voor: Raad voor de Kinderbescherming · coördinator Anne-Marije van der Heijden-Ŀlorenç · \
         2026-11-22 · export 3f2a9b1c-77d0-4e2b-9a51-0c6d1f2e3a4b",
    ));
    doc.footer = s(
        "Export 3f2a9b1c-77d0-4e2b-9a51-0c6d1f2e3a4b · logboek 9c41d2e07a5b13f8e2a1c0d9b8a7f6e5d4c3b2a1 · \
         ondertekend door de gemeente",
    );
    let long_word = "arbeidsongeschiktheidsverzekeringsmaatschappijbestuurdersaansprakelijkheid";
    doc.blocks = vec![
        Block::KeyValues(vec![
            (
                s("Een heel erg lang label dat zelf ook moet afbreken"),
                s(long_word),
            ),
            (s("Kort"), s("waarde\nmet een tweede regel")),
        ]),
        Block::Table {
            caption: Some(s("Twaalf smalle kolommen")),
            headers: (1..=12).map(|i| format!("Kolom{i}")).collect(),
            rows: (0..6)
                .map(|r| {
                    (0..12)
                        .map(|c| format!("r{r}c{c} {}", if c == 3 { long_word } else { "x" }))
                        .collect()
                })
                .collect(),
            widths: None,
        },
        Block::Paragraph("Vul de pagina. ".repeat(160)),
        Block::Notice("Weggelaten: ".to_string() + &"3 × gezondheidsgegevens (ggz); ".repeat(40)),
        Block::List(vec![s(long_word), s("kort")]),
        Block::Heading {
            level: 3,
            text: s("Laatste kop onderaan"),
        },
    ];
    doc
}
