//! The command line: arguments, the run loop over inputs, and the exit code.
//!
//! Everything the binary does is here so that `main.rs` stays a one-liner
//! and the CLI tests can see the same behaviour as users.

use crate::document::InputFormat;
use crate::error::Error;
use crate::exit_codes;
use crate::finding::Severity;
use crate::options::CheckOptions;
use crate::report::{self, DisplayOptions, Format};
use crate::run::{RunOptions, Sink};
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
    /// Read files that are not valid UTF-8 anyway: bad bytes become U+FFFD,
    /// with a warning naming the line (otherwise such a file is an error).
    #[arg(long)]
    pub lossy: bool,
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

fn check(args: &CheckArgs) -> io::Result<i32> {
    let options = CheckOptions::default();
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
    let run_options = RunOptions {
        check: options,
        input_format: args.input_format,
        summary: args.summary.clone(),
        lossy: args.lossy,
    };
    let stdout = io::stdout();
    let mut sink = CliSink {
        reporter: report::reporter(&display),
        out: io::BufWriter::new(stdout.lock()),
        progress: crate::progress::Progress::new(),
    };
    let summary = crate::run::run(&args.files, &run_options, &mut sink)?;
    sink.progress.finish();
    sink.reporter.finish(&mut sink.out)?;
    sink.out.flush()?;
    Ok(if summary.errors > 0 {
        exit_codes::ERROR
    } else if args
        .fail_on
        .threshold()
        .is_some_and(|t| summary.worst.is_some_and(|w| w >= t))
    {
        exit_codes::FINDINGS
    } else {
        exit_codes::SUCCESS
    })
}

/// Where a check run's results go: the reporter on standard output,
/// errors and warnings on standard error, a progress bar on a terminal.
struct CliSink<W: Write> {
    reporter: Box<dyn report::Reporter>,
    out: W,
    progress: crate::progress::Progress,
}

impl<W: Write> Sink for CliSink<W> {
    fn outcome(&mut self, outcome: &crate::outcome::Outcome) -> io::Result<()> {
        let (reporter, out) = (&mut self.reporter, &mut self.out);
        self.progress.suspend(|| reporter.outcome(out, outcome))
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
