//! JSON and JSONL batches: records `{"id", "document", "summary"}` where
//! `summary` is a string (prose, one unit per sentence) or a list of
//! strings (one bullet each). Optional `headline`/`title` and `dek` become
//! units too.
//!
//! Each record becomes its own [`Document`] whose text is the record's
//! document, a blank line, then the summary (one item per line); lines and
//! columns in findings count within that text. A bad record is an error for
//! that record only: the others are still checked.

use super::{plain, Document, Layout};
use crate::error::{Error, Result};
use serde_json::Value;

/// One record's fields, as read.
#[derive(Debug)]
pub struct Record {
    pub id: String,
    pub document: String,
    pub summary: Option<Summary>,
    pub headline: Option<String>,
    pub dek: Option<String>,
    pub label: Option<f64>,
}

#[derive(Debug)]
pub enum Summary {
    Prose(String),
    Bullets(Vec<String>),
}

/// Reads the records of a `.json` file: one object or an array of objects.
pub fn parse_json(path: &str, source: &str) -> Vec<Result<Record>> {
    let value: Value = match serde_json::from_str(source) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(Error::parse(
                path,
                e.line(),
                format!(
                "not valid JSON: {e}; expected an object {{\"document\": ..., \"summary\": ...}} or an array of them"
            ),
            ))]
        }
    };
    match value {
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| record(path, 1, v, i + 1))
            .collect(),
        v => vec![record(path, 1, v, 1)],
    }
}

/// Reads one line of a JSONL file; `None` for a blank line.
pub fn parse_jsonl_line(path: &str, line_number: usize, line: &str) -> Option<Result<Record>> {
    parse_jsonl_line_with(path, line_number, line, longest_string(line.as_bytes()))
}

/// [`parse_jsonl_line`], given the line's [`longest_string`] (worked out
/// already by the thread that read the line, to pick its worker).
pub fn parse_jsonl_line_with(
    path: &str,
    line_number: usize,
    line: &str,
    longest: Option<(usize, usize)>,
) -> Option<Result<Record>> {
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .len();
    let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if trimmed.is_empty() {
        return None;
    }
    // (Quotes are neither white space nor a byte order mark: the longest
    // string of the line is the trimmed line's, shifted.)
    let longest = longest.map(|(start, end)| (start - lead, end - lead));
    if let Some(fields) = longest.and_then(|span| fields::read_with_kept_body(trimmed, span)) {
        return Some(fields.into_record(path, line_number, line_number));
    }
    Some(match serde_json::from_str::<fields::Line>(trimmed) {
        Ok(fields::Line(Some(fields))) => fields.into_record(path, line_number, line_number),
        Ok(fields::Line(None)) => Err(not_an_object(path, line_number)),
        Err(e) => Err(Error::parse(
            path,
            line_number,
            format!("not valid JSON ({e}); each line must be one object {{\"id\", \"document\", \"summary\"}}"),
        )),
    })
}

/// The longest JSON string of `bytes`, as the span of its content (between
/// its quotes); `None` when there is no string. Exact for valid JSON; for
/// anything else some span or none, without panicking.
pub fn longest_string(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut open = None;
    let mut longest: Option<(usize, usize)> = None;
    // In valid JSON a quote after an odd number of backslashes is inside a
    // string; every other quote opens or closes one. (One vectorised search
    // for quotes: a byte search that stopped at every backslash too cost
    // three times as much on news text, rich in `\n` and `\"`.)
    for quote in memchr::memchr_iter(b'"', bytes) {
        let backslashes = bytes[..quote].iter().rev().take_while(|&&b| b == b'\\').count();
        if backslashes % 2 == 1 {
            continue;
        }
        match open.take() {
            None => open = Some(quote + 1),
            Some(start) => {
                if longest.is_none_or(|(s, e)| quote - start > e - s) {
                    longest = Some((start, quote));
                }
            }
        }
    }
    longest
}

fn not_an_object(path: &str, line: usize) -> Error {
    Error::parse(
        path,
        line,
        "expected a JSON object with \"document\" and \"summary\" fields",
    )
}

fn record(path: &str, line: usize, value: Value, ordinal: usize) -> Result<Record> {
    let Value::Object(map) = value else {
        return Err(not_an_object(path, line));
    };
    fields::Fields::of_object(map).into_record(path, line, ordinal)
}

/// A JSONL line read straight into the fields [`record`] looks at, without
/// building a [`Value`] for the whole object (a map of every field, each
/// string copied, then moved out): other fields are parsed and dropped.
/// Everything is still parsed through serde_json's `deserialize_any`, as a
/// `Value` would be, so syntax errors, number ranges and the nesting limit
/// report exactly as before; a repeated key keeps its last value, as the
/// map did. `into_record` then applies `record`'s rules to these fields.
mod fields {
    use super::{Error, Record, Result, Summary};
    use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::Number;
    use std::fmt;

    /// A field's value, as far as `record` tells values apart.
    #[derive(Debug)]
    pub enum Field {
        Str(String),
        Num(Number),
        Null,
        /// An array whose items are all strings.
        Strings(Vec<String>),
        /// A boolean, an object, or an array with a non-string item.
        Other,
        /// The string [`read_with_kept_body`] took out of the line, read
        /// apart from it.
        Elided,
    }

