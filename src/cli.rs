//! The command line: arguments, the run loop over inputs, and the exit code.
//!
//! Everything the binary does is here so that `main.rs` stays a one-liner
//! and the CLI tests can see the same behaviour as users.

use crate::baseline::{self, Baseline};
use crate::config::{Configs, Lookup};
use crate::document::InputFormat;
use crate::error::Error;
use crate::exit_codes;
use crate::finding::Severity;
use crate::input;
use crate::options::{CheckOptions, RuleLevel};
use crate::report::{self, DisplayOptions, Format};
use crate::run::{Checked, Input, RunOptions, Sink};
use crate::text::lexicon::Locale;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

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
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into a directory.
    Man {
        /// Print the page of this subcommand (`sumlint man check`) instead of sumlint(1).
        command: Option<String>,
        /// Write `sumlint.1`, `sumlint-check.1`, ... into DIR instead of printing `sumlint.1`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Score JSON/JSONL records `{"id", "document", "summary"}`: one JSON line each.
    Score(ScoreArgs),
    /// Choose the score threshold on records labelled `"label": 1` (consistent) or 0.
    Calibrate(CalibrateArgs),
}

#[derive(clap::Args, Debug)]
pub struct ScoreArgs {
    /// JSON or JSONL files of records; `-` for standard input (JSONL).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Also say whether each record is consistent (score at or above this).
    #[arg(long, value_name = "SCORE")]
    pub score_threshold: Option<f64>,
}

