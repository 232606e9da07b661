//! Plain-text articles: headline and dek lines at the top, short heading
//! lines, paragraphs, and a summary list before or after the body.
//!
//! Paragraphs are either one per line (as wire copy often comes) or blocks
//! separated by blank lines and hard-wrapped; a block whose lines are all
//! short but the last reads as one wrapped paragraph, any other block as one
//! paragraph per line. The summary is the list (`- `, `* `, `• `, `1.`,
//! `1)`) under a summary heading ("Key points:"), or else the list that opens
//! or closes the article; prose under a summary heading is split into
//! summary sentences.

use super::{trim_range, Layout, ParseOptions};

/// A line longer than this (in characters) is not hard-wrapped prose.
const WRAP_WIDTH: usize = 100;
/// Headings are short.
const MAX_HEADING_WORDS: usize = 12;
const MAX_HEADLINE_WORDS: usize = 30;
const MAX_DEK_WORDS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq)]
enum LineKind {
    Blank,
    /// A list item; the offset where its text starts, after the marker.
    Item(usize),
    /// An indented line right after a list item continues it.
    Continuation,
    Label,
    Text,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    kind: LineKind,
    block: usize,
}

/// Elements in document order: a run of text lines that is one paragraph
/// candidate, a list item, or a summary label.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Elem {
    Text {
        start: usize,
        end: usize,
        lines: usize,
        block: usize,
    },
    Item {
        start: usize,
        end: usize,
        list: usize,
    },
    Label {
        start: usize,
        end: usize,
    },
}

pub fn layout(source: &str, options: &ParseOptions) -> Layout {
    let lines = classify(source, options, true);
    let elems = elements(source, &lines);
    let mut layout = assemble(source, &elems);
    layout.masked = mask_directives(source);
    layout
}

/// The source with sumlint directive lines blanked, so that no paragraph
/// that wraps around one reads it as prose; `None` when there are none.
fn mask_directives(source: &str) -> Option<String> {
    let mut masked: Option<String> = None;
    for (start, end) in split_lines(source) {
        if crate::suppress::is_text_directive(&source[start..end]) {
            let text = masked.get_or_insert_with(|| source.to_string());
            text.replace_range(start..end, &" ".repeat(end - start));
        }
    }
    masked
}

/// A body with no headline, dek or summary of its own (the `document` of a
/// JSON record): every block is body; short title-like lines are headings.
pub fn body_layout(source: &str) -> Layout {
    // (Not `..ParseOptions::default()`: that made and dropped the default
    // heading strings for every record.)
    let options = ParseOptions {
        format: None,
        summary_headings: Vec::new(),
    };
    // A JSON record's text carries no directives (see `suppress`): every line is read.
    let lines: Vec<Line> = classify(source, &options, false)
        .into_iter()
        .map(|l| Line {
            kind: if matches!(l.kind, LineKind::Blank) {
                l.kind
            } else {
                LineKind::Text
            },
            ..l
        })
        .collect();
    let elems = elements(source, &lines);
    let mut layout = Layout::default();
    for elem in elems {
        if let Elem::Text { start, end, lines, .. } = elem {
            let text = &source[start..end];
            let heading = lines == 1
                && !ends_with_period(text)
                && !text.trim_end().ends_with(['!', '?', '"', '\u{201d}'])
                && at_most_words(text, MAX_HEADING_WORDS);
            let target = if heading {
                &mut layout.headings
            } else {
                &mut layout.paragraphs
            };
            target.extend(trim_range(source, start, end));
        }
    }
    // The record's document is the body by its field: one made only of
    // heading-shaped lines ("Sales grew 3.5") is that body's text, not a
    // body of headings with nothing to check the summary against.
    if layout.paragraphs.is_empty() {
        layout.paragraphs = std::mem::take(&mut layout.headings);
    }
    layout
}