    /// The fields of one object; `None` where the key is absent.
    #[derive(Debug, Default)]
    pub struct Fields {
        id: Option<Field>,
        document: Option<Field>,
        text: Option<Field>,
        body: Option<Field>,
        summary: Option<Field>,
        headline: Option<Field>,
        title: Option<Field>,
        dek: Option<Field>,
        subtitle: Option<Field>,
        label: Option<Field>,
    }

    /// A line: an object's fields, or `None` for any other JSON value.
    #[derive(Debug)]
    pub struct Line(pub Option<Fields>);

    impl Field {
        /// The field of a parsed value (a `.json` batch's record).
        fn of_value(value: serde_json::Value) -> Field {
            use serde_json::Value;
            match value {
                Value::String(s) => Field::Str(s),
                Value::Number(n) => Field::Num(n),
                Value::Null => Field::Null,
                Value::Array(items) => items
                    .into_iter()
                    .map(|item| match item {
                        Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect::<Option<Vec<String>>>()
                    .map_or(Field::Other, Field::Strings),
                Value::Bool(_) | Value::Object(_) => Field::Other,
            }
        }
    }

    /// Bodies (raw and read) kept at most this long, as `align` keeps a
    /// body's analysis.
    const MAX_KEPT_RAW: usize = crate::align::MAX_KEPT_BODY;
    /// Strings shorter than this are read in place: too short to pay for
    /// the copies.
    const MIN_ELIDED: usize = 256;

    /// The last body string [`read_with_kept_body`] read on this thread:
    /// as it stood in the line (escaped) and as read.
    #[derive(Default)]
    struct KeptBody {
        raw: Vec<u8>,
        text: String,
    }

    thread_local! {
        static KEPT_BODY: std::cell::RefCell<KeptBody> = std::cell::RefCell::new(KeptBody::default());
    }

    /// The fields of the JSONL line `trimmed`, whose longest string's
    /// content is at `longest`, read with that string taken out: when it is
    /// the body (the `document`, `text` or `body` field) and the line is
    /// valid, the fields; otherwise `None`, and the caller reads the line as
    /// a whole (for its errors, exactly as before).
    ///
    /// Why: labelled data and A/B sets give several summaries of one
    /// article on consecutive lines, and serde_json read each one's body
    /// again, escapes and all (about 3.7 cycles a byte: most of a repeated
    /// record's reading). A body string whose escaped bytes are those of
    /// the last one read on this thread is the same string: it is copied
    /// from the kept one instead.
    ///
    /// Why the result is the whole line's: the line with the string's
    /// content taken out (`"…"` → `""`) has the same tokens but that one,
    /// so it is valid JSON exactly when the line is, given that the string
    /// alone is valid (read on its own here; a string kept from an earlier
    /// line was). The empty string is told from any other by its address
    /// (serde_json lends a string without escapes from the input), so only
    /// the body field's value takes the string's place. [`longest_string`]
    /// is exact on valid JSON; on a line that is not, the shortened line
    /// fails to parse or does not give the marked string to a body field,
    /// and the line is read as a whole.
    pub(super) fn read_with_kept_body(trimmed: &str, (start, end): (usize, usize)) -> Option<Fields> {
        let raw = trimmed.as_bytes().get(start..end)?;
        if raw.len() < MIN_ELIDED || raw.len() > MAX_KEPT_RAW {
            return None;
        }
        let mut elided = String::with_capacity(trimmed.len() - raw.len());
        elided.push_str(&trimmed[..start]);
        elided.push_str(&trimmed[end..]);
        let marker = elided.as_ptr() as usize + start;
        let mut de = serde_json::Deserializer::from_str(&elided);
        let mut fields = LineSeed { marker: Some(marker) }
            .deserialize(&mut de)
            .ok()
            .and_then(|line| line.0)?;
        de.end().ok()?;
        let slot = [&mut fields.document, &mut fields.text, &mut fields.body]
            .into_iter()
            .find(|slot| matches!(slot, Some(Field::Elided)))?;
        let text = KEPT_BODY.with_borrow_mut(|kept| {
            if kept.raw != raw {
                let mut de = serde_json::Deserializer::from_str(&trimmed[start - 1..=end]);
                let Field::Str(text) = (&mut de).deserialize_any(FieldVisitor::body(None)).ok()? else {
                    return None;
                };
                de.end().ok()?;
                kept.raw.clear();
                kept.raw.extend_from_slice(raw);
                kept.text.clear();
                kept.text.push_str(&text);
                return Some(text);
            }
            let mut text = String::with_capacity(kept.text.len() + BODY_ROOM);
            text.push_str(&kept.text);
            Some(text)
        })?;
        *slot = Some(Field::Str(text));
        Some(fields)
    }

    impl Fields {
        /// The fields of a parsed object (a `.json` batch's record): what
        /// reading it as a JSONL line gives.
        pub fn of_object(map: serde_json::Map<String, serde_json::Value>) -> Fields {
            let mut fields = Fields::default();
            for (key, value) in map {
                if let Some(name) = Name::of(&key) {
                    *fields.slot(name) = Some(Field::of_value(value));
                }
            }
            fields
        }

        /// The place for `key`'s value, for the keys `record` reads.
        fn slot(&mut self, key: Name) -> &mut Option<Field> {
            match key {
                Name::Id => &mut self.id,
                Name::Document => &mut self.document,
                Name::Text => &mut self.text,
                Name::Body => &mut self.body,
                Name::Summary => &mut self.summary,
                Name::Headline => &mut self.headline,
                Name::Title => &mut self.title,
                Name::Dek => &mut self.dek,
                Name::Subtitle => &mut self.subtitle,
                Name::Label => &mut self.label,
            }
        }

        /// [`super::record`]'s rules, over these fields.
        pub fn into_record(self, path: &str, line: usize, ordinal: usize) -> Result<Record> {
            let id = match self.id {
                Some(Field::Str(s)) => s,
                Some(Field::Num(n)) => n.to_string(),
                _ => format!("record-{ordinal}"),
            };
            let document = match self.document.or(self.text).or(self.body) {
                Some(Field::Str(s)) => s,
                Some(_) => {
                    return Err(Error::parse(
                        path,
                        line,
                        format!("record {id}: \"document\" must be a string"),
                    ))
                }
                None => {
                    return Err(Error::parse(
                        path,
                        line,
                        format!("record {id}: missing the \"document\" field (the article body)"),
                    ))
                }
            };
            let summary = match self.summary {
                Some(Field::Str(s)) => Some(Summary::Prose(s)),
                Some(Field::Strings(items)) => Some(Summary::Bullets(items)),
                Some(Field::Null) | None => None,
                Some(_) => {
                    return Err(Error::parse(
                        path,
                        line,
                        format!("record {id}: \"summary\" must be a string or a list of strings"),
                    ))
                }
            };
            let text = |field: Option<Field>| match field {
                Some(Field::Str(s)) => Some(s),
                _ => None,
            };
            let label = match &self.label {
                Some(Field::Num(n)) => n.as_f64(),
                _ => None,
            };
            Ok(Record {
                id,
                document,
                summary,
                headline: text(self.headline.or(self.title)),
                dek: text(self.dek.or(self.subtitle)),
                label,
            })
        }
    }

    /// Any JSON value, parsed (through `deserialize_any`, so with the same
    /// checks as a `Value`) and dropped. Not [`IgnoredAny`]: serde_json skips
    /// that without the nesting limit and without parsing numbers.
    struct Skip;

    impl<'de> Deserialize<'de> for Skip {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Skip, D::Error> {
            deserializer.deserialize_any(SkipVisitor).map(|_| Skip)
        }
    }

    /// Visits any value; `true` for a string.
    struct SkipVisitor;

    impl<'de> Visitor<'de> for SkipVisitor {
        type Value = bool;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E>(self, _: &str) -> std::result::Result<bool, E> {
            Ok(true)
        }
        fn visit_unit<E>(self) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E>(self) -> std::result::Result<bool, E> {
            Ok(false)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<bool, A::Error> {
            while seq.next_element::<Skip>()?.is_some() {}
            Ok(false)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<bool, A::Error> {
            while map.next_key::<Key>()?.is_some() {
                map.next_value::<Skip>()?;
            }
            Ok(false)
        }
    }

    /// The keys `record` reads.
    #[derive(Clone, Copy)]
    enum Name {
        Id,
        Document,
        Text,
        Body,
        Summary,
        Headline,
        Title,
        Dek,
        Subtitle,
        Label,
    }

    impl Name {
        /// The name of `key`, if `record` reads it.
        fn of(key: &str) -> Option<Name> {
            Some(match key {
                "id" => Name::Id,
                "document" => Name::Document,
                "text" => Name::Text,
                "body" => Name::Body,
                "summary" => Name::Summary,
                "headline" => Name::Headline,
                "title" => Name::Title,
                "dek" => Name::Dek,
                "subtitle" => Name::Subtitle,
                "label" => Name::Label,
                _ => return None,
            })
        }
    }

    /// An object key, read the way `Value` reads one (`deserialize_str`);
    /// `None` for a key `record` does not read.
    struct Key(Option<Name>);

    impl<'de> Deserialize<'de> for Key {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Key, D::Error> {
            struct KeyVisitor;
            impl<'de> Visitor<'de> for KeyVisitor {
                type Value = Key;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a string key")
                }
                fn visit_str<E>(self, key: &str) -> std::result::Result<Key, E> {
                    Ok(Key(Name::of(key)))
                }
            }
            deserializer.deserialize_str(KeyVisitor)
        }
    }

    impl<'de> Deserialize<'de> for Field {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Field, D::Error> {
            deserializer.deserialize_any(FieldVisitor { room: 0, marker: None })
        }
    }

    /// Bytes a body's string is given beyond its text: what a summary
    /// usually takes (the data's longest is 635 bytes, most about 200).
    const BODY_ROOM: usize = 512;

    /// Reads a [`Field`]; a string gets `room` spare bytes of capacity.
    /// The empty string at the address `marker` is [`Field::Elided`].
    struct FieldVisitor {
        room: usize,
        marker: Option<usize>,
    }

    impl FieldVisitor {
        /// The visitor for a body field's value.
        fn body(marker: Option<usize>) -> FieldVisitor {
            // Room after the body for the summary, which `into_document`
            // appends to this string.
            FieldVisitor {
                room: BODY_ROOM,
                marker,
            }
        }
    }

    impl<'de> serde::de::DeserializeSeed<'de> for FieldVisitor {
        type Value = Field;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Field, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for FieldVisitor {
        type Value = Field;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<Field, E> {
            Ok(Field::Other)
        }
        fn visit_i64<E>(self, v: i64) -> std::result::Result<Field, E> {
            Ok(Field::Num(v.into()))
        }
        fn visit_u64<E>(self, v: u64) -> std::result::Result<Field, E> {
            Ok(Field::Num(v.into()))
        }
        fn visit_f64<E>(self, v: f64) -> std::result::Result<Field, E> {
            // As `Value` has it: a float that is no JSON number is null.
            Ok(Number::from_f64(v).map_or(Field::Null, Field::Num))
        }
        fn visit_str<E>(self, v: &str) -> std::result::Result<Field, E> {
            let mut s = String::with_capacity(v.len() + self.room);
            s.push_str(v);
            Ok(Field::Str(s))
        }
        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> std::result::Result<Field, E> {
            if v.is_empty() && self.marker == Some(v.as_ptr() as usize) {
                return Ok(Field::Elided);
            }
            self.visit_str(v)
        }
        fn visit_unit<E>(self) -> std::result::Result<Field, E> {
            Ok(Field::Null)
        }
        fn visit_none<E>(self) -> std::result::Result<Field, E> {
            Ok(Field::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Field, A::Error> {
            let mut strings = Some(Vec::new());
            while let Some(item) = seq.next_element::<Item>()? {
                match (item, &mut strings) {
                    (Item::Str(s), Some(v)) => v.push(s),
                    _ => strings = None,
                }
            }
            Ok(strings.map_or(Field::Other, Field::Strings))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Field, A::Error> {
            SkipVisitor.visit_map(map).map(|_| Field::Other)
        }
    }

    /// An array item: a string, or anything else (parsed and dropped).
    enum Item {
        Str(String),
        Other,
    }

    impl<'de> Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Item, D::Error> {
            struct ItemVisitor;
            impl<'de> Visitor<'de> for ItemVisitor {
                type Value = Item;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("any JSON value")
                }
                fn visit_bool<E>(self, _: bool) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_i64<E>(self, _: i64) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_u64<E>(self, _: u64) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_f64<E>(self, _: f64) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_str<E>(self, v: &str) -> std::result::Result<Item, E> {
                    Ok(Item::Str(v.to_string()))
                }
                fn visit_unit<E>(self) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_none<E>(self) -> std::result::Result<Item, E> {
                    Ok(Item::Other)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Item, A::Error> {
                    SkipVisitor.visit_seq(seq).map(|_| Item::Other)
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<Item, A::Error> {
                    SkipVisitor.visit_map(map).map(|_| Item::Other)
                }
            }
            deserializer.deserialize_any(ItemVisitor)
        }
    }

    impl<'de> Deserialize<'de> for Line {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Line, D::Error> {
            LineSeed { marker: None }.deserialize(deserializer)
        }
    }

    /// Reads a [`Line`]; a body field's value that is the empty string at
    /// the address `marker` is [`Field::Elided`].
    struct LineSeed {
        marker: Option<usize>,
    }

    impl<'de> serde::de::DeserializeSeed<'de> for LineSeed {
        type Value = Line;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Line, D::Error> {
            struct LineVisitor {
                marker: Option<usize>,
            }
            impl<'de> Visitor<'de> for LineVisitor {
                type Value = Line;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("any JSON value")
                }
                fn visit_bool<E>(self, _: bool) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_i64<E>(self, _: i64) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_u64<E>(self, _: u64) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_f64<E>(self, _: f64) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_str<E>(self, _: &str) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_unit<E>(self) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_none<E>(self) -> std::result::Result<Line, E> {
                    Ok(Line(None))
                }
                fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<Line, A::Error> {
                    SkipVisitor.visit_seq(seq).map(|_| Line(None))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Line, A::Error> {
                    let mut fields = Fields::default();
                    while let Some(Key(key)) = map.next_key::<Key>()? {
                        match key {
                            // A repeated key keeps its last value, as in a map.
                            Some(name @ (Name::Document | Name::Text | Name::Body)) => {
                                *fields.slot(name) = Some(map.next_value_seed(FieldVisitor::body(self.marker))?)
                            }
                            Some(name) => *fields.slot(name) = Some(map.next_value::<Field>()?),
                            None => {
                                map.next_value::<Skip>()?;
                            }
                        }
                    }
                    Ok(Line(Some(fields)))
                }
            }
            deserializer.deserialize_any(LineVisitor { marker: self.marker })
        }
    }
}

impl Record {
    /// The record as a document: headline and dek lines, the body, a blank
    /// line, then the summary, one item a line.
    pub fn into_document(self, path: &str, record_line: Option<usize>) -> Document {
        let mut layout = Layout::default();
        let push_line = |source: &mut String, text: &str| -> Option<(usize, usize)> {
            let text = text.trim();
            let start = source.len();
            // Line breaks become spaces (no copy of the text to do it).
            for (i, piece) in text.split(['\n', '\r']).enumerate() {
                if i > 0 {
                    source.push(' ');
                }
                source.push_str(piece);
            }
            let end = source.len();
            source.push('\n');
            (start < end).then_some((start, end))
        };
        let body = kept_body_layout(&self.document);
        let body_bytes = self.document.len();
        let summary_bytes = match &self.summary {
            Some(Summary::Prose(text)) => text.len() + 1,
            Some(Summary::Bullets(items)) => items.iter().map(|item| item.len() + 1).sum(),
            None => 0,
        };
        let mut source = if self.headline.is_none() && self.dek.is_none() {
            // The body starts the text: its string becomes the text, not
            // copied (the reader left room after it for the summary).
            let mut source = self.document;
            source.reserve(2 + summary_bytes);
            source
        } else {
            let mut source = String::with_capacity(self.document.len() + 2 + summary_bytes + 512);
            push_head(
                &mut source,
                &mut layout,
                self.headline.as_deref(),
                self.dek.as_deref(),
                push_line,
            );
            source.push_str(&self.document);
            source
        };
        let body_offset = source.len() - body_bytes;
        layout.paragraphs = body.paragraphs;
        layout.headings = body.headings;
        for (s, e) in layout.paragraphs.iter_mut().chain(&mut layout.headings) {
            (*s, *e) = (*s + body_offset, *e + body_offset);
        }
        source.push_str("\n\n");
        push_summary(&mut source, &mut layout, self.summary.as_ref(), push_line);
        let mut doc = Document::build(path, source, layout);
        doc.id = Some(self.id);
        doc.record_line = record_line;
        doc
    }
}

/// The last body [`kept_body_layout`] laid out on this thread, and its
/// layout.
#[derive(Default)]
struct KeptLayout {
    body: String,
    layout: Layout,
}

thread_local! {
    static KEPT_LAYOUT: std::cell::RefCell<KeptLayout> = std::cell::RefCell::new(KeptLayout::default());
}

/// [`plain::body_layout`] of `body`, kept for the next record whose body
/// is the same (the layout reads nothing else): consecutive records of one
/// article laid out its body's blocks each time.
fn kept_body_layout(body: &str) -> Layout {
    if body.len() > crate::align::MAX_KEPT_BODY {
        return plain::body_layout(body);
    }
    KEPT_LAYOUT.with_borrow_mut(|kept| {
        if kept.body != body {
            kept.layout = plain::body_layout(body);
            kept.body.clear();
            kept.body.push_str(body);
        }
        Layout {
            paragraphs: kept.layout.paragraphs.clone(),
            headings: kept.layout.headings.clone(),
            ..Layout::default()
        }
    })
}

/// Pushes the headline and dek lines (each through `push_line`), then a
/// blank line when there was either.
fn push_head(
    source: &mut String,
    layout: &mut Layout,
    headline: Option<&str>,
    dek: Option<&str>,
    push_line: impl Fn(&mut String, &str) -> Option<(usize, usize)>,
) {
    if let Some(h) = headline {
        layout.headline = push_line(source, h);
    }
    if let Some(d) = dek {
        layout.dek = push_line(source, d);
    }
    if layout.headline.is_some() || layout.dek.is_some() {
        source.push('\n');
    }
}

/// Appends a record's summary after its body: prose as one unit, each
/// bullet on a line of its own (by `push_line`, which gives its span).
fn push_summary(
    source: &mut String,
    layout: &mut Layout,
    summary: Option<&Summary>,
    push_line: impl Fn(&mut String, &str) -> Option<(usize, usize)>,
) {
    match summary {
        Some(Summary::Prose(text)) => {
            let start = source.len();
            source.push_str(text);
            layout.summary_prose.push((start, source.len()));
            source.push('\n');
        }
        Some(Summary::Bullets(items)) => {
            for item in items {
                layout.bullets.extend(push_line(source, item));
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_record_with_prose_summary() {
        let line = r#"{"id": "a1", "document": "The mayor opened the bridge. It cost $3 million.", "summary": "The mayor opened a bridge. It cost three million dollars."}"#;
        let record = parse_jsonl_line("x.jsonl", 4, line).unwrap().unwrap();
        let doc = record.into_document("x.jsonl", Some(4));
        assert_eq!(doc.id.as_deref(), Some("a1"));
        assert_eq!(doc.paragraphs.len(), 1);
        let units: Vec<&str> = doc.summary_units().map(|u| doc.slice(&u.span)).collect();
        assert_eq!(units, ["The mayor opened a bridge.", "It cost three million dollars."]);
    }

    /// A record's document made only of heading-shaped lines (short, no
    /// final full stop) is its body, not headings: it used to leave the
    /// record with "a summary but no body".
    #[test]
    fn a_document_of_heading_shaped_lines_is_the_body() {
        let document_of = |document: &str| {
            let line = serde_json::json!({"id": "h", "document": document, "summary": ["Sales grew."]}).to_string();
            parse_jsonl_line("x.jsonl", 1, &line)
                .unwrap()
                .unwrap()
                .into_document("x.jsonl", Some(1))
        };
        for (document, paragraphs) in [
            ("Sales grew 3.5", vec!["Sales grew 3.5"]),
            ("Sales grew 3.5\n\nProfit fell", vec!["Sales grew 3.5", "Profit fell"]),
        ] {
            let doc = document_of(document);
            let found: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(&p.span)).collect();
            assert_eq!(found, paragraphs);
            assert!(doc.headings.is_empty());
        }
        // A heading over a paragraph stays a heading.
        let doc = document_of("Results\n\nSales grew 3.5 percent in the year to March.");
        assert_eq!(doc.paragraphs.len(), 1);
        assert_eq!(doc.headings.len(), 1);
    }

    #[test]
    fn list_summary_and_headline() {
        let json = r#"{"title": "Bridge opens", "document": "Para one.\n\nPara two.", "summary": ["One.", "Two."]}"#;
        let records = parse_json("x.json", json);
        let doc = records
            .into_iter()
            .next()
            .unwrap()
            .unwrap()
            .into_document("x.json", None);
        assert_eq!(doc.units[0].kind, super::super::UnitKind::Headline);
        assert_eq!(doc.summary_units().count(), 2);
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.id.as_deref(), Some("record-1"));
    }

    /// `record` as it was, on the `Value` itself: the reference both readers
    /// (`parse_jsonl_line`'s fields and `parse_json`'s values) are compared with.
    fn record_by_value(path: &str, line: usize, value: Value, ordinal: usize) -> Result<Record> {
        let Value::Object(mut map) = value else {
            return Err(not_an_object(path, line));
        };
        let id = match map.remove("id") {
            Some(Value::String(s)) => s,
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("record-{ordinal}"),
        };
        let document = match map
            .remove("document")
            .or_else(|| map.remove("text"))
            .or_else(|| map.remove("body"))
        {
            Some(Value::String(s)) => s,
            Some(_) => {
                return Err(Error::parse(
                    path,
                    line,
                    format!("record {id}: \"document\" must be a string"),
                ))
            }
            None => {
                return Err(Error::parse(
                    path,
                    line,
                    format!("record {id}: missing the \"document\" field (the article body)"),
                ))
            }
        };
        let summary = match map.remove("summary") {
            Some(Value::String(s)) => Some(Summary::Prose(s)),
            Some(Value::Array(items)) => {
                let mut bullets = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => bullets.push(s),
                        _ => {
                            return Err(Error::parse(
                                path,
                                line,
                                format!("record {id}: \"summary\" must be a string or a list of strings"),
                            ))
                        }
                    }
                }
                Some(Summary::Bullets(bullets))
            }
            Some(Value::Null) | None => None,
            Some(_) => {
                return Err(Error::parse(
                    path,
                    line,
                    format!("record {id}: \"summary\" must be a string or a list of strings"),
                ))
            }
        };
        let text_field = |map: &mut serde_json::Map<String, Value>, keys: &[&str]| {
            keys.iter()
                .find_map(|k| map.remove(*k))
                .and_then(|v| v.as_str().map(str::to_string))
        };
        let headline = text_field(&mut map, &["headline", "title"]);
        let dek = text_field(&mut map, &["dek", "subtitle"]);
        let label = map.get("label").and_then(Value::as_f64);
        Ok(Record {
            id,
            document,
            summary,
            headline,
            dek,
            label,
        })
    }

    /// `parse_jsonl_line` as it was: the whole line as a `Value`, then `record`.
    fn through_value(line: &str) -> Option<Result<Record>> {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if trimmed.is_empty() {
            return None;
        }
        Some(match serde_json::from_str::<Value>(trimmed) {
            Ok(v) => record_by_value("x.jsonl", 5, v, 5),
            Err(e) => Err(Error::parse(
                "x.jsonl",
                5,
                format!("not valid JSON ({e}); each line must be one object {{\"id\", \"document\", \"summary\"}}"),
            )),
        })
    }

    /// Both readers give what `record_by_value` gives: a JSONL line, and
    /// (when the line is JSON) the same value as a `.json` batch's record.
    fn assert_as_through_value(line: &str) {
        let show = |r: Option<Result<Record>>| format!("{:?}", r.map(|r| r.map_err(|e| e.to_string())));
        assert_eq!(
            show(parse_jsonl_line("x.jsonl", 5, line)),
            show(through_value(line)),
            "{line}"
        );
        if let Ok(value) =
            serde_json::from_str::<Value>(line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
        {
            assert_eq!(
                show(Some(record("x.json", 1, value.clone(), 3))),
                show(Some(record_by_value("x.json", 1, value, 3))),
                "{line}"
            );
        }
    }

    const KEYS: [&str; 13] = [
        "id",
        "document",
        "text",
        "body",
        "summary",
        "headline",
        "title",
        "dek",
        "subtitle",
        "label",
        "origin",
        "do\\u0063ument",
        "",
    ];

    fn values() -> Vec<String> {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        [
            r#""A body. Two \"quoted\"\nlines \u00e9 \ud83d\ude00.""#,
            r#""""#,
            "17",
            "-3",
            "2.50",
            "1e400",
            "18446744073709551616",
            "true",
            "null",
            r#"["One.", "Two \t."]"#,
            "[]",
            r#"["One.", 2, "Three."]"#,
            r#"["One.", ["nested"], {"a": [1, {"b": null}]}]"#,
            r#"{"document": "inner", "x": [1e5, false]}"#,
            r#""bad \x escape""#,
            "\"lone \\ud800 surrogate\"",
            "[1, 2,]",
        ]
        .iter()
        .map(|v| v.to_string())
        .chain([deep(126), deep(127), deep(200)])
        .collect()
    }

    #[test]
    fn jsonl_lines_read_as_through_a_value() {
        let values = values();
        for line in [
            "",
            "  \u{feff} ",
            "[]",
            r#"[{"document": "x"}, 1e999]"#,
            "\"a string\"",
            "42",
            "null",
            r#"{"document": "x"} trailing"#,
            r#"{"document": "x",}"#,
            r#"{3: "x"}"#,
            r#"{"document": "first", "document": 5}"#,
            r#"{"document": 5, "document": "last"}"#,
            r#"{"text": "t", "body": "b"}"#,
            r#"{"body": "b", "document": null}"#,
            r#"{"headline": 3, "title": "T", "document": "d"}"#,
            r#"{"subtitle": "S", "document": "d", "label": -0.5, "id": 1.0}"#,
            r#"{"id": -7, "document": "d", "summary": null, "label": "0.5"}"#,
        ] {
            assert_as_through_value(line);
        }
        for key in KEYS {
            for value in &values {
                assert_as_through_value(&format!(r#"{{"{key}": {value}}}"#));
                assert_as_through_value(&format!(r#"{{"document": "d", "{key}": {value}, "summary": "S."}}"#));
                assert_as_through_value(&format!(r#"{{"id": "r", "{key}": {value}, "document": "d"}}"#));
            }
        }
    }

    proptest::proptest! {
        /// Objects of any of the keys (repeated ones too) with any of the
        /// values, whole or cut short anywhere.
        #[test]
        fn any_line_reads_as_through_a_value(
            fields in proptest::collection::vec((0..KEYS.len(), 0..20usize), 0..7),
            cut in proptest::option::of(0..400usize),
        ) {
            let values = values();
            let body: Vec<String> = fields
                .iter()
                .map(|&(k, v)| format!("\"{}\": {}", KEYS[k], values[v]))
                .collect();
            let mut line = format!("{{{}}}", body.join(", "));
            cut_short(&mut line, cut);
            assert_as_through_value(&line);
        }
    }

    /// `line` cut at `cut` bytes (at the char boundary before), if given.
    fn cut_short(line: &mut String, cut: Option<usize>) {
        if let Some(cut) = cut {
            let mut at = cut.min(line.len());
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            line.truncate(at);
        }
    }

    /// Long strings (over `fields::MIN_ELIDED`), valid and not, for the
    /// reading of a body kept from the line before.
    fn long_values() -> Vec<String> {
        let escaped = r#"The mayor said \"yes\" to the bridge.\nIt opened on Monday \u00e9 \ud83d\ude00. "#.repeat(8);
        let plain = "Word after word without an escape in it. ".repeat(8);
        vec![
            format!("\"{escaped}\""),
            format!("\"{escaped}.\""),
            format!("\"{plain}\""),
            format!("\"{plain}\\x bad escape\""),
            format!("\"{plain}\\ud800 lone\""),
            format!("\"{plain}\tcontrol\""),
            format!("\"{escaped}\\"),
        ]
    }

    proptest::proptest! {
        /// Lines in a row (as one worker reads them) whose long strings
        /// repeat, in any field, as a key or an array item, valid or not,
        /// whole or cut short, after white space or not: each reads as the
        /// whole line through a `Value` reads.
        #[test]
        fn lines_with_a_kept_body_read_as_through_a_value(
            lines in proptest::collection::vec(
                (
                    proptest::collection::vec((0..KEYS.len() + 2, 0..27usize), 0..5),
                    proptest::option::of(0..1200usize),
                    proptest::bool::ANY,
                ),
                1..6,
            ),
        ) {
            let (values, longs) = (values(), long_values());
            let value = |v: usize| if v < values.len() { values[v].clone() } else { longs[(v - values.len()) % longs.len()].clone() };
            for (fields, cut, lead) in lines {
                let body: Vec<String> = fields
                    .iter()
                    .map(|&(k, v)| match k.checked_sub(KEYS.len()) {
                        // A long string as a key, or in a list.
                        Some(0) => format!("{}: {}", longs[v % longs.len()], value(v)),
                        Some(_) => format!("\"summary\": [\"One.\", {}]", value(v)),
                        None => format!("\"{}\": {}", KEYS[k], value(v)),
                    })
                    .collect();
                let mut line = format!("{}{{{}}}", if lead { " \u{feff}\t" } else { "" }, body.join(", "));
                cut_short(&mut line, cut);
                assert_as_through_value(&line);
            }
        }
    }

    #[test]
    fn a_repeated_body_reads_as_through_a_value() {
        let longs = long_values();
        for first in &longs {
            for second in &longs {
                for (a, b) in [
                    ("document", "document"),
                    ("document", "text"),
                    ("body", "summary"),
                    ("origin", "document"),
                ] {
                    for line in [
                        format!(r#"{{"id": "1", "{a}": {first}, "summary": "S."}}"#),
                        format!(r#"{{"id": "2", "{b}": {second}, "summary": ["S."]}}"#),
                        format!(r#"{{"id": "3", "{b}": {second}, "{b}": 4}}"#),
                        format!(r#"{{"id": "4", "{b}": {second}, "summary": "S."}} x"#),
                        format!(r#"{{"id": "5", "{b}": {second}, "summary": "S.""#),
                        format!(r#"{{"id": "6", "{b}": {second}, "summary": "S."}}"#),
                        format!(r#"{{"id": "7", "document": "short", "{b}": {second}}}"#),
                    ] {
                        assert_as_through_value(&line);
                    }
                }
            }
        }
    }

    /// `into_document` as it was (the body copied into a new string): the
    /// reference for the one that takes over the body's string.
    fn into_document_as_it_was(record: Record, path: &str, record_line: Option<usize>) -> Document {
        let mut source = String::with_capacity(record.document.len() + 512);
        let mut layout = Layout::default();
        let push_line = |source: &mut String, text: &str| -> Option<(usize, usize)> {
            let text = text.trim();
            let start = source.len();
            source.push_str(&text.replace(['\n', '\r'], " "));
            let end = source.len();
            source.push('\n');
            (start < end).then_some((start, end))
        };
        push_head(
            &mut source,
            &mut layout,
            record.headline.as_deref(),
            record.dek.as_deref(),
            push_line,
        );
        let body_offset = source.len();
        source.push_str(&record.document);
        let body = plain::body_layout(&record.document);
        layout.paragraphs = body
            .paragraphs
            .iter()
            .map(|&(s, e)| (s + body_offset, e + body_offset))
            .collect();
        layout.headings = body
            .headings
            .iter()
            .map(|&(s, e)| (s + body_offset, e + body_offset))
            .collect();
        source.push_str("\n\n");
        push_summary(&mut source, &mut layout, record.summary.as_ref(), push_line);
        let mut doc = Document::build(path, source, layout);
        doc.id = Some(record.id);
        doc.record_line = record_line;
        doc
    }

    #[test]
    fn records_become_the_documents_they_became() {
        let long_summary = "The mayor opened it. ".repeat(60);
        let bodies = [
            "Results\n\nSales grew 3.5 percent in the year to March.\n\nProfit fell.",
            "The mayor opened the bridge on Monday. It cost $3 million.",
            "",
            "  Padded body with a line\r\nbreak.  ",
        ];
        let extras = [
            serde_json::json!({}),
            serde_json::json!({"headline": "Bridge\r\nopens"}),
            serde_json::json!({"title": "  ", "dek": "A dek\nline"}),
            serde_json::json!({"subtitle": "Only a dek"}),
            serde_json::json!({"headline": ""}),
        ];
        let summaries = [
            serde_json::json!("The mayor opened a bridge. It cost three million dollars."),
            serde_json::json!(["One.", "  Two\r\nlines. ", "", "Three."]),
            serde_json::Value::Null,
            serde_json::json!(long_summary),
            serde_json::json!([long_summary.clone(), long_summary.clone()]),
        ];
        for body in bodies {
            for extra in &extras {
                for summary in &summaries {
                    let mut value = serde_json::json!({"id": "r1", "document": body, "summary": summary});
                    value
                        .as_object_mut()
                        .unwrap()
                        .extend(extra.as_object().unwrap().clone());
                    let line = value.to_string();
                    let read = || parse_jsonl_line("x.jsonl", 3, &line).unwrap().unwrap();
                    let expected = format!("{:?}", into_document_as_it_was(read(), "x.jsonl", Some(3)));
                    assert_eq!(
                        format!("{:?}", read().into_document("x.jsonl", Some(3))),
                        expected,
                        "{line}"
                    );
                    // A `.json` record's strings have no room after them.
                    let record = parse_json("x.json", &line).into_iter().next().unwrap().unwrap();
                    assert_eq!(
                        format!("{:?}", record.into_document("x.jsonl", Some(3))),
                        expected,
                        "{line}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_body_is_read_with_room_for_the_summary() {
        let line = r#"{"id": "a", "document": "The body.", "summary": "S.", "headline": "H"}"#;
        let record = parse_jsonl_line("x.jsonl", 1, line).unwrap().unwrap();
        assert!(record.document.capacity() >= record.document.len() + 512);
        assert_eq!(record.headline.as_deref(), Some("H"));
    }

    #[test]
    fn bad_lines_name_the_line_and_the_fix() {
        let err = parse_jsonl_line("x.jsonl", 7, "{not json").unwrap().unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:7: not valid JSON"), "{err}");
        let err = parse_jsonl_line("x.jsonl", 8, r#"{"id": "z", "summary": "s"}"#)
            .unwrap()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.jsonl:8: record z: missing the \"document\" field (the article body)"
        );
        assert!(parse_jsonl_line("x.jsonl", 9, "   ").is_none());
    }
}
