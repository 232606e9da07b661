//! The command line: arguments, the run loop over inputs, and the exit code.
//!
//! Everything the binary does is here so that `main.rs` stays a one-liner
//! and the CLI tests can see the same behaviour as users.

use crate::document::InputFormat;
use crate::error::Error;
use crate::exit_codes;
use crate::finding::Severity;
use crate::input;
use crate::options::CheckOptions;
use crate::report::{self, DisplayOptions, Format};
use crate::text::lexicon::Locale;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};

#[derive(Parser, Debug)]
#[command(name = "sumlint", version, about = "Check an article's summary against its body: drift, duplication, typos and coverage, with evidence.", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check articles (text, Markdown, JSON or JSONL); `-` reads standard input.
    Check(CheckArgs),
    /// Explain a rule: what it checks, why, an example and how to turn it off.
    Explain {
        /// A rule id such as `drift/number`; without one, list all rules.
        rule: Option<String>,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files to check; `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Show findings only, not each unit's alignment.
    #[arg(long, short)]
    pub quiet: bool,
    /// Read the summary from this file instead of the article.
    #[arg(long, value_name = "FILE")]
    pub summary: Option<String>,
    /// Input format; by default chosen by file extension (text otherwise).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// When to use color.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Project words that are never typos, one per line (`#` starts a comment); repeatable.
    #[arg(long, value_name = "FILE")]
    pub words: Vec<String>,
    /// Spellings to accept: `en` both American and British, `en-US` or `en-GB` only one.
    #[arg(long, value_enum, default_value_t = LocaleArg::En)]
    pub locale: LocaleArg,
    /// Apply unambiguous typo fixes to the files in place (plain text and Markdown only).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the typo fixes `--fix` would make as a unified diff, without writing.
    #[arg(long)]
    pub diff: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LocaleArg {
    /// American and British spellings.
    En,
    /// American spellings only.
    #[value(name = "en-US", alias = "en-us", alias = "en_US")]
    EnUs,
    /// British spellings only.
    #[value(name = "en-GB", alias = "en-gb", alias = "en_GB")]
    EnGb,
}

impl LocaleArg {
    fn locale(self) -> Locale {
        match self {
            LocaleArg::En => Locale::Any,
            LocaleArg::EnUs => Locale::Us,
            LocaleArg::EnGb => Locale::Gb,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// `auto` colors a terminal unless `NO_COLOR` is set (no-color.org).
    fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit_codes::ERROR
            } else {
                exit_codes::SUCCESS
            };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(&args),
        Command::Explain { rule } => explain(rule.as_deref()),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`sumlint check x | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => exit_codes::SUCCESS,
        Err(e) => {
            report_error(&Error::Internal(format!("writing output: {e}")));
            exit_codes::ERROR
        }
    }
}

/// Input errors go to standard error, whatever the format.
#[allow(clippy::print_stderr)] // the CLI edge: this is where messages reach the user
fn report_error(error: &Error) {
    eprintln!("sumlint: error: {error}");
}

/// Reads `--words` files: one word a line, blank lines and `#` comments skipped.
pub fn read_words(path: &str) -> Result<Vec<String>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
        path: path.into(),
        message: format!("cannot read the words file ({e}); --words takes a file of project words, one per line"),
    })?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(crate::text::fold)
        .collect())
}

/// Print a line for the user on standard error.
#[allow(clippy::print_stderr)] // the CLI edge: this is where messages reach the user
fn note(message: &str) {
    eprintln!("sumlint: {message}");
}