fn split_lines(source: &str) -> Vec<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    // A vectorised search for the break bytes rather than a loop over every byte.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The "\n" of a "\r\n" already taken.
            continue;
        }
        out.push((start, i));
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// The offset of an item's text after its list marker, if the line is one.
fn list_marker(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    for marker in ["- ", "* ", "\u{2022} ", "\u{2013} ", "+ "] {
        if rest.starts_with(marker) {
            return Some(indent + marker.len());
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &rest[digits..];
        if after.starts_with(". ") || after.starts_with(") ") {
            return Some(indent + digits + 2);
        }
    }
    None
}

/// Sorts lines into kinds; with `directives`, sumlint directive lines are
/// left out as if absent (not blank: they must not split a paragraph).
fn classify(source: &str, options: &ParseOptions, directives: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut block = 0;
    let mut previous = LineKind::Blank;
    for (start, end) in split_lines(source) {
        let text = &source[start..end];
        if directives && crate::suppress::is_text_directive(text) {
            continue;
        }
        let kind = if text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
            .is_empty()
        {
            LineKind::Blank
        } else if let Some(offset) = list_marker(text) {
            LineKind::Item(start + offset)
        } else if matches!(previous, LineKind::Item(_) | LineKind::Continuation) && text.starts_with([' ', '\t']) {
            LineKind::Continuation
        } else if options.is_summary_heading(text) {
            LineKind::Label
        } else {
            LineKind::Text
        };
        if kind == LineKind::Blank {
            if previous != LineKind::Blank {
                block += 1;
            }
        } else {
            lines.push(Line {
                start,
                end,
                kind,
                block,
            });
        }
        previous = kind;
    }
    lines
}

fn elements(source: &str, lines: &[Line]) -> Vec<Elem> {
    let mut elems: Vec<Elem> = Vec::new();
    let mut list = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        match line.kind {
            LineKind::Item(text_start) => {
                let mut end = line.end;
                let mut j = i + 1;
                while j < lines.len() && lines[j].kind == LineKind::Continuation {
                    end = lines[j].end;
                    j += 1;
                }
                // A new list starts unless the previous element was an item.
                if !matches!(elems.last(), Some(Elem::Item { .. })) {
                    list += 1;
                }
                elems.push(Elem::Item {
                    start: text_start,
                    end,
                    list,
                });
                i = j;
            }
            LineKind::Label => {
                elems.push(Elem::Label {
                    start: line.start,
                    end: line.end,
                });
                i += 1;
            }
            LineKind::Text | LineKind::Continuation => {
                // The run of text lines in this block.
                let mut j = i;
                while j < lines.len()
                    && lines[j].block == line.block
                    && matches!(lines[j].kind, LineKind::Text | LineKind::Continuation)
                {
                    j += 1;
                }
                let run = &lines[i..j];
                // Hard-wrapped prose: short lines that mostly break mid-sentence.
                // One paragraph per line: lines that end sentences.
                let inner = &run[..run.len().saturating_sub(1)];
                let sentence_ends = inner.iter().filter(|l| ends_sentence(&source[l.start..l.end])).count();
                let wrapped = run.len() > 1
                    && inner
                        .iter()
                        .all(|l| source[l.start..l.end].chars().count() <= WRAP_WIDTH)
                    && sentence_ends * 2 < inner.len();
                if wrapped {
                    elems.push(Elem::Text {
                        start: run[0].start,
                        end: run[run.len() - 1].end,
                        lines: run.len(),
                        block: line.block,
                    });
                } else {
                    for l in run {
                        elems.push(Elem::Text {
                            start: l.start,
                            end: l.end,
                            lines: 1,
                            block: l.block,
                        });
                    }
                }
                i = j;
            }
            LineKind::Blank => i += 1,
        }
    }
    elems
}

/// Ends with sentence-final punctuation, perhaps inside a closing quote.
fn ends_sentence(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    t.ends_with(['.', '!', '?', '\u{2026}'])
}

/// At most `max` whitespace-separated words in `text`: counts no further
/// than `max + 1` (a long paragraph is not read to its end).
fn at_most_words(text: &str, max: usize) -> bool {
    text.split_whitespace().take(max + 1).count() <= max
}

/// Ends like a sentence: a full stop, or a closing quote after one.
fn ends_with_period(text: &str) -> bool {
    let t = text
        .trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')']);
    t.ends_with(['.', ';', ',', ':'])
}

