//! Reading inputs: files or standard input, in any supported format, into
//! documents. A JSON batch yields one document per record; a bad record is
//! an error for that record alone.

use crate::document::json::{longest_string, parse_json, parse_jsonl_line, parse_jsonl_line_with, Record};
use crate::document::{
    decode, decode_lossy, layout_of, parse_article, Document, InputFormat, ParseOptions, MAX_FILE_BYTES,
};
use crate::error::{Error, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The name standard input is reported under.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a file (or standard input for `-`) as UTF-8 text.
pub fn read_text(path: &str) -> Result<String> {
    decode(display_name(path), read_bytes(path)?)
}

/// Text read from an input, and the warning to show when `--lossy`
/// replaced bytes that were not UTF-8.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Reads a file (or standard input) as text; with `lossy`, bytes that are
/// not UTF-8 become U+FFFD and a warning instead of an error.
pub fn read_input(path: &str, lossy: bool) -> Result<Decoded> {
    let bytes = read_bytes(path)?;
    let name = display_name(path);
    if lossy {
        let (text, warning) = decode_lossy(name, bytes)?;
        Ok(Decoded { text, warning })
    } else {
        Ok(Decoded {
            text: decode(name, bytes)?,
            warning: None,
        })
    }
}

fn read_bytes(path: &str) -> Result<Vec<u8>> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(STDIN_NAME, e))?;
        buf
    } else {
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.is_dir() {
                return Err(Error::input(path, "is a directory, not an article or summary file"));
            }
            if meta.len() > crate::document::MAX_FILE_BYTES {
                return Err(Error::TooLarge {
                    path: path.into(),
                    size: meta.len(),
                    limit: crate::document::MAX_FILE_BYTES,
                });
            }
        }
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    Ok(bytes)
}

/// Opens a JSONL input (a file, or standard input for `-`) for reading line
/// by line. A directory is an error here rather than at the first read.
pub fn open_lines(path: &str, lossy: bool) -> Result<JsonlLines<Source>> {
    let reader = if path == "-" {
        Source::piped(std::io::stdin()).map_err(|e| Error::io(STDIN_NAME, e))?
    } else {
        let meta = std::fs::metadata(path);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            return Err(Error::input(
                path,
                "is a directory; name the article files in it (e.g. `dir/*.jsonl`)",
            ));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        if meta.is_ok_and(|m| m.is_file()) {
            Source::File(BufReader::with_capacity(1 << 16, file))
        } else {
            // A named pipe (`<(tail -f x.jsonl)`) can be as slow as standard input.
            Source::piped(file).map_err(|e| Error::io(path, e))?
        }
    };
    Ok(JsonlLines::new(display_name(path), reader, lossy))
}

/// Where a JSONL stream is read from: a regular file, whose reads never
/// wait long, or standard input (or a pipe), read on a thread of its own
/// so that the run can ask whether a line is ready ([`Source::ready`]).
///
/// Why: records piped in by a slow writer (`tail -f x.jsonl | sumlint
/// check --input-format jsonl -`) were reported only when the next window
/// of records had been read, as the thread that writes the reports waited
/// in `read` meanwhile. Knowing that the input has nothing more ready, it
/// writes and flushes what is done first.
pub enum Source {
    File(BufReader<std::fs::File>),
    Piped(Piped),
}

impl Source {
    fn piped(mut source: impl Read + Send + 'static) -> std::io::Result<Source> {
        // A few chunks ahead at most: memory stays flat on a fast pipe.
        let (chunks, receiver) = std::sync::mpsc::sync_channel(4);
        std::thread::Builder::new()
            .name("sumlint-input".into())
            .spawn(move || {
                let mut buffer = vec![0; 1 << 16];
                loop {
                    let chunk = match source.read(&mut buffer) {
                        Ok(0) => return,
                        Ok(n) => Ok(buffer[..n].to_vec()),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => Err(e),
                    };
                    let failed = chunk.is_err();
                    if chunks.send(chunk).is_err() || failed {
                        return;
                    }
                }
            })?;
        Ok(Source::Piped(Piped {
            chunks: receiver,
            chunk: Vec::new(),
            at: 0,
            error: None,
            ended: false,
        }))
    }

