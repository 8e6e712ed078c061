//! Prints the archive-level identity table of an index: each surname-only name, the years
//! it is linked in, and the full name with its evidence; each full name linked to another
//! form of it (`form`); each name taken for a firm's (`firm`, articles as a firm's vs as a
//! person's).
//!
//!     cargo run --release --example identities -- INDEX_DIR

use std::path::Path;
use std::process::ExitCode;

use morgue::identity::gather;
use morgue::ArchiveIndex;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: identities INDEX_DIR");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let run = || -> Result<(), String> {
        let archive = ArchiveIndex::open(dir).map_err(|e| e.to_string())?;
        let searcher = archive.reader().map_err(|e| e.to_string())?.searcher();
        let started = std::time::Instant::now();
        let (evidence, _) = gather::evidence(&searcher).map_err(|e| e.to_string())?;
        let gathered = started.elapsed();
        let table = morgue::identity::IdentityTable::build(&evidence);
        eprintln!(
            "evidence read in {:.1} ms, table built in {:.1} ms",
            gathered.as_secs_f64() * 1e3,
            (started.elapsed() - gathered).as_secs_f64() * 1e3
        );
        for (surname, year, link) in table.links() {
            let year = year.map_or("undated".to_owned(), |y| y.to_string());
            println!(
                "{surname}\t{year}\t{}\t{} vs {}",
                link.name, link.articles, link.next_best
            );
        }
        for (key, link) in table.forms() {
            println!(
                "form\t{key}\t{}\t{} vs {}",
                link.name, link.next_best, link.articles
            );
        }
        for (key, firm) in table.firms() {
            println!(
                "firm\t{key}\t{} vs {}",
                firm.firm_articles, firm.person_articles
            );
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("identities: {message}");
            ExitCode::from(2)
        }
    }
}