#[derive(clap::Args, Debug)]
pub struct CalibrateArgs {
    /// JSON or JSONL files of labelled records; `-` for standard input (JSONL).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Also report balanced accuracy with the threshold chosen on the other
    /// folds (contiguous blocks of records); 0 turns it off.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub folds: usize,
    /// Also measure each drift rule's contribution by turning it off in turn.
    #[arg(long)]
    pub ablate: bool,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files, directories (walked, honouring .gitignore) or globs to check; `-` for standard input.
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
    /// Use this config file for every input instead of the nearest sumlint.toml / .sumlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore config files: built-in defaults only.
    #[arg(long)]
    pub no_config: bool,
    /// Findings recorded in this baseline file are accepted: not shown and not failing the run.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE as the new baseline (exit 0 unless an input failed).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Name standard input (`-`) goes by: picks the format and the config, and is the reported path.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Turn on `duplication/verbatim` and report units that copy at least N
    /// words of the body in a row (default threshold 25 when enabled in the config).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub verbatim_words: Option<u64>,
    /// Report `drift/low-score` for documents scoring below this (see `sumlint calibrate`).
    #[arg(long, value_name = "SCORE")]
    pub score_threshold: Option<f64>,
    /// Project words that are never typos, one per line (`#` starts a comment); repeatable.
    #[arg(long, value_name = "FILE")]
    pub words: Vec<String>,
    /// Spellings to accept: `en` both American and British, `en-US` or `en-GB` only one.
    #[arg(long, value_enum)]
    pub locale: Option<LocaleArg>,
    /// Apply unambiguous typo fixes to the files in place (plain text and Markdown only).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the typo fixes `--fix` would make as a unified diff, without writing.
    #[arg(long)]
    pub diff: bool,
    /// Read files that are not valid UTF-8 anyway: bad bytes become U+FFFD,
    /// with a warning naming the line (otherwise such a file is an error).
    #[arg(long)]
    pub lossy: bool,
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
        Command::Completions { shell } => completions(shell),
        Command::Man { command, out } => man(command.as_deref(), out.as_deref()),
        Command::Score(args) => score(&args),
        Command::Calibrate(args) => calibrate(&args),
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
    if args.score_threshold.is_some_and(|t| valid_threshold(t).is_none()) {
        return Ok(exit_codes::ERROR);
    }
    let mut words = Vec::new();
    for path in &args.words {
        match read_words(path) {
            Ok(read) => words.extend(read),
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
    if args.stdin_filename.is_some() && !args.files.iter().any(|f| f == "-") {
        report_error(&Error::Usage(
            "--stdin-filename names standard input: give `-` as the FILE".into(),
        ));
        return Ok(exit_codes::ERROR);
    }
    let mut configs = match Configs::new(args.config.as_deref(), args.no_config) {
        Ok(configs) => configs,
        Err(e) => {
            report_error(&e);
            return Ok(exit_codes::ERROR);
        }
    };
    let mut baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline,
        Err(e) => {
            report_error(&e);
            return Ok(exit_codes::ERROR);
        }
    };
    let color = args.color.enabled();
    colored::control::set_override(color);
    let display = DisplayOptions {
        format: args.format,
        color,
        quiet: args.quiet,
    };
    let mut failed_input = false;
    let (expanded, expand_errors) = input::expand(&args.files, args.stdin_filename.as_deref());
    let mut early_errors = expand_errors;
    // `path` is what is read (`-` for standard input), `name` what it is reported and configured as.
    let mut inputs = Vec::new();
    for (path, name) in expanded {
        let config = match configs.for_file(Path::new(&name)) {
            Lookup::Found(config) => config,
            Lookup::Broken(error) => {
                failed_input = true;
                early_errors.extend(error);
                continue;
            }
        };
        // Excluded files are skipped even when named, so that hooks and editors
        // passing every changed file honour the project's globs.
        // Unnamed standard input has no path for the globs to match.
        let unnamed_stdin = path == "-" && args.stdin_filename.is_none();
        if !unnamed_stdin && !config.selects(Path::new(&name)) {
            continue;
        }
        let format = input::format_of(&name, args.input_format);
        if (args.fix || args.diff) && (path == "-" || matches!(format, InputFormat::Json | InputFormat::Jsonl)) {
            early_errors.push(Error::input(
                input::display_name(&name),
                "--fix and --diff change plain text and Markdown files only, not JSON or standard input",
            ));
            continue;
        }
        let options = std::sync::Arc::new(with_flags(&config.options, args, &words));
        inputs.push(Input { path, name, options });
    }
    let run_options = RunOptions {
        input_format: args.input_format,
        summary: args.summary.clone(),
        lossy: args.lossy,
        keep_documents: args.fix || args.diff || baseline.is_some() || args.write_baseline.is_some(),
        shown: crate::Shown {
            // Only the JSON reports show extractiveness.
            extractiveness: matches!(display.format, Format::Json | Format::Jsonl),
            // The JSON and HTML reports print them; text and Markdown list a
            // paragraph's source sentences by them (not with --quiet); SARIF
            // and GitHub annotations show findings only.
            sentence_scores: match display.format {
                Format::Json | Format::Jsonl | Format::Html => crate::align::Scores::Every,
                Format::Text | Format::Markdown if !display.quiet => crate::align::Scores::Order,
                _ => crate::align::Scores::Skip,
            },
            // Text and Markdown with --quiet, SARIF and GitHub annotations
            // show findings only; a baseline names a finding's unit by its text.
            units: match display.format {
                Format::Text | Format::Markdown => !display.quiet,
                Format::Sarif | Format::Github => false,
                Format::Json | Format::Jsonl | Format::Html => true,
            } || baseline.is_some()
                || args.write_baseline.is_some(),
        },
    };
    let stdout = io::stdout();
    let mut sink = CliSink {
        reporter: report::reporter(&display),
        out: io::BufWriter::new(stdout.lock()),
        progress: crate::progress::Progress::new(),
        fix: args.fix,
        diff: args.diff,
        diffs: 0,
        baseline: baseline.as_mut(),
        record_baseline: args.write_baseline.is_some(),
        recorded: Vec::new(),
        accepted: 0,
        failed: false,
        worst: None,
    };
    for e in &early_errors {
        failed_input = true;
        sink.error(e)?;
    }
    let summary = crate::run::run(&inputs, &run_options, &mut sink)?;
    sink.progress.finish();
    if !args.diff {
        sink.reporter.finish(&mut sink.out)?;
    }
    sink.out.flush()?;
    let CliSink {
        diffs,
        recorded,
        accepted,
        failed,
        worst,
        ..
    } = sink;
    if let Some(path) = &args.baseline {
        if accepted > 0 {
            note(&format!(
                "{accepted} finding{} accepted by the baseline {} not shown",
                if accepted == 1 { "" } else { "s" },
                path.display()
            ));
        }
    }
    if let Some(path) = &args.write_baseline {
        let count = recorded.len();
        if let Err(e) = baseline::write(path, recorded) {
            report_error(&Error::Config {
                path: path.clone(),
                message: format!("cannot write the baseline: {e}"),
            });
            return Ok(exit_codes::ERROR);
        }
        note(&format!(
            "wrote {count} finding{} to the baseline {}",
            if count == 1 { "" } else { "s" },
            path.display()
        ));
    }
    Ok(if failed_input || failed || summary.errors > 0 {
        exit_codes::ERROR
    } else if args.diff {
        // Like `ruff --diff`: a non-empty diff fails, so CI can ask for fixes.
        if diffs > 0 {
            exit_codes::FINDINGS
        } else {
            exit_codes::SUCCESS
        }
    } else if args.write_baseline.is_none() && args.fail_on.threshold().is_some_and(|t| worst.is_some_and(|w| w >= t)) {
        exit_codes::FINDINGS
    } else {
        exit_codes::SUCCESS
    })
}

/// The analysis options for one file: its config's, with what the command
/// line says on top (flags win over the config file).
fn with_flags(config: &CheckOptions, args: &CheckArgs, words: &[String]) -> CheckOptions {
    let mut options = config.clone();
    if let Some(locale) = args.locale {
        options.locale = locale.locale();
    }
    options.words.extend(words.iter().cloned());
    if let Some(threshold) = args.score_threshold {
        options.score_threshold = Some(threshold);
    }
    if let Some(words) = args.verbatim_words {
        // Giving a threshold asks for the rule, which is off by default; a
        // level the config gives it is kept.
        options.verbatim_words = words as usize;
        let verbatim = &crate::checks::duplication::VERBATIM;
        let level = options.rules.entry(verbatim.id.to_string()).or_insert(RuleLevel::Off);
        if *level == RuleLevel::Off {
            *level = RuleLevel::On(verbatim.default_severity);
        }
    }
    options
}

fn completions(shell: clap_complete::Shell) -> io::Result<i32> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    clap_complete::generate(shell, &mut Cli::command(), "sumlint", &mut out);
    out.flush()?;
    Ok(exit_codes::SUCCESS)
}