fn check(args: &CheckArgs) -> io::Result<i32> {
    let mut options = CheckOptions {
        locale: args.locale.locale(),
        ..CheckOptions::default()
    };
    for path in &args.words {
        match read_words(path) {
            Ok(words) => options.words.extend(words),
            Err(e) => {
                report_error(&e);
                return Ok(exit_codes::ERROR);
            }
        }
    }
    if args.summary.is_some() && args.files.len() != 1 {
        report_error(&Error::Usage(
            "--summary takes the summary of one article: give exactly one FILE".into(),
        ));
        return Ok(exit_codes::ERROR);
    }
    let color = args.color.enabled();
    colored::control::set_override(color);
    let display = DisplayOptions {
        format: args.format,
        color,
        quiet: args.quiet,
    };
    let mut reporter = report::reporter(&display);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed_input = false;
    let mut worst: Option<Severity> = None;
    let mut diffs = 0;
    for path in &args.files {
        let format = input::format_of(path, args.input_format);
        if (args.fix || args.diff) && (path == "-" || matches!(format, InputFormat::Json | InputFormat::Jsonl)) {
            failed_input = true;
            let e = Error::input(
                input::display_name(path),
                "--fix and --diff change plain text and Markdown files only, not JSON or standard input",
            );
            report_error(&e);
            reporter.error(&mut out, &e)?;
            continue;
        }
        let source = match input::read_text(path) {
            Ok(source) => source,
            Err(e) => {
                failed_input = true;
                report_error(&e);
                reporter.error(&mut out, &e)?;
                continue;
            }
        };
        for doc in input::documents(path, source, format, &options.parse) {
            let doc = doc.and_then(|mut doc| {
                if let Some(summary) = &args.summary {
                    input::attach_summary(&mut doc, summary, &options.parse)?;
                }
                Ok(doc)
            });
            match doc {
                Ok(doc) if args.diff => {
                    let typos = crate::checks::typo::analyse(&doc, &options);
                    for file in crate::fix::apply(&doc, &crate::checks::typo::fixes(&typos)) {
                        diffs += 1;
                        out.write_all(crate::fix::unified_diff(&file).as_bytes())?;
                    }
                }
                Ok(doc) => {
                    let mut outcome = crate::check_document(&doc, &options);
                    if args.fix {
                        match fix_files(&doc, &options) {
                            Ok(fixed) => outcome
                                .findings
                                .retain(|f| !(f.family() == "typo" && fixed.contains(&f.span.start))),
                            Err(e) => {
                                failed_input = true;
                                report_error(&e);
                            }
                        }
                    }
                    worst = worst.max(outcome.max_severity());
                    reporter.outcome(&mut out, &outcome)?;
                }
                Err(e) => {
                    failed_input = true;
                    report_error(&e);
                    reporter.error(&mut out, &e)?;
                }
            }
        }
    }
    if !args.diff {
        reporter.finish(&mut out)?;
    }
    out.flush()?;
    Ok(if failed_input {
        exit_codes::ERROR
    } else if args.diff {
        // Like `ruff --diff`: a non-empty diff fails, so CI can ask for fixes.
        if diffs > 0 {
            exit_codes::FINDINGS
        } else {
            exit_codes::SUCCESS
        }
    } else if args.fail_on.threshold().is_some_and(|t| worst.is_some_and(|w| w >= t)) {
        exit_codes::FINDINGS
    } else {
        exit_codes::SUCCESS
    })
}

/// Applies the unambiguous typo fixes of `doc` to its files; returns the
/// start offsets of the fixed words.
fn fix_files(doc: &crate::document::Document, options: &CheckOptions) -> Result<Vec<usize>, Error> {
    let typos = crate::checks::typo::analyse(doc, options);
    let fixes = crate::checks::typo::fixes(&typos);
    for file in crate::fix::apply(doc, &fixes) {
        crate::fix::write_atomically(
            std::path::Path::new(&file.path),
            file.original.as_bytes(),
            file.fixed.as_bytes(),
        )?;
        note(&format!(
            "fixed {} typo{} in {}",
            file.count,
            if file.count == 1 { "" } else { "s" },
            file.path
        ));
    }
    Ok(fixes.iter().map(|(start, _, _)| *start).collect())
}

fn explain(rule: Option<&str>) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let Some(id) = rule else {
        for rule in crate::checks::all_rules() {
            writeln!(out, "{:32} {:8} {}", rule.id, rule.default_severity, rule.summary)?;
        }
        return Ok(exit_codes::SUCCESS);
    };
    let Some(rule) = crate::checks::rule(id) else {
        report_error(&Error::Usage(format!(
            "unknown rule `{id}`; `sumlint explain` lists the rules"
        )));
        return Ok(exit_codes::ERROR);
    };
    writeln!(
        out,
        "{} ({} by default{})",
        rule.id,
        rule.default_severity,
        if rule.default_enabled {
            ""
        } else {
            ", off unless enabled"
        }
    )?;
    writeln!(out)?;
    writeln!(out, "{}.", capitalize(rule.summary))?;
    writeln!(out)?;
    writeln!(out, "{}", rule.explanation)?;
    writeln!(out)?;
    writeln!(out, "Example: {}", rule.example)?;
    writeln!(out)?;
    writeln!(out, "Turn it off or change its level in sumlint.toml:\n\n    [rules]\n    \"{}\" = \"off\"   # or \"error\", \"warning\", \"info\"", rule.id)?;
    Ok(exit_codes::SUCCESS)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