fn assemble(source: &str, elems: &[Elem]) -> Layout {
    let mut layout = Layout::default();
    let mut used = vec![false; elems.len()];

    // The summary: a list or prose under a summary label...
    let mut summary_list = None;
    for (i, elem) in elems.iter().enumerate() {
        if let Elem::Label { .. } = elem {
            used[i] = true;
            match elems.get(i + 1) {
                Some(Elem::Item { list, .. }) => {
                    summary_list = Some(*list);
                    break;
                }
                Some(Elem::Text { .. }) => {
                    let mut j = i + 1;
                    while let Some(Elem::Text { start, end, lines, .. }) = elems.get(j) {
                        // Summary prose ends at the next heading-like line.
                        if j > i + 1
                            && *lines == 1
                            && !ends_with_period(&source[*start..*end])
                            && at_most_words(&source[*start..*end], MAX_HEADING_WORDS)
                        {
                            break;
                        }
                        layout.summary_prose.push((*start, *end));
                        used[j] = true;
                        j += 1;
                    }
                    break;
                }
                _ => {}
            }
        }
    }
    // ...or else the list that opens or closes the article.
    if summary_list.is_none() && layout.summary_prose.is_empty() {
        let text_positions: Vec<usize> = elems
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e, Elem::Text { .. }))
            .map(|(i, _)| i)
            .collect();
        let lists: Vec<(usize, usize, usize)> = list_ranges(elems);
        let last_text = text_positions.last().copied();
        // Text before the first paragraph may be the headline and dek.
        // A list after at most a headline and a dek opens the article.
        let opens = |first: usize| {
            let before: Vec<usize> = text_positions.iter().copied().filter(|&t| t < first).collect();
            before.len() <= 2 && before.first().is_none_or(|&t| is_titleish(source, &elems[t]))
        };
        summary_list = lists
            .iter()
            .find(|&&(_, first, _)| last_text.is_none_or(|t| first > t) || opens(first))
            .map(|&(list, _, _)| list);
    }
    let summary_first = elems
        .iter()
        .position(|e| matches!(e, Elem::Item { list, .. } if Some(*list) == summary_list));
    for (i, elem) in elems.iter().enumerate() {
        if let Elem::Item { start, end, list } = *elem {
            if Some(list) == summary_list {
                layout.bullets.push((start, end));
                used[i] = true;
            }
        }
    }

    // Headline and dek: title-like lines at the very top.
    let mut rest: Vec<(usize, &Elem)> = elems.iter().enumerate().filter(|(i, _)| !used[*i]).collect();
    if let Some(&(
        _,
        &Elem::Text {
            start,
            end,
            lines,
            block,
        },
    )) = rest.first()
    {
        {
            let first_line_end = source[start..end].find(['\n', '\r']).map_or(end, |i| start + i);
            let headline = &source[start..first_line_end];
            if !ends_with_period(headline)
                && at_most_words(headline, MAX_HEADLINE_WORDS)
                && is_first_content(elems, start)
            {
                layout.headline = trim_range(source, start, first_line_end);
                rest.remove(0);
                if lines > 1 {
                    // The rest of the first block is the dek.
                    layout.dek = trim_range(source, first_line_end, end);
                } else if let Some(&(
                    dek_index,
                    Elem::Text {
                        start,
                        end,
                        lines: 1,
                        block: dek_block,
                    },
                )) = rest.first()
                {
                    let dek = &source[*start..*end];
                    // A dek reads like a subtitle: no full stop, or it stands
                    // above a summary that opens the article. A one-sentence
                    // lede does end with one, and stays a paragraph.
                    let same_block_or_next = *dek_block <= block + 1;
                    let above_summary = summary_first == Some(dek_index + 1);
                    if same_block_or_next
                        && at_most_words(dek, MAX_DEK_WORDS)
                        && (!ends_with_period(dek) || above_summary)
                        && rest.len() > 1
                    {
                        layout.dek = trim_range(source, *start, *end);
                        rest.remove(0);
                    }
                }
            }
        }
    }

    // Headings and paragraphs.
    for (_, elem) in rest {
        match *elem {
            Elem::Text { start, end, lines, .. } => {
                let text = &source[start..end];
                if lines == 1
                    && !ends_with_period(text)
                    && !text.trim_end().ends_with(['!', '?', '"', '\u{201d}'])
                    && at_most_words(text, MAX_HEADING_WORDS)
                {
                    if let Some(r) = trim_range(source, start, end) {
                        layout.headings.push(r);
                    }
                } else if let Some(r) = trim_range(source, start, end) {
                    layout.paragraphs.push(r);
                }
            }
            Elem::Item { start, end, .. } => {
                // Lists in the body are body content, one paragraph an item.
                if let Some(r) = trim_range(source, start, end) {
                    layout.paragraphs.push(r);
                }
            }
            Elem::Label { start, end } => layout.headings.extend(trim_range(source, start, end)),
        }
    }
    layout
}

fn is_first_content(elems: &[Elem], start: usize) -> bool {
    match elems.iter().find(|e| matches!(e, Elem::Text { .. })) {
        Some(Elem::Text { start: s, .. }) => *s == start,
        _ => false,
    }
}

/// The element's first line could be a headline: no full stop, short.
fn is_titleish(source: &str, elem: &Elem) -> bool {
    match *elem {
        Elem::Text { start, end, .. } => {
            let text = &source[start..end];
            let first_line = text.lines().next().unwrap_or(text);
            !ends_with_period(first_line) && at_most_words(first_line, MAX_HEADLINE_WORDS)
        }
        _ => false,
    }
}