    /// True when reading would not wait for the writer of a pipe: bytes
    /// (or the end of the input, or an error) have arrived. Always true for
    /// a regular file.
    pub fn ready(&mut self) -> bool {
        match self {
            Source::File(_) => true,
            Source::Piped(piped) => piped.ready(),
        }
    }
}

/// The reading end of [`Source::Piped`]: the chunks its thread has read.
pub struct Piped {
    chunks: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    /// The chunk being read, from `at`.
    chunk: Vec<u8>,
    at: usize,
    /// An error that arrived and is yet to be returned.
    error: Option<std::io::Error>,
    ended: bool,
}

impl Piped {
    fn ready(&mut self) -> bool {
        if self.at < self.chunk.len() || self.error.is_some() || self.ended {
            return true;
        }
        match self.chunks.try_recv() {
            Ok(chunk) => {
                self.take(chunk);
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.ended = true;
                true
            }
        }
    }

    fn take(&mut self, chunk: std::io::Result<Vec<u8>>) {
        match chunk {
            Ok(chunk) => (self.chunk, self.at) = (chunk, 0),
            Err(error) => self.error = Some(error),
        }
    }
}

impl Read for Source {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(out.len());
            out[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Source {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        let piped = match self {
            Source::File(file) => return file.fill_buf(),
            Source::Piped(piped) => piped,
        };
        if piped.at == piped.chunk.len() && piped.error.is_none() && !piped.ended {
            match piped.chunks.recv() {
                Ok(chunk) => piped.take(chunk),
                Err(_) => piped.ended = true,
            }
        }
        if let Some(error) = piped.error.take() {
            return Err(error);
        }
        Ok(&piped.chunk[piped.at..])
    }

    fn consume(&mut self, n: usize) {
        match self {
            Source::File(file) => file.consume(n),
            Source::Piped(piped) => piped.at = (piped.at + n).min(piped.chunk.len()),
        }
    }
}

/// One line of a JSONL stream, decoded.
#[derive(Debug)]
pub struct JsonlLine {
    /// 1-based.
    pub number: usize,
    /// Bytes the line took in the input, with its line break.
    pub bytes: u64,
    pub text: Result<String>,
    /// Set when `--lossy` replaced bytes that were not UTF-8.
    pub warning: Option<String>,
    /// The [`longest_string`] of `text`: read once, for [`body_key`] on
    /// the reading thread and for the reader of the record on the worker.
    pub longest: Option<(usize, usize)>,
}

impl JsonlLine {
    /// The line's [`body_key`].
    pub fn body_key(&self) -> Option<u64> {
        let text = self.text.as_deref().ok()?;
        self.longest.map(|span| key_of(text.as_bytes(), span))
    }

    /// The line's [`Document`], or `None` for a blank line (an error
    /// line is `Some(Err)`, moved out).
    pub fn into_document(self, path: &str) -> Option<Result<Document>> {
        match self.text {
            Ok(text) => parse_jsonl_line_with(path, self.number, &text, self.longest)
                .map(|r| r.map(|r| r.into_document(path, Some(self.number)))),
            Err(error) => Some(Err(error)),
        }
    }
}

/// Reads a JSONL stream one line at a time, so a batch of any size is
/// checked in flat memory: only the current line is held, and a line
/// longer than [`MAX_FILE_BYTES`] is skipped (reported, not buffered).
///
/// Errors that concern the whole stream (a binary file, an empty file, a
/// read error) come out as a line whose `text` is the error, after which
/// the stream ends.
pub struct JsonlLines<R> {
    path: String,
    reader: R,
    lossy: bool,
    line: usize,
    buf: Vec<u8>,
    /// Bytes read so far, to look for NUL bytes only at the start.
    read: u64,
    seen_record: bool,
    done: bool,
}

impl JsonlLines<Source> {
    /// True when the next line (or the end) can be read without waiting
    /// for the writer of a pipe; see [`Source::ready`].
    pub fn ready(&mut self) -> bool {
        self.done || self.reader.ready()
    }
}

/// A NUL byte in this many leading bytes marks a binary file.
const BINARY_SNIFF_BYTES: u64 = 8192;

impl<R: BufRead> JsonlLines<R> {
    pub fn new(path: &str, reader: R, lossy: bool) -> JsonlLines<R> {
        JsonlLines {
            path: path.to_string(),
            reader,
            lossy,
            line: 0,
            buf: Vec::new(),
            read: 0,
            seen_record: false,
            done: false,
        }
    }

