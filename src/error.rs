//! The library's one error type.
//!
//! Messages are written for the person at the terminal: what was wrong,
//! where (file, and line where it applies) and what to do about it. A bug in
//! sumlint itself is [`Error::Internal`] and says so.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: cannot read the file: {source}; check that it exists and is readable")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: the file is not valid UTF-8 (byte {byte} of that line); convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`")]
    NotUtf8 { path: String, line: usize, byte: usize },
    #[error(
        "{path}: looks like a binary file (it contains a NUL byte); sumlint checks text, Markdown and JSON articles"
    )]
    Binary { path: String },
    #[error("{path}: the file is empty; there is no article to check")]
    Empty { path: String },
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes for one article; split it, or put articles in a JSONL file (one record per line)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}:{line}: {message}")]
    Parse { path: String, line: usize, message: String },
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    /// A config file problem at a place in the file.
    #[error("{path}:{line}:{column}: {message}")]
    ConfigAt {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Usage(String),
    #[error("internal error (a bug in sumlint, please report it): {0}")]
    Internal(String),
}

impl Error {
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn input(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn parse(path: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Parse {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    /// The file (and line) the error is about, for formats that annotate
    /// files (GitHub, SARIF); `None` for usage and internal errors.
    pub fn location(&self) -> Option<(String, Option<usize>)> {
        match self {
            Error::Io { path, .. }
            | Error::Binary { path }
            | Error::Empty { path }
            | Error::TooLarge { path, .. }
            | Error::Input { path, .. } => Some((path.clone(), None)),
            Error::NotUtf8 { path, line, .. }
            | Error::Parse { path, line, .. }
            | Error::ConfigAt { path, line, .. } => Some((path.clone(), Some(*line))),
            Error::Config { path, .. } => Some((path.display().to_string(), None)),
            Error::Usage(_) | Error::Internal(_) => None,
        }
    }
}