fn man(subcommand: Option<&str>, dir: Option<&Path>) -> io::Result<i32> {
    let command = Cli::command();
    let render = |command: clap::Command| -> io::Result<Vec<u8>> {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        Ok(page)
    };
    // One page per command, named as `man` looks them up: sumlint(1), sumlint-check(1), ...
    let mut pages = vec![("sumlint".to_string(), command.clone())];
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("sumlint-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    if let Some(wanted) = subcommand {
        let name = format!("sumlint-{wanted}");
        pages.retain(|(page, _)| *page == name);
        if pages.is_empty() {
            let known: Vec<&str> = command.get_subcommands().map(|s| s.get_name()).collect();
            report_error(&Error::Usage(format!(
                "no man page for `{wanted}`; the commands are {}",
                known.join(", ")
            )));
            return Ok(exit_codes::ERROR);
        }
    }
    let Some(dir) = dir else {
        io::stdout().lock().write_all(&render(pages.swap_remove(0).1)?)?;
        return Ok(exit_codes::SUCCESS);
    };
    for (name, page) in pages {
        let path = dir.join(format!("{name}.1"));
        if let Err(e) = std::fs::create_dir_all(dir).and_then(|_| crate::atomic::write(&path, &render(page)?)) {
            report_error(&Error::Config {
                path,
                message: format!("cannot write the man page: {e}"),
            });
            return Ok(exit_codes::ERROR);
        }
        note(&format!("wrote {}", path.display()));
    }
    Ok(exit_codes::SUCCESS)
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

/// Where a check run's results go: the reporter on standard output,
/// errors and warnings on standard error, a progress bar on a terminal;
/// and, per document, typo fixes or their diff and the baseline.
struct CliSink<'b, W: Write> {
    reporter: Box<dyn report::Reporter>,
    out: W,
    progress: crate::progress::Progress,
    fix: bool,
    diff: bool,
    diffs: usize,
    baseline: Option<&'b mut Baseline>,
    record_baseline: bool,
    recorded: Vec<baseline::Entry>,
    accepted: usize,
    /// A fix could not be written.
    failed: bool,
    /// The most severe finding reported (after fixes and the baseline).
    worst: Option<Severity>,
}