    /// Reads the next line into `buf`, up to `MAX_FILE_BYTES`; returns the
    /// bytes consumed and whether the line was too long to keep, or `None`
    /// at the end of the stream.
    fn read_line(&mut self) -> std::io::Result<Option<(u64, bool)>> {
        self.buf.clear();
        let mut consumed = 0u64;
        let mut too_long = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok((consumed > 0).then_some((consumed, too_long)));
            }
            // (The vectorised search: a byte-by-byte `position` was about 6
            // instructions a byte of input.)
            let (piece, found) = match memchr::memchr(b'\n', available) {
                Some(i) => (&available[..=i], true),
                None => (available, false),
            };
            let n = piece.len();
            if !too_long {
                if (self.buf.len() + n) as u64 > MAX_FILE_BYTES {
                    // Drop what was kept: the rest of the line is skipped.
                    too_long = true;
                    self.buf = Vec::new();
                } else {
                    self.buf.extend_from_slice(piece);
                }
            }
            self.reader.consume(n);
            consumed += n as u64;
            if found {
                return Ok(Some((consumed, too_long)));
            }
        }
    }

    fn fail(&mut self, error: Error) -> Option<JsonlLine> {
        self.done = true;
        Some(JsonlLine {
            number: self.line,
            bytes: 0,
            text: Err(error),
            warning: None,
            longest: None,
        })
    }
}

impl<R: BufRead> Iterator for JsonlLines<R> {
    type Item = JsonlLine;

    fn next(&mut self) -> Option<JsonlLine> {
        if self.done {
            return None;
        }
        let (bytes, too_long) = match self.read_line() {
            Ok(Some(line)) => line,
            Ok(None) if self.seen_record => {
                self.done = true;
                return None;
            }
            Ok(None) => {
                let path = self.path.clone();
                return self.fail(Error::Empty { path });
            }
            Err(e) => {
                let path = self.path.clone();
                return self.fail(Error::io(path, e));
            }
        };
        self.line += 1;
        if self.read < BINARY_SNIFF_BYTES {
            let look = (BINARY_SNIFF_BYTES - self.read).min(self.buf.len() as u64) as usize;
            if self.buf[..look].contains(&0) {
                let path = self.path.clone();
                return self.fail(Error::Binary { path });
            }
        }
        self.read += bytes;
        if too_long {
            self.seen_record = true;
            let error = Error::parse(
                &self.path,
                self.line,
                format!("the record is over the limit of {MAX_FILE_BYTES} bytes for one article; split it"),
            );
            return Some(JsonlLine {
                number: self.line,
                bytes,
                text: Err(error),
                warning: None,
                longest: None,
            });
        }
        let raw = std::mem::take(&mut self.buf);
        let (text, warning) = match String::from_utf8(raw) {
            Ok(text) => (Ok(text), None),
            Err(e) => {
                let byte = e.utf8_error().valid_up_to() + 1;
                if self.lossy {
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let warning = format!(
                        "{}:{}: not valid UTF-8 (byte {byte} of that line); bytes that are not UTF-8 were replaced with U+FFFD because of --lossy",
                        self.path, self.line
                    );
                    (Ok(text), Some(warning))
                } else {
                    let error = Error::NotUtf8 {
                        path: self.path.clone(),
                        line: self.line,
                        byte,
                    };
                    (Err(error), None)
                }
            }
        };
        if let Ok(text) = &text {
            if !text
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .is_empty()
            {
                self.seen_record = true;
            }
        } else {
            self.seen_record = true;
        }
        let longest = text.as_deref().ok().and_then(|text| longest_string(text.as_bytes()));
        Some(JsonlLine {
            number: self.line,
            bytes,
            text,
            warning,
            longest,
        })
    }
}

