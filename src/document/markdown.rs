//! Markdown articles, read with pulldown-cmark.
//!
//! The headline is the first top-level heading; a dek is an emphasised or
//! quoted paragraph right after it. The summary is the list (or prose)
//! under a heading such as "Summary" or "Key points", or else the front
//! matter's `summary` or `description` (YAML `---` or TOML `+++`). Code
//! blocks, inline code, HTML (comments included) and link targets are not
//! prose: they are blanked in the analysis text, byte for byte, so offsets
//! still point into the file.

use super::{trim_range, Layout, ParseOptions};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone)]
enum Block {
    Heading { level: u32, range: Range<usize> },
    Paragraph { range: Range<usize>, styled: bool },
    Item { range: Range<usize> },
}

/// A container being read, with the extent of the prose seen inside it.
struct Open {
    kind: OpenKind,
    first: usize,
    last: usize,
    /// Text seen outside emphasis (for "the whole paragraph is italic").
    plain_text: bool,
}

#[derive(PartialEq)]
enum OpenKind {
    Heading(u32),
    Paragraph { quoted: bool },
    Item,
    Other,
}

pub fn layout(source: &str, options: &ParseOptions) -> Layout {
    let mut masked: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut emphasis = 0usize;
    let mut quote_depth = 0usize;
    let mut item_depth = 0usize;
    let mut in_metadata: Option<MetadataBlockKind> = None;
    let mut in_code = false;
    let mut front_matter: Option<(MetadataBlockKind, Range<usize>)> = None;

    let parser_options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(source, parser_options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { level, .. } => OpenKind::Heading(level as u32),
                    Tag::Paragraph => OpenKind::Paragraph {
                        quoted: quote_depth > 0,
                    },
                    Tag::Item => {
                        item_depth += 1;
                        OpenKind::Item
                    }
                    Tag::Emphasis | Tag::Strong => {
                        emphasis += 1;
                        OpenKind::Other
                    }
                    Tag::BlockQuote(_) => {
                        quote_depth += 1;
                        OpenKind::Other
                    }
                    Tag::CodeBlock(_) => {
                        in_code = true;
                        OpenKind::Other
                    }
                    Tag::MetadataBlock(kind) => {
                        in_metadata = Some(kind);
                        OpenKind::Other
                    }
                    _ => OpenKind::Other,
                };
                stack.push(Open {
                    kind,
                    first: usize::MAX,
                    last: 0,
                    plain_text: false,
                });
            }
            Event::End(tag) => {
                let Some(open) = stack.pop() else { continue };
                match tag {
                    TagEnd::Emphasis | TagEnd::Strong => emphasis = emphasis.saturating_sub(1),
                    TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                    TagEnd::Item => item_depth = item_depth.saturating_sub(1),
                    TagEnd::MetadataBlock(_) => in_metadata = None,
                    TagEnd::CodeBlock => in_code = false,
                    _ => {}
                }
                if open.first >= open.last {
                    continue;
                }
                let text = open.first..open.last;
                // Let the parent see the child's text too.
                if let Some(parent) = stack.last_mut() {
                    parent.first = parent.first.min(open.first);
                    parent.last = parent.last.max(open.last);
                    parent.plain_text |= open.plain_text;
                }
                match open.kind {
                    OpenKind::Heading(level) => blocks.push(Block::Heading { level, range: text }),
                    // Paragraphs inside list items belong to the item.
                    OpenKind::Paragraph { quoted } if item_depth == 0 => blocks.push(Block::Paragraph {
                        range: text,
                        styled: quoted || !open.plain_text,
                    }),
                    OpenKind::Item if item_depth == 0 => blocks.push(Block::Item { range: text }),
                    _ => {}
                }
            }
            Event::Text(_) => {
                if let Some(kind) = in_metadata {
                    front_matter = Some((kind, range));
                    continue;
                }
                if in_code {
                    continue;
                }
                masked[range.clone()].copy_from_slice(&source.as_bytes()[range.clone()]);
                if let Some(open) = stack.last_mut() {
                    open.first = open.first.min(range.start);
                    open.last = open.last.max(range.end);
                    open.plain_text |= emphasis == 0;
                }
            }
            _ => {}
        }
    }

    let mut layout = assemble(source, &blocks, options);
    if layout.bullets.is_empty() && layout.summary_prose.is_empty() {
        if let Some((kind, range)) = front_matter {
            front_matter_summary(source, kind, range, &mut layout, &mut masked);
        }
    }
    // Only ASCII spaces were written over whole characters, and prose was
    // copied whole, so the bytes are valid UTF-8.
    layout.masked = Some(String::from_utf8(masked).unwrap_or_else(|_| source.to_string()));
    layout
}

fn assemble(source: &str, blocks: &[Block], options: &ParseOptions) -> Layout {
    let mut layout = Layout::default();
    let mut summary_level: Option<u32> = None;
    let mut seen_body = false;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading { level, range } => {
                let text = &source[range.clone()];
                if summary_level.is_some_and(|l| *level <= l) {
                    summary_level = None;
                }
                if options.is_summary_heading(text) {
                    summary_level = Some(*level);
                    layout.headings.extend(trim_range(source, range.start, range.end));
                } else if layout.headline.is_none() && !seen_body && *level == 1 {
                    layout.headline = trim_range(source, range.start, range.end);
                } else {
                    layout.headings.extend(trim_range(source, range.start, range.end));
                }
            }
            Block::Paragraph { range, styled } => {
                let text = &source[range.clone()];
                if summary_level.is_some() {
                    layout.summary_prose.push((range.start, range.end));
                    continue;
                }
                let after_headline =
                    i > 0 && matches!(blocks[i - 1], Block::Heading { level: 1, .. }) && layout.headline.is_some();
                let short = text.split_whitespace().count() <= 60;
                if after_headline
                    && layout.dek.is_none()
                    && !seen_body
                    && short
                    && (*styled || !text.trim_end().ends_with('.'))
                {
                    layout.dek = trim_range(source, range.start, range.end);
                } else {
                    seen_body = true;
                    layout.paragraphs.push((range.start, range.end));
                }
            }
            Block::Item { range } => {
                if summary_level.is_some() {
                    layout.bullets.push((range.start, range.end));
                } else {
                    seen_body = true;
                    layout.paragraphs.push((range.start, range.end));
                }
            }
        }
    }
    layout
}

