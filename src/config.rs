//! The configuration file: `sumlint.toml` or `.sumlint.toml`.
//!
//! A project sets rule levels, thresholds, summary heading names, its own
//! words and which files to check once, in a file next to its articles,
//! instead of on every command line. The nearest file above a checked file
//! wins (so a folder of drafts can relax what the rest of the site keeps
//! strict); `--config FILE` names one for every file instead.
//!
//! The file is parsed strictly: an unknown key or rule id is an error that
//! names the file, the line and the key, because a misspelt setting that is
//! silently ignored is worse than none. What the file says is turned into
//! [`CheckOptions`], which stays the one type the analysis reads.

use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::options::{CheckOptions, RuleLevel};
use crate::text::lexicon::Locale;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use toml::Spanned;

/// File names looked for in each directory, first match wins.
pub const FILE_NAMES: &[&str] = &["sumlint.toml", ".sumlint.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    thresholds: RawThresholds,
    summary_headings: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    words: Vec<String>,
    locale: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    low_support: Option<Spanned<f64>>,
    verbatim_words: Option<Spanned<i64>>,
    score_threshold: Option<Spanned<f64>>,
}

/// A loaded configuration: the analysis options it yields and the file
/// globs it selects.
#[derive(Debug)]
pub struct Config {
    /// The file it came from, as shown in messages; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub options: CheckOptions,
    /// Directory the include/exclude globs are relative to.
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            options: CheckOptions::default(),
            root: PathBuf::new(),
            include: None,
            exclude: None,
        }
    }
}