/// A key that the records of one article share: a hash of the line's
/// longest JSON string (the article's body, whatever its field's name and
/// place), or `None` for a line with no string.
///
/// Why: the shared data pairs each article with several summaries on
/// consecutive lines, and each worker thread keeps its own caches of what
/// it worked out about the words it met. The run hands consecutive records
/// with one key to one worker, so an article's words are worked out once,
/// not on both threads. Only scheduling reads it: a line that is not valid
/// JSON, or two articles that happen to share a key, cost time, never
/// output.
pub fn body_key(line: &str) -> Option<u64> {
    longest_string(line.as_bytes()).map(|span| key_of(line.as_bytes(), span))
}

/// The [`body_key`] of `bytes` whose longest string is at `start..end`.
fn key_of(bytes: &[u8], (start, end): (usize, usize)) -> u64 {
    use std::hash::BuildHasher;
    // Its length, start and end tell one article from the next well
    // enough, without reading all of it again.
    let body = &bytes[start..end];
    let edge = body.len().min(32);
    rustc_hash::FxBuildHasher.hash_one((body.len(), &body[..edge], &body[body.len() - edge..]))
}

/// The name a path is reported under.
pub fn display_name(path: &str) -> &str {
    if path == "-" {
        STDIN_NAME
    } else {
        path
    }
}

/// Every document in `source`: one for an article, one per record for JSON.
pub fn documents(path: &str, source: String, format: InputFormat, options: &ParseOptions) -> Vec<Result<Document>> {
    let name = display_name(path);
    match format {
        InputFormat::Json => parse_json(name, &source)
            .into_iter()
            .map(|r| r.map(|r| r.into_document(name, None)))
            .collect(),
        InputFormat::Jsonl => jsonl_records(name, &source)
            .map(|(line, r)| r.map(|r| r.into_document(name, Some(line))))
            .collect(),
        _ => vec![parse_article(name, source, format, options)],
    }
}

/// The records of a JSONL text with their 1-based line numbers.
pub fn jsonl_records<'a>(path: &'a str, source: &'a str) -> impl Iterator<Item = (usize, Result<Record>)> + 'a {
    source
        .lines()
        .enumerate()
        .filter_map(move |(i, line)| parse_jsonl_line(path, i + 1, line).map(|r| (i + 1, r)))
}

/// A [`Document`] for one JSONL line, or `None` for a blank line.
pub fn jsonl_document(path: &str, line_number: usize, line: &str) -> Option<Result<Document>> {
    parse_jsonl_line(path, line_number, line).map(|r| r.map(|r| r.into_document(path, Some(line_number))))
}

/// Reads the summary for `--summary FILE` into `doc`.
pub fn attach_summary(doc: &mut Document, summary_path: &str, options: &ParseOptions) -> Result<()> {
    let source = read_text(summary_path)?;
    let format = InputFormat::from_path(summary_path);
    if matches!(format, InputFormat::Json | InputFormat::Jsonl) {
        return Err(Error::input(
            summary_path,
            "a --summary file must be plain text or Markdown",
        ));
    }
    let layout = layout_of(&source, format, options);
    doc.set_summary_from(display_name(summary_path), source, layout);
    Ok(())
}

/// The format of `path`, unless the user chose one.
pub fn format_of(path: &str, chosen: Option<InputFormat>) -> InputFormat {
    chosen.unwrap_or_else(|| InputFormat::from_path(path))
}