impl<W: Write> Sink for CliSink<'_, W> {
    fn outcome(&mut self, checked: Checked) -> io::Result<()> {
        let Checked {
            mut outcome,
            document,
            options,
        } = checked;
        if let Some(doc) = &document {
            if self.diff {
                let typos = crate::checks::typo::analyse(doc, &options);
                for file in crate::fix::apply(doc, &crate::checks::typo::fixes(&typos)) {
                    self.diffs += 1;
                    self.out.write_all(crate::fix::unified_diff(&file).as_bytes())?;
                }
                return Ok(());
            }
            if self.fix {
                match self.progress.suspend(|| fix_files(doc, &options)) {
                    Ok(fixed) => outcome
                        .findings
                        .retain(|f| !(f.family() == "typo" && fixed.contains(&f.span.start))),
                    Err(e) => {
                        self.failed = true;
                        self.progress.suspend(|| report_error(&e));
                    }
                }
            }
            if self.record_baseline || self.baseline.is_some() {
                let entries = baseline::entries(doc, &outcome);
                if let Some(baseline) = self.baseline.as_mut() {
                    self.accepted += baseline.hide_accepted(&mut outcome, &entries);
                }
                self.recorded.extend(entries);
            }
        }
        self.worst = self.worst.max(outcome.max_severity());
        let (reporter, out) = (&mut self.reporter, &mut self.out);
        self.progress.suspend(|| reporter.outcome(out, &outcome))
    }

    fn error(&mut self, error: &Error) -> io::Result<()> {
        self.progress.suspend(|| report_error(error));
        self.reporter.error(&mut self.out, error)
    }

    #[allow(clippy::print_stderr)] // the CLI edge: this is where messages reach the user
    fn warning(&mut self, message: &str) -> io::Result<()> {
        self.progress.suspend(|| eprintln!("sumlint: warning: {message}"));
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn progress(&mut self, done: u64, total: Option<u64>) {
        // Flush what is written so far, so the bar never hides output.
        let _ = self.out.flush();
        self.progress.update(done, total);
    }
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
    // A family (`sumlint explain coverage`) lists its rules, as the config accepts families too.
    if crate::checks::rule(id).is_none() {
        if let Ok(ids) = crate::config::rule_ids(id) {
            for rule in ids.into_iter().filter_map(crate::checks::rule) {
                writeln!(out, "{:32} {:8} {}", rule.id, rule.default_severity, rule.summary)?;
            }
            return Ok(exit_codes::SUCCESS);
        }
    }
    let Some(rule) = crate::checks::rule(id) else {
        report_error(&Error::Usage(crate::config::unknown_rule_message(id)));
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
    writeln!(out)?;
    writeln!(
        out,
        "Or silence it where it fires, on the line before (in plain text `# sumlint-disable-next-line {0}` works too):\n\n    <!-- sumlint-disable-next-line {0} -->",
        rule.id
    )?;
    Ok(exit_codes::SUCCESS)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A score threshold must lie in [0, 1], like the scores.
fn valid_threshold(t: f64) -> Option<f64> {
    if (0.0..=1.0).contains(&t) {
        Some(t)
    } else {
        report_error(&Error::Usage(format!(
            "--score-threshold {t} is outside [0, 1]; scores run from 0 (inconsistent) to 1, and `sumlint calibrate` prints a threshold"
        )));
        None
    }
}

/// The records of JSON/JSONL `files`, each with its label; unreadable files
/// and bad records are reported and skipped.
fn labelled_records(files: &[String], failed: &mut bool) -> Vec<(crate::document::Document, Option<f64>)> {
    use crate::document::json::parse_json;
    let mut out = Vec::new();
    for path in files {
        let source = match input::read_text(path) {
            Ok(source) => source,
            Err(e) => {
                *failed = true;
                report_error(&e);
                continue;
            }
        };
        let name = input::display_name(path);
        let records: Vec<(Option<usize>, crate::error::Result<crate::document::json::Record>)> = match input::format_of(
            path, None,
        ) {
            InputFormat::Json => parse_json(name, &source).into_iter().map(|r| (None, r)).collect(),
            InputFormat::Jsonl => input::jsonl_records(name, &source).map(|(l, r)| (Some(l), r)).collect(),
            // Standard input and other names are read as JSONL.
            _ if path == "-" => input::jsonl_records(name, &source).map(|(l, r)| (Some(l), r)).collect(),
            _ => {
                *failed = true;
                report_error(&Error::input(
                        name,
                        "score and calibrate read JSON or JSONL records {\"id\", \"document\", \"summary\"}; name the file .json or .jsonl",
                    ));
                continue;
            }
        };
        for (line, record) in records {
            match record {
                Ok(record) => {
                    let label = record.label;
                    out.push((record.into_document(name, line), label));
                }
                Err(e) => {
                    *failed = true;
                    report_error(&e);
                }
            }
        }
    }
    out
}

fn score(args: &ScoreArgs) -> io::Result<i32> {
    let mut options = CheckOptions::default();
    if let Some(t) = args.score_threshold {
        match valid_threshold(t) {
            Some(t) => options.score_threshold = Some(t),
            None => return Ok(exit_codes::ERROR),
        }
    }
    let mut failed = false;
    let records = labelled_records(&args.files, &mut failed);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (doc, _) in &records {
        let outcome = crate::check_document(doc, &options);
        let units: Vec<serde_json::Value> = outcome
            .units
            .iter()
            .map(|u| {
                serde_json::json!({
                    "id": u.id,
                    "kind": u.kind.as_str(),
                    "support": report::round3(u.support),
                })
            })
            .collect();
        let findings = outcome
            .findings
            .iter()
            .filter(|f| f.family() != "coverage" && f.rule != crate::checks::drift::LOW_SCORE.id)
            .count();
        let mut line = serde_json::json!({
            "id": outcome.id,
            "score": report::round3(outcome.score),
            "units": units,
            "findings": findings,
        });
        if let Some(t) = options.score_threshold {
            line["consistent"] = serde_json::Value::Bool(outcome.score >= t);
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(if failed { exit_codes::ERROR } else { exit_codes::SUCCESS })
}

fn calibrate(args: &CalibrateArgs) -> io::Result<i32> {
    use crate::calibrate::{calibrate as fit, cross_validated, roc_auc, Labelled};
    use crate::options::RuleLevel;
    let mut failed = false;
    let records = labelled_records(&args.files, &mut failed);
    let mut docs = Vec::new();
    for (doc, label) in &records {
        match label {
            Some(l) if *l == 0.0 || *l == 1.0 => docs.push((doc, *l == 1.0)),
            _ => {
                failed = true;
                report_error(&Error::input(
                    match doc.record_line {
                        Some(line) => format!("{}:{line}", doc.path),
                        None => doc.path.clone(),
                    },
                    format!(
                        "record {} has no \"label\" of 1 (consistent) or 0 (inconsistent); calibrate needs labelled records",
                        doc.id.as_deref().unwrap_or("?")
                    ),
                ));
            }
        }
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if docs.is_empty() || docs.iter().all(|d| d.1) || docs.iter().all(|d| !d.1) {
        report_error(&Error::Usage(
            "calibrate needs labelled records of both kinds (label 1 and label 0)".into(),
        ));
        return Ok(exit_codes::ERROR);
    }
    let run = |options: &CheckOptions| -> Vec<Labelled> {
        docs.iter()
            .map(|(doc, consistent)| Labelled {
                score: crate::check_document(doc, options).score,
                consistent: *consistent,
            })
            .collect()
    };
    let options = CheckOptions::default();
    let scored = run(&options);
    let c = fit(&scored);
    writeln!(
        out,
        "records:            {} ({} consistent, {} inconsistent)",
        scored.len(),
        c.consistent,
        c.inconsistent
    )?;
    writeln!(
        out,
        "threshold:          {:.4} (score >= threshold is consistent)",
        c.threshold
    )?;
    writeln!(
        out,
        "balanced accuracy:  {:.1}% at that threshold",
        c.balanced_accuracy * 100.0
    )?;
    if args.folds >= 2 {
        let (ba, _) = cross_validated(&scored, args.folds);
        writeln!(
            out,
            "cross-validated:    {:.1}% balanced accuracy, threshold chosen on the other folds ({} folds)",
            ba * 100.0,
            args.folds
        )?;
    }
    writeln!(out, "ROC-AUC:            {:.3}", c.roc_auc)?;
    writeln!(
        out,
        "counts:             {} consistent kept, {} consistent flagged, {} inconsistent flagged, {} inconsistent kept",
        c.counts.true_consistent, c.counts.false_flagged, c.counts.true_flagged, c.counts.missed
    )?;
    writeln!(out, "put it in sumlint.toml:  score_threshold = {:.4}", c.threshold)?;
    if args.ablate {
        writeln!(out)?;
        writeln!(out, "ablation (each drift rule off in turn):")?;
        writeln!(out, "  {:28} {:>8} {:>8} {:>8}", "rule off", "BA", "BA(cv)", "AUC")?;
        let folds = args.folds.max(2);
        let mut row = |name: &str, scored: &[Labelled]| -> io::Result<()> {
            let c = fit(scored);
            let (cv, _) = cross_validated(scored, folds);
            writeln!(
                out,
                "  {:28} {:>7.1}% {:>7.1}% {:>8.3}",
                name,
                c.balanced_accuracy * 100.0,
                cv * 100.0,
                roc_auc(scored)
            )
        };
        row("(none)", &scored)?;
        for rule in crate::checks::drift::RULES {
            if rule.id == crate::checks::drift::LOW_SCORE.id {
                continue;
            }
            let mut options = CheckOptions::default();
            options.rules.insert(rule.id.to_string(), RuleLevel::Off);
            row(rule.id, &run(&options))?;
        }
        let mut options = CheckOptions::default();
        for rule in crate::checks::drift::RULES {
            options.rules.insert(rule.id.to_string(), RuleLevel::Off);
        }
        row("(all drift rules)", &run(&options))?;
    }
    out.flush()?;
    Ok(if failed { exit_codes::ERROR } else { exit_codes::SUCCESS })
}