impl Config {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: format!(
                "cannot read the config file: {e}; check the path, or drop --config to use the nearest sumlint.toml"
            ),
        })?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` names it in messages and anchors its globs.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            Error::ConfigAt {
                path: path.display().to_string(),
                line,
                column,
                message,
            }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            // serde says "field"; the user wrote a key.
            let message = e.message().trim_end().replacen("unknown field", "unknown key", 1);
            let hint = if message.starts_with("unknown key") {
                "; see docs/config.md for the keys sumlint reads"
            } else {
                ""
            };
            at(offset, format!("{message}{hint}"))
        })?;

        let mut options = CheckOptions::default();
        // Families first, so an exact rule id overrides its family whatever the order.
        let mut rules: Vec<_> = raw.rules.iter().collect();
        rules.sort_by_key(|(key, _)| key.get_ref().contains('/'));
        for (key, value) in rules {
            let level = parse_level(value.get_ref()).ok_or_else(|| {
                at(
                    value.span().start,
                    format!(
                        "`{}` is not a rule level for `{}`; use \"error\", \"warning\", \"info\" or \"off\"",
                        value.get_ref(),
                        key.get_ref()
                    ),
                )
            })?;
            let ids = rule_ids(key.get_ref()).map_err(|message| at(key.span().start, message))?;
            for id in ids {
                options.rules.insert(id.to_string(), level);
            }
        }

        if let Some(low) = raw.thresholds.low_support {
            let value = *low.get_ref();
            if !(0.0..=1.0).contains(&value) {
                return Err(at(
                    low.span().start,
                    format!("thresholds.low_support is {value}; it is a support score, between 0 and 1"),
                ));
            }
            options.low_support = value;
        }
        if let Some(threshold) = raw.thresholds.score_threshold {
            let value = *threshold.get_ref();
            if !(0.0..=1.0).contains(&value) {
                return Err(at(
                    threshold.span().start,
                    format!("thresholds.score_threshold is {value}; it is a document score, between 0 and 1 (`sumlint calibrate` chooses one)"),
                ));
            }
            options.score_threshold = Some(value);
        }
        if let Some(words) = raw.thresholds.verbatim_words {
            let value = *words.get_ref();
            if value < 1 {
                return Err(at(
                    words.span().start,
                    format!("thresholds.verbatim_words is {value}; it counts words, so it must be 1 or more"),
                ));
            }
            options.verbatim_words = value as usize;
        }
        if let Some(headings) = raw.summary_headings {
            let mut names = Vec::new();
            for heading in headings {
                let name = heading.get_ref().trim().trim_end_matches(':').trim().to_lowercase();
                if name.is_empty() {
                    return Err(at(
                        heading.span().start,
                        "an empty summary heading would match nothing; remove it".into(),
                    ));
                }
                names.push(name);
            }
            options.parse.summary_headings = names;
        }
        options.words = raw
            .words
            .iter()
            .map(|w| w.trim().to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(locale) = raw.locale {
            options.locale = match locale.get_ref().to_ascii_lowercase().replace('_', "-").as_str() {
                "any" => Locale::Any,
                "en-us" | "us" => Locale::Us,
                "en-gb" | "gb" | "uk" | "en-uk" => Locale::Gb,
                other => {
                    return Err(at(
                        locale.span().start,
                        format!("unknown locale `{other}`; use \"any\", \"en-US\" or \"en-GB\""),
                    ))
                }
            };
        }
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Config {
            path: Some(path.to_path_buf()),
            options,
            root,
            include: glob_set(&raw.include, &at)?,
            exclude: glob_set(&raw.exclude, &at)?,
        })
    }

    /// True when the config's include/exclude globs select `file`. Globs
    /// match the path relative to the config file's directory.
    pub fn selects(&self, file: &Path) -> bool {
        let relative = relative_to(file, &self.root);
        let included = self.include.as_ref().is_none_or(|set| set.is_match(&relative));
        let excluded = self.exclude.as_ref().is_some_and(|set| set.is_match(&relative));
        included && !excluded
    }
}

/// `file` relative to `root` when it lies under it, both made absolute first.
fn relative_to(file: &Path, root: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|cwd| cwd.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        }
    };
    let file = clean(&absolute(file));
    let root = clean(&absolute(root));
    file.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(file)
}

/// Drops `.` components so `./a/b.md` and `a/b.md` compare equal.
fn clean(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

fn glob_set(patterns: &[Spanned<String>], at: &impl Fn(usize, String) -> Error) -> Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let text = pattern.get_ref().trim_start_matches("./");
        let glob = Glob::new(text).map_err(|e| {
            at(
                pattern.span().start,
                format!("bad glob `{}`: {}", pattern.get_ref(), e.kind()),
            )
        })?;
        builder.add(glob);
        // `drafts` and `drafts/` also select everything under the directory.
        if !text.contains(['*', '?', '[', '{']) {
            let dir = format!("{}/**", text.trim_end_matches('/'));
            if let Ok(glob) = Glob::new(&dir) {
                builder.add(glob);
            }
        }
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| at(0, format!("bad glob set: {e}")))
}

fn parse_level(text: &str) -> Option<RuleLevel> {
    match text.to_ascii_lowercase().as_str() {
        "off" => Some(RuleLevel::Off),
        "error" => Some(RuleLevel::On(Severity::Error)),
        "warning" | "warn" => Some(RuleLevel::On(Severity::Warning)),
        "info" => Some(RuleLevel::On(Severity::Info)),
        _ => None,
    }
}

/// The rule ids a `[rules]` key names: one rule, or every rule of a family.
pub fn rule_ids(key: &str) -> std::result::Result<Vec<&'static str>, String> {
    if let Some(rule) = crate::checks::rule(key) {
        return Ok(vec![rule.id]);
    }
    let family: Vec<&'static str> = crate::checks::all_rules()
        .filter(|r| r.id.split('/').next() == Some(key.trim_end_matches("/*")))
        .map(|r| r.id)
        .collect();
    if !family.is_empty() {
        return Ok(family);
    }
    Err(unknown_rule_message(key))
}

/// "unknown rule `x`", with the closest rule id when one is near.
pub fn unknown_rule_message(key: &str) -> String {
    match closest_rule(key) {
        Some(id) => format!("unknown rule `{key}`; did you mean `{id}`? (`sumlint explain` lists the rules)"),
        None => format!("unknown rule `{key}`; `sumlint explain` lists the rules"),
    }
}

/// The rule id (or family) most like `key`, if any is reasonably close.
pub fn closest_rule(key: &str) -> Option<&'static str> {
    let mut candidates: Vec<&'static str> = crate::checks::all_rules().map(|r| r.id).collect();
    for rule in crate::checks::all_rules() {
        let family = &rule.id[..rule.id.find('/').unwrap_or(rule.id.len())];
        if !candidates.contains(&family) {
            candidates.push(family);
        }
    }
    let key = key.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|id| {
            // A key without its family ("number" for "drift/number") is close too.
            let name = id.rsplit('/').next().unwrap_or(id);
            let score = strsim::normalized_damerau_levenshtein(&key, id)
                .max(strsim::normalized_damerau_levenshtein(&key, name));
            (score, id)
        })
        .filter(|&(score, _)| score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Finds the config for each checked file, reading each file once. Configs
/// are shared (`Arc`) so that checking files in parallel can hand them out.
///
/// A broken config file is reported once; later files under it are skipped
/// quietly (the run already exits with 2).
#[derive(Debug)]
pub struct Configs {
    /// `--config FILE`: used for every file, no lookup.
    explicit: Option<Arc<Config>>,
    /// Skip lookup entirely (`--no-config`).
    disabled: bool,
    /// Directory → the config file that applies there, if any.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Option<Arc<Config>>>,
    default: Arc<Config>,
}

/// What [`Configs::for_file`] found.
pub enum Lookup {
    Found(Arc<Config>),
    /// The config file is broken; the error is returned the first time only.
    Broken(Option<Error>),
}

impl Configs {
    /// `explicit` is `--config FILE`; `disabled` is `--no-config`.
    pub fn new(explicit: Option<&Path>, disabled: bool) -> Result<Configs> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(Config::load(path)?)),
            None => None,
        };
        Ok(Configs {
            explicit,
            disabled,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
            default: Arc::new(Config::default()),
        })
    }

    /// The config that applies to `file` (which need not exist: `--stdin-filename`).
    pub fn for_file(&mut self, file: &Path) -> Lookup {
        if let Some(config) = &self.explicit {
            return Lookup::Found(config.clone());
        }
        if self.disabled {
            return Lookup::Found(self.default.clone());
        }
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        let Some(path) = self.nearest_file(&dir) else {
            return Lookup::Found(self.default.clone());
        };
        if let Some(entry) = self.loaded.get(&path) {
            return match entry {
                Some(config) => Lookup::Found(config.clone()),
                None => Lookup::Broken(None),
            };
        }
        match Config::load(&path) {
            Ok(config) => {
                let config = Arc::new(config);
                self.loaded.insert(path, Some(config.clone()));
                Lookup::Found(config)
            }
            Err(e) => {
                self.loaded.insert(path, None);
                Lookup::Broken(Some(e))
            }
        }
    }

    /// The config file nearest to `dir`, walking up to the filesystem root.
    fn nearest_file(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        let found = FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
            .or_else(|| {
                let parent = parent_dir(dir)?;
                self.nearest_file(&parent)
            });
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// The parent of `dir`, continuing past a relative path's first component
/// into the absolute ancestors of the working directory.
fn parent_dir(dir: &Path) -> Option<PathBuf> {
    if dir.as_os_str().is_empty() || dir == Path::new(".") {
        let cwd = std::env::current_dir().ok()?;
        return cwd.parent().map(Path::to_path_buf);
    }
    match dir.parent() {
        Some(parent) => Some(parent.to_path_buf()),
        None if dir.is_absolute() => None,
        None => Some(PathBuf::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("site/sumlint.toml"), text)
    }

    #[test]
    fn rules_thresholds_words_and_headings_become_options() {
        let config = parse(
            r#"
words = ["Zelensky", "  kWh "]
locale = "en-GB"
summary_headings = ["What we know:"]

[rules]
coverage = "off"
"coverage/no-summary" = "error"

[thresholds]
low_support = 0.4
score_threshold = 0.55
verbatim_words = 30
"#,
        )
        .unwrap();
        let options = &config.options;
        assert_eq!(options.rules["coverage/uncovered-paragraph"], RuleLevel::Off);
        assert_eq!(options.rules["coverage/no-summary"], RuleLevel::On(Severity::Error));
        assert_eq!(options.low_support, 0.4);
        assert_eq!(options.score_threshold, Some(0.55));
        assert_eq!(options.verbatim_words, 30);
        assert_eq!(options.words, ["zelensky", "kwh"]);
        assert_eq!(options.locale, Locale::Gb);
        assert_eq!(options.parse.summary_headings, ["what we know"]);
    }

    #[test]
    fn unknown_key_names_key_file_and_line() {
        let err = parse("words = []\n\n[thresholds]\nlow_suport = 0.3\n").unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with("site/sumlint.toml:4:1: unknown key `low_suport`"),
            "{message}"
        );
    }

    #[test]
    fn unknown_rule_suggests_the_closest() {
        let err = parse("[rules]\n\"coverage/uncovered-paragrph\" = \"off\"\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "site/sumlint.toml:2:1: unknown rule `coverage/uncovered-paragrph`; did you mean \
             `coverage/uncovered-paragraph`? (`sumlint explain` lists the rules)"
        );
    }

    #[test]
    fn bad_level_and_threshold_are_errors() {
        let err = parse("[rules]\ncoverage = \"loud\"\n").unwrap_err().to_string();
        assert!(
            err.starts_with("site/sumlint.toml:2:12: `loud` is not a rule level"),
            "{err}"
        );
        let err = parse("[thresholds]\nlow_support = 2.0\n").unwrap_err().to_string();
        assert!(err.contains("between 0 and 1"), "{err}");
    }

    #[test]
    fn globs_are_relative_to_the_config_directory() {
        let config = parse("include = [\"**/*.md\"]\nexclude = [\"drafts\", \"*.draft.md\"]\n").unwrap();
        assert!(config.selects(Path::new("site/news/a.md")));
        assert!(config.selects(Path::new("./site/a.md")));
        assert!(!config.selects(Path::new("site/news/a.txt")));
        assert!(!config.selects(Path::new("site/drafts/a.md")));
        assert!(!config.selects(Path::new("site/news/b.draft.md")));
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
    }
}