/// The inputs that `FILE` arguments name, as (path to read, name to report):
/// `-` is standard input (named `stdin_name` when given), a directory is
/// walked for article files (by extension, honouring `.gitignore`, `.ignore`
/// and skipping hidden files), a pattern such as `content/**/*.md` that is
/// not itself a file is expanded the same way, and anything else is read as
/// a file. Arguments that name nothing are returned as errors.
pub fn expand(args: &[String], stdin_name: Option<&str>) -> (Vec<(String, String)>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            let name = stdin_name.unwrap_or(STDIN_NAME).to_string();
            inputs.push((arg.clone(), name));
            continue;
        }
        let path = Path::new(arg);
        if path.is_dir() {
            let found = walk(path, is_article_path);
            if found.is_empty() {
                errors.push(Error::input(
                    arg.as_str(),
                    "no article files (.txt, .md, .markdown, .mdx, .json, .jsonl, .ndjson) in this directory \
                     outside .gitignore'd and hidden paths",
                ));
            }
            inputs.extend(found.into_iter().map(|f| (f.clone(), f)));
        } else if !path.exists() && is_glob(arg) {
            let (base, glob) = match glob_base(arg) {
                Ok(found) => found,
                Err(message) => {
                    errors.push(Error::input(arg.as_str(), message));
                    continue;
                }
            };
            let found = walk(&base, |file| {
                let shown = file.to_string_lossy();
                glob.is_match(shown.strip_prefix("./").unwrap_or(&shown))
            });
            if found.is_empty() {
                errors.push(Error::input(
                    arg.as_str(),
                    "no files match this pattern (quote it so the shell does not expand it, e.g. 'content/**/*.md')",
                ));
            }
            inputs.extend(found.into_iter().map(|f| (f.clone(), f)));
        } else {
            inputs.push((arg.clone(), arg.clone()));
        }
    }
    (inputs, errors)
}

fn is_glob(arg: &str) -> bool {
    arg.contains(['*', '?', '[', '{'])
}