/// Takes the summary from front matter: `summary` (a string or a list), or
/// else `description`. Each value's span is found in the front matter text
/// so findings point at it; a value written in another form (folded YAML,
/// escapes) points at its key's line instead.
fn front_matter_summary(
    source: &str,
    kind: MetadataBlockKind,
    range: Range<usize>,
    layout: &mut Layout,
    masked: &mut [u8],
) {
    let content = &source[range.clone()];
    let values: Vec<String> = match kind {
        MetadataBlockKind::YamlStyle => yaml_values(content),
        MetadataBlockKind::PlusesStyle => toml_values(content),
    };
    let (values, is_list) = match values.split_first() {
        Some((flag, rest)) => (rest.to_vec(), flag == "list"),
        None => return,
    };
    let mut cursor = range.start;
    for value in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let (start, end) = match source[cursor..range.end].find(value) {
            Some(i) => (cursor + i, cursor + i + value.len()),
            None => {
                let key = ["summary", "description"]
                    .iter()
                    .find_map(|k| content.find(k))
                    .unwrap_or(0);
                let line_end = content[key..].find('\n').map_or(content.len(), |i| key + i);
                (range.start + key, range.start + line_end)
            }
        };
        masked[start..end].copy_from_slice(&source.as_bytes()[start..end]);
        cursor = end;
        if is_list {
            layout.bullets.push((start, end));
        } else {
            layout.summary_prose.push((start, end));
        }
    }
}

/// `["list" | "prose", values...]` for the summary key, empty if none.
fn yaml_values(content: &str) -> Vec<String> {
    let Ok(docs) = yaml_rust2::YamlLoader::load_from_str(content) else {
        return Vec::new();
    };
    let Some(doc) = docs.first() else { return Vec::new() };
    for key in ["summary", "description"] {
        let value = &doc[key];
        if let Some(s) = value.as_str() {
            return vec!["prose".into(), s.to_string()];
        }
        if let Some(items) = value.as_vec() {
            let mut out = vec!["list".to_string()];
            out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)));
            return out;
        }
    }
    Vec::new()
}

fn toml_values(content: &str) -> Vec<String> {
    let Ok(table) = content.parse::<toml::Table>() else {
        return Vec::new();
    };
    for key in ["summary", "description"] {
        match table.get(key) {
            Some(toml::Value::String(s)) => return vec!["prose".into(), s.clone()],
            Some(toml::Value::Array(items)) => {
                let mut out = vec!["list".to_string()];
                out.extend(items.iter().filter_map(|v| v.as_str().map(str::to_string)));
                return out;
            }
            _ => {}
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(source: &'a str, ranges: &[(usize, usize)]) -> Vec<&'a str> {
        ranges.iter().map(|&(s, e)| &source[s..e]).collect()
    }

    #[test]
    fn summary_list_under_key_points_heading() {
        let source = "# Council Passes Budget\n\n*Spending rises again*\n\nThe council approved the budget.\n\n## Key points\n\n- Budget approved.\n- Spending *rises*.\n\n## Reaction\n\nResidents cheered.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(texts(source, &[layout.headline.unwrap()]), ["Council Passes Budget"]);
        assert_eq!(texts(source, &[layout.dek.unwrap()]), ["Spending rises again"]);
        assert_eq!(
            texts(source, &layout.bullets),
            ["Budget approved.", "Spending *rises*."]
        );
        assert_eq!(
            texts(source, &layout.paragraphs),
            ["The council approved the budget.", "Residents cheered."]
        );
    }

    #[test]
    fn code_html_comments_and_link_targets_are_blanked() {
        let source = "See [the report](https://example.com/rpt) now.\n\n<!-- note: draft -->\n\n```\nlet x = 1;\n```\n";
        let layout = layout(source, &ParseOptions::default());
        let masked = layout.masked.unwrap();
        assert_eq!(masked.len(), source.len());
        assert!(masked.contains("the report"));
        assert!(!masked.contains("example.com"));
        assert!(!masked.contains("draft"));
        assert!(!masked.contains("let x"));
    }

    #[test]
    fn yaml_front_matter_summary_list() {
        let source = "---\ntitle: Storm\nsummary:\n  - Winds hit 120 km/h.\n  - Power was cut.\n---\n\n# Storm\n\nWinds hit 120 km/h on Sunday.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(
            texts(source, &layout.bullets),
            ["Winds hit 120 km/h.", "Power was cut."]
        );
        assert_eq!(layout.paragraphs.len(), 1);
    }

    #[test]
    fn toml_front_matter_description_is_prose() {
        let source =
            "+++\ndescription = \"Winds hit the coast. Power was cut.\"\n+++\n\nWinds hit the coast on Sunday.\n";
        let layout = layout(source, &ParseOptions::default());
        assert_eq!(
            texts(source, &layout.summary_prose),
            ["Winds hit the coast. Power was cut."]
        );
    }
}