/// Each list as (list number, index of its first element, of its last).
fn list_ranges(elems: &[Elem]) -> Vec<(usize, usize, usize)> {
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    for (i, elem) in elems.iter().enumerate() {
        if let Elem::Item { list, .. } = *elem {
            match out.last_mut() {
                Some(last) if last.0 == list => last.2 = i,
                _ => out.push((list, i, i)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(source: &'a str, ranges: &[(usize, usize)]) -> Vec<&'a str> {
        ranges.iter().map(|&(s, e)| &source[s..e]).collect()
    }

    const WIRE: &str = "Council Passes Budget\n\
        Spending rises for the third year\n\
        The council approved the budget on Monday after a long debate that ran well into the night in the town hall.\n\
        Reactions\n\
        Residents said they were pleased with the outcome of the vote, which had been delayed twice before this week.\n\
        - The council approved the budget.\n\
        - Residents were pleased.\n";

    #[test]
    fn one_paragraph_per_line_with_headline_dek_heading_and_bullets() {
        let layout = layout(WIRE, &ParseOptions::default());
        assert_eq!(texts(WIRE, &[layout.headline.unwrap()]), ["Council Passes Budget"]);
        assert_eq!(
            texts(WIRE, &[layout.dek.unwrap()]),
            ["Spending rises for the third year"]
        );
        assert_eq!(texts(WIRE, &layout.headings), ["Reactions"]);
        assert_eq!(layout.paragraphs.len(), 2);
        assert_eq!(
            texts(WIRE, &layout.bullets),
            ["The council approved the budget.", "Residents were pleased."]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_and_summary_first() {
        let source = "Storm Hits Coast\n\n* Winds reached 120 km/h.\n* Power was cut.\n\nWinds reached 120 km/h on the\ncoast early on Sunday morning.\n\nPower was cut to\nthousands of homes.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(
            texts(source, &layout.bullets),
            ["Winds reached 120 km/h.", "Power was cut."]
        );
        assert_eq!(
            texts(source, &layout.paragraphs),
            [
                "Winds reached 120 km/h on the\ncoast early on Sunday morning.",
                "Power was cut to\nthousands of homes."
            ]
        );
        assert!(layout.dek.is_none());
    }

    #[test]
    fn labelled_prose_summary_becomes_sentences() {
        let source = "Title Line\n\nThe first paragraph says something long enough.\n\nSummary:\nIt said something. It was long.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(
            texts(source, &layout.summary_prose),
            ["It said something. It was long."]
        );
        assert_eq!(layout.paragraphs.len(), 1);
    }

    #[test]
    fn list_items_may_wrap_and_use_numbers() {
        let source = "Body paragraph that is a sentence.\n\n1. First item\n  continues here.\n2) Second item.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(
            texts(source, &layout.bullets),
            ["First item\n  continues here.", "Second item."]
        );
    }

    #[test]
    fn a_list_in_the_middle_of_the_body_is_not_the_summary() {
        let source = "Opening paragraph of the story.\n\n- a detail\n- another\n\nClosing paragraph of the story.\n";
        let layout = layout(source, &ParseOptions::default());
        assert!(layout.bullets.is_empty());
        assert_eq!(layout.paragraphs.len(), 4);
    }

    #[test]
    fn crlf_files_parse_like_lf_files() {
        let crlf = WIRE.replace('\n', "\r\n");
        let layout = layout(&crlf, &ParseOptions::default());
        assert_eq!(layout.bullets.len(), 2);
        assert_eq!(texts(&crlf, &[layout.headline.unwrap()]), ["Council Passes Budget"]);
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        assert_eq!(
            split_lines("a\nb\r\nc\rd\r\n\r\ne"),
            [(0, 1), (2, 3), (5, 6), (7, 8), (10, 10), (12, 13)]
        );
        assert_eq!(split_lines("a\r"), [(0, 1)]);
    }

    #[test]
    fn directive_lines_are_neither_prose_nor_paragraph_breaks() {
        let source = "Harlow Library Keeps Sunday Hours\n\n\
            The library will stay open on Sundays after commissioners reversed\n\
            # sumlint-disable-next-line coverage\n\
            a planned cut on Tuesday night, the county said in a statement.\n\n\
            <!-- sumlint-disable -->\n\
            - The library keeps its Sunday hours.\n";
        let layout = layout(source, &ParseOptions::default());
        let masked = layout.masked.as_deref().unwrap();
        assert_eq!(layout.paragraphs.len(), 1);
        let (s, e) = layout.paragraphs[0];
        let text: Vec<&str> = masked[s..e].split_whitespace().collect();
        assert_eq!(text.join(" "), "The library will stay open on Sundays after commissioners reversed a planned cut on Tuesday night, the county said in a statement.");
        assert_eq!(texts(source, &layout.bullets), ["The library keeps its Sunday hours."]);
        assert_eq!(masked.len(), source.len());
    }
}