/// The directory to walk for a pattern (its components before the first
/// wildcard) and the compiled pattern.
fn glob_base(arg: &str) -> std::result::Result<(std::path::PathBuf, globset::GlobMatcher), String> {
    let pattern = arg.strip_prefix("./").unwrap_or(arg);
    let glob = globset::GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| format!("not a valid pattern: {}", e.kind()))?;
    let mut base = std::path::PathBuf::new();
    for component in Path::new(pattern).components() {
        if is_glob(&component.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    Ok((base, glob.compile_matcher()))
}

/// The files under `dir` that `pick` accepts, sorted, skipping what
/// `.gitignore`/`.ignore` exclude and hidden files.
fn walk(dir: &Path, pick: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut found: Vec<String> = ignore::WalkBuilder::new(dir)
        // A content folder that is not (yet) a git repository still means its .gitignore.
        .require_git(false)
        .build()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(|entry| entry.into_path())
        .filter(|path| pick(path))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    found.sort();
    found
}

/// True when `path` names a file sumlint can check, by extension.
pub fn is_article_path(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "markdown" | "mdx" | "json" | "jsonl" | "ndjson")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], lossy: bool) -> Vec<JsonlLine> {
        JsonlLines::new("t.jsonl", input, lossy).collect()
    }

    #[test]
    fn jsonl_lines_are_numbered_with_and_without_a_final_break() {
        let got = lines(b"{\"a\":1}\r\n\n{\"b\":2}", false);
        let numbers: Vec<usize> = got.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(got[2].text.as_deref().unwrap(), "{\"b\":2}");
        assert_eq!(got.iter().map(|l| l.bytes).sum::<u64>(), 17);
    }

    #[test]
    fn a_bad_utf8_line_is_an_error_for_that_line_only() {
        let got = lines(b"ok\nbad \xff\nok\n", false);
        assert_eq!(
            got[1].text.as_ref().unwrap_err().to_string(),
            "t.jsonl:2: the file is not valid UTF-8 (byte 5 of that line); convert it to UTF-8, e.g. `iconv -f latin1 -t utf-8`"
        );
        assert!(got[2].text.is_ok());
        let lossy = lines(b"bad \xff\n", true);
        assert_eq!(lossy[0].text.as_deref().unwrap(), "bad \u{fffd}\n");
        assert!(lossy[0].warning.as_deref().unwrap().contains("--lossy"));
    }

    /// A reader that hands out at most `piece` bytes a call, then fails
    /// with `error` if any, as a pipe fed in small writes might.
    struct Trickle {
        data: Vec<u8>,
        at: usize,
        piece: usize,
        error: Option<std::io::ErrorKind>,
    }

    impl Read for Trickle {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.at == self.data.len() {
                return match self.error.take() {
                    Some(kind) => Err(kind.into()),
                    None => Ok(0),
                };
            }
            let n = self.piece.min(out.len()).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn summary(lines: Vec<JsonlLine>) -> Vec<String> {
        lines
            .into_iter()
            .map(|l| {
                format!(
                    "{} {} {:?} {:?}",
                    l.number,
                    l.bytes,
                    l.text.map_err(|e| e.to_string()),
                    l.warning
                )
            })
            .collect()
    }

    #[test]
    fn a_piped_stream_reads_the_lines_a_file_reads() {
        // Lines longer than a chunk of the reading thread, and short ones,
        // a bad byte and no final line break.
        let long = format!("{{\"document\":\"{}\"}}", "word ".repeat(30_000));
        let mut data = format!("{long}\n{{\"a\":1}}\n\n{long}\nbad ").into_bytes();
        data.extend_from_slice(b"\xff\n{\"b\":2}");
        for lossy in [false, true] {
            let from_file = summary(lines(&data, lossy));
            for piece in [1 << 20, 4096, 7] {
                let trickle = Trickle {
                    data: data.clone(),
                    at: 0,
                    piece,
                    error: None,
                };
                let mut piped = JsonlLines::new("t.jsonl", Source::piped(trickle).unwrap(), lossy);
                let got: Vec<JsonlLine> = piped.by_ref().collect();
                assert!(piped.ready(), "the end is ready");
                assert_eq!(summary(got), from_file, "piece {piece}, lossy {lossy}");
            }
        }
    }

    #[test]
    fn a_read_error_on_a_pipe_ends_the_stream_with_it() {
        let trickle = Trickle {
            data: b"{\"a\":1}\n{\"b\"".to_vec(),
            at: 0,
            piece: 5,
            error: Some(std::io::ErrorKind::ConnectionReset),
        };
        let got: Vec<JsonlLine> = JsonlLines::new("t.jsonl", Source::piped(trickle).unwrap(), false).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text.as_deref().unwrap(), "{\"a\":1}\n");
        assert!(matches!(got[1].text, Err(Error::Io { .. })), "{:?}", got[1].text);
    }

    #[test]
    fn records_of_one_body_share_a_key_whatever_else_differs() {
        let body = r#"The mayor said \"yes\" to the bridge.\nIt opened on Monday."#;
        let a = format!(r#"{{"id":"1","document":"{body}","summary":["A."]}}"#);
        let b = format!(r#"{{"summary":["The mayor opened it."],"id":"22","document":"{body}"}}"#);
        let c = format!(r#"{{"id":"1","document":"{body} More.","summary":["A."]}}"#);
        assert_eq!(body_key(&a), body_key(&b));
        assert!(body_key(&a).is_some());
        assert_ne!(body_key(&a), body_key(&c));
        // Lines that are not JSON still get a key, or none, without panicking.
        for line in ["", "   ", "{oops", "\"", "\"\\", "\"abc\\\"", "{\"a\":1}"] {
            let _ = body_key(line);
        }
        assert_eq!(body_key("{}"), None);
    }

    #[test]
    fn empty_blank_and_binary_streams_are_errors() {
        for input in [&b""[..], b"\n  \n"] {
            let got = lines(input, false);
            assert!(
                matches!(got.last().unwrap().text, Err(Error::Empty { .. })),
                "{input:?}"
            );
        }
        let got = lines(b"{}\n\0\0\n{}\n", false);
        assert_eq!(got.len(), 2);
        assert!(matches!(got[1].text, Err(Error::Binary { .. })));
    }
}
