//! Writes a synthetic corpus of press releases for benchmarks: N releases in
//! French, Dutch, English and German with realistic structure (headline,
//! standfirst, dateline, quotes, subheadings, contact block, boilerplate) and
//! some defects, plus optionally one large release. Deterministic from a seed;
//! no network, no dependencies.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- OUT_DIR [COUNT] [SEED] [LARGE_MB]
//! ```

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

struct Lang {
    code: &'static str,
    cities: &'static [&'static str],
    subjects: &'static [&'static str],
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    tails: &'static [&'static str],
    months: &'static [&'static str],
    said: &'static str,
    contact: &'static str,
    about: &'static str,
    role: &'static str,
    heading: &'static [&'static str],
    open_q: &'static str,
    close_q: &'static str,
}

const LANGS: &[Lang] = &[
    Lang {
        code: "fr",
        cities: &["Namur", "Liège", "Mons", "Lyon", "Nantes", "Genève"],
        subjects: &[
            "La Ville",
            "La Région",
            "Le conseil communal",
            "L’agence",
            "Le collège",
            "La province",
        ],
        verbs: &[
            "présente",
            "inaugure",
            "lance",
            "prolonge",
            "rénove",
            "soutient",
        ],
        objects: &[
            "un nouveau parc urbain",
            "la ligne de tram",
            "le plan vélo",
            "la bibliothèque centrale",
            "un programme d’emploi",
            "le marché couvert",
        ],
        tails: &[
            "dès le mois prochain",
            "avec un budget de 2,4 millions d’euros",
            "en concertation avec les habitants",
            "pour les deux prochaines années",
            "dans tous les quartiers",
        ],
        months: &[
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        said: "déclare",
        contact: "Contact presse",
        about: "À propos de",
        role: "porte-parole",
        heading: &[
            "Un projet en trois étapes",
            "Calendrier",
            "Informations pratiques",
            "Un budget maîtrisé",
        ],
        open_q: "«\u{a0}",
        close_q: "\u{a0}»",
    },
    Lang {
        code: "nl",
        cities: &["Gent", "Leuven", "Brugge", "Utrecht", "Hasselt", "Zwolle"],
        subjects: &[
            "De stad",
            "Het gewest",
            "De gemeenteraad",
            "Het agentschap",
            "Het college",
            "De provincie",
        ],
        verbs: &[
            "stelt voor",
            "opent",
            "lanceert",
            "verlengt",
            "renoveert",
            "steunt",
        ],
        objects: &[
            "een nieuw stadspark",
            "de tramlijn",
            "het fietsplan",
            "de centrale bibliotheek",
            "een werkgelegenheidsplan",
            "de overdekte markt",
        ],
        tails: &[
            "vanaf volgende maand",
            "met een budget van 2,4 miljoen euro",
            "samen met de bewoners",
            "voor de komende twee jaar",
            "in alle wijken",
        ],
        months: &[
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        said: "zegt",
        contact: "Perscontact",
        about: "Over",
        role: "woordvoerder",
        heading: &[
            "Een project in drie stappen",
            "Planning",
            "Praktische informatie",
            "Een beheerst budget",
        ],
        open_q: "“",
        close_q: "”",
    },
    Lang {
        code: "en",
        cities: &["Leeds", "Cardiff", "Dublin", "Bristol", "Glasgow", "York"],
        subjects: &[
            "The city council",
            "The region",
            "The agency",
            "The board",
            "The mayor’s office",
            "The county",
        ],
        verbs: &[
            "presents",
            "opens",
            "launches",
            "extends",
            "renovates",
            "supports",
        ],
        objects: &[
            "a new city park",
            "the tram line",
            "the cycling plan",
            "the central library",
            "a jobs programme",
            "the covered market",
        ],
        tails: &[
            "from next month",
            "with a budget of 2.4 million pounds",
            "together with residents",
            "for the next two years",
            "in every district",
        ],
        months: &[
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        said: "said",
        contact: "Media contact",
        about: "About",
        role: "spokesperson",
        heading: &[
            "A project in three steps",
            "Timeline",
            "Practical information",
            "A controlled budget",
        ],
        open_q: "“",
        close_q: "”",
    },
    Lang {
        code: "de",
        cities: &["Freiburg", "Graz", "Bremen", "Linz", "Kassel", "Basel"],
        subjects: &[
            "Die Stadt",
            "Das Land",
            "Der Gemeinderat",
            "Die Agentur",
            "Der Senat",
            "Der Kreis",
        ],
        verbs: &[
            "stellt vor",
            "eröffnet",
            "startet",
            "verlängert",
            "saniert",
            "unterstützt",
        ],
        objects: &[
            "einen neuen Stadtpark",
            "die Straßenbahnlinie",
            "den Radplan",
            "die Zentralbibliothek",
            "ein Beschäftigungsprogramm",
            "die Markthalle",
        ],
        tails: &[
            "ab dem nächsten Monat",
            "mit einem Budget von 2,4 Millionen Euro",
            "gemeinsam mit den Bewohnern",
            "für die nächsten zwei Jahre",
            "in allen Stadtteilen",
        ],
        months: &[
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        said: "sagt",
        contact: "Pressekontakt",
        about: "Über",
        role: "Pressesprecherin",
        heading: &[
            "Ein Projekt in drei Schritten",
            "Zeitplan",
            "Praktische Informationen",
            "Ein solides Budget",
        ],
        open_q: "„",
        close_q: "“",
    },
];

const NAMES: &[&str] = &[
    "Anna Peeters",
    "Marc Dubois",
    "Sara Jansen",
    "Tom Keller",
    "Lena Martin",
    "Jonas Weber",
    "Claire Laurent",
    "Pieter Claes",
];

fn sentence(r: &mut Rng, l: &Lang) -> String {
    format!(
        "{} {} {} {}.",
        r.pick(l.subjects),
        r.pick(l.verbs),
        r.pick(l.objects),
        r.pick(l.tails)
    )
}

fn paragraph(r: &mut Rng, l: &Lang, n: usize) -> String {
    (0..n).map(|_| sentence(r, l)).collect::<Vec<_>>().join(" ")
}

/// One release of roughly `target` bytes.
fn release(r: &mut Rng, l: &Lang, target: usize) -> String {
    let city = r.pick(l.cities);
    let day = 1 + r.below(28);
    let month = l.months[r.below(12)];
    let person = r.pick(NAMES);
    let mut s = String::new();
    let title = format!(
        "{} {} {}",
        r.pick(l.subjects),
        r.pick(l.verbs),
        r.pick(l.objects)
    );
    let _ = writeln!(s, "{title}\n");
    if r.below(20) == 0 {
        let _ = writeln!(s, "{title}\n"); // defect: headline pasted twice
    }
    let _ = writeln!(s, "{}\n", sentence(r, l));
    let _ = writeln!(s, "{city}, {day} {month} 2026 – {}\n", paragraph(r, l, 3));
    let mut k = 0;
    while s.len() < target.saturating_sub(400) {
        match k % 5 {
            1 => {
                let _ = writeln!(
                    s,
                    "{}{}{}, {} {person}.\n",
                    l.open_q,
                    paragraph(r, l, 2),
                    l.close_q,
                    l.said
                );
            }
            3 => {
                let _ = writeln!(s, "{}\n", r.pick(l.heading));
            }
            _ => {
                let mut p = paragraph(r, l, 4);
                if r.below(15) == 0 {
                    // defect: a doubled word
                    if let Some(i) = p.find(' ') {
                        let w = p[..i].to_string();
                        p.insert_str(i, &format!(" {}", w.to_lowercase()));
                    }
                }
                if r.below(25) == 0 {
                    p.push_str("  ");
                }
                let _ = writeln!(s, "{p}\n");
            }
        }
        k += 1;
    }
    let _ = writeln!(
        s,
        "{} {}\n{}\n",
        l.about,
        r.pick(l.subjects),
        paragraph(r, l, 2)
    );
    let _ = writeln!(
        s,
        "{}\n{person}, {}\n{}@example.org\n+32 2 555 {:02} {:02}",
        l.contact,
        l.role,
        person.to_lowercase().replace(' ', "."),
        r.below(100),
        r.below(100)
    );
    s
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(args.first().map(String::as_str).unwrap_or("bench/corpus"));
    let count: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(42);
    let large_mb: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut r = Rng(seed.max(1));
    let dir = out.join("releases");
    std::fs::create_dir_all(&dir)?;
    for i in 0..count {
        let l = &LANGS[i % LANGS.len()];
        let size = 4000 + r.below(2000);
        let text = release(&mut r, l, size);
        std::fs::write(dir.join(format!("{i:05}.{}.txt", l.code)), text)?;
    }
    if large_mb > 0 {
        let l = &LANGS[0];
        let mut big = release(&mut r, l, 5000);
        while big.len() < large_mb * 1_000_000 {
            big.push('\n');
            big.push_str(&paragraph(&mut r, l, 5));
            big.push('\n');
        }
        std::fs::write(out.join(format!("large-{large_mb}mb.fr.txt")), big)?;
    }
    Ok(())
}
