//! Inline suppressions: comments in an article that silence rules for a
//! line or a region, for the findings an editor has looked at and accepted.
//!
//! The forms (one per line, alone on it):
//!
//! ```text
//! <!-- sumlint-disable [RULE[, RULE]] [-- reason] -->   Markdown and plain text
//! <!-- sumlint-enable [RULE[, RULE]] -->
//! <!-- sumlint-disable-next-line [RULE[, RULE]] -->
//! # sumlint-disable [RULE...]                           plain text only
//! # sumlint-enable [RULE...]
//! # sumlint-disable-next-line [RULE...]
//! ```
//!
//! No RULE means every rule; a RULE may be a family (`drift`). A directive
//! counts only where the parser took it out of the analysis text (Markdown
//! HTML comments, plain-text directive lines), so a `# sumlint-…` line in
//! Markdown stays a heading and a JSON record's text carries no directives.
//! Suppression is a pass over findings by the line they start on, so every
//! check gets it for free.

use crate::document::Document;
use crate::error::{Error, Result};
use crate::finding::Finding;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    DisableNextLine,
}

/// One directive: where it is and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Directive {
    /// Index into [`Document::parts`] of the file it is in.
    part: usize,
    /// 1-based line in that file.
    line: usize,
    kind: Kind,
    /// Rule ids or families; empty means every rule.
    rules: Vec<String>,
}

/// Parses one line as a directive: `(kind, rules)`. `hash_comments` allows
/// the plain-text `# sumlint-…` form.
fn parse_line(line: &str, hash_comments: bool) -> Option<(Kind, Vec<String>)> {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let body = if let Some(inner) = line.strip_prefix("<!--").and_then(|l| l.strip_suffix("-->")) {
        inner.trim()
    } else if hash_comments {
        line.strip_prefix('#')?.trim_start()
    } else {
        return None;
    };
    let rest = body.strip_prefix("sumlint-")?;
    let (kind, rest) = if let Some(rest) = rest.strip_prefix("disable-next-line") {
        (Kind::DisableNextLine, rest)
    } else if let Some(rest) = rest.strip_prefix("disable") {
        (Kind::Disable, rest)
    } else if let Some(rest) = rest.strip_prefix("enable") {
        (Kind::Enable, rest)
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    // `-- reason` after the rules is for the reader.
    let rules_text = rest.split(" --").next().unwrap_or("");
    let rules = rules_text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, rules))
}

/// True when a plain-text line is a directive (both forms allowed there);
/// the plain-text parser leaves such lines out of the article.
pub fn is_text_directive(line: &str) -> bool {
    parse_line(line, true).is_some()
}

/// The directives of `doc`, in file order.
fn directives(doc: &Document) -> Vec<Directive> {
    let mut found = Vec::new();
    // Most documents have no directive: one vectorised search of the
    // source says so, where the line loop below looked at every line (and
    // runs twice per document: `validate` and `retain_unsuppressed`).
    if memchr::memmem::find(doc.source.as_bytes(), b"sumlint-").is_none() {
        return found;
    }
    for (part, info) in doc.parts.iter().enumerate() {
        let end = doc.parts.get(part + 1).map_or(doc.source.len(), |p| p.offset);
        let mut offset = info.offset;
        for (index, line) in doc.source[info.offset..end].split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            if !line.contains("sumlint-") {
                continue;
            }
            // Honoured only where the parser blanked the line from the analysis text.
            let blanked = doc.text.get(start..offset).is_some_and(|t| t.trim().is_empty());
            if !blanked {
                continue;
            }
            if let Some((kind, rules)) = parse_line(line, true) {
                found.push(Directive {
                    part,
                    line: index + 1,
                    kind,
                    rules,
                });
            }
        }
    }
    found
}

/// Checks that every rule a directive names exists; a misspelt rule in a
/// suppression would otherwise silence nothing without a word.
pub fn validate(doc: &Document) -> Result<()> {
    for directive in directives(doc) {
        for rule in &directive.rules {
            if crate::config::rule_ids(rule).is_err() {
                return Err(Error::parse(
                    doc.parts[directive.part].path.clone(),
                    directive.line,
                    format!("in a sumlint directive: {}", crate::config::unknown_rule_message(rule)),
                ));
            }
        }
    }
    Ok(())
}

fn names(name: &str, rule: &str) -> bool {
    name == rule || rule.split('/').next() == Some(name.trim_end_matches("/*"))
}

/// Drops the findings a directive in `doc` suppresses.
pub fn retain_unsuppressed(doc: &Document, findings: &mut Vec<Finding>) {
    let directives = directives(doc);
    if directives.is_empty() {
        return;
    }
    findings.retain(|f| {
        let part = doc.part_of(f.span.start);
        !is_suppressed(&directives, part, f.span.line, f.rule)
    });
}

fn is_suppressed(directives: &[Directive], part: usize, line: usize, rule: &str) -> bool {
    let matches = |d: &Directive| d.rules.is_empty() || d.rules.iter().any(|name| names(name, rule));
    // Regions: replay disable/enable above the line; the last word on this rule wins.
    let mut disabled = false;
    for d in directives.iter().filter(|d| d.part == part && d.line < line) {
        match d.kind {
            Kind::Disable if matches(d) => disabled = true,
            Kind::Enable if matches(d) => disabled = false,
            Kind::DisableNextLine if d.line + 1 == line && matches(d) => return true,
            _ => {}
        }
    }
    disabled
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::span::Span;

    #[test]
    fn directive_forms() {
        assert_eq!(
            parse_line("<!-- sumlint-disable drift/number, typo -->", false),
            Some((Kind::Disable, vec!["drift/number".into(), "typo".into()]))
        );
        assert_eq!(parse_line("<!--sumlint-enable-->", false), Some((Kind::Enable, vec![])));
        assert_eq!(
            parse_line("# sumlint-disable-next-line coverage -- background only", true),
            Some((Kind::DisableNextLine, vec!["coverage".into()]))
        );
        assert_eq!(parse_line("# sumlint-disable", false), None);
        assert_eq!(parse_line("<!-- sumlint-disabled -->", false), None);
        assert_eq!(parse_line("<!-- a comment -->", false), None);
    }

    fn finding(doc: &Document, line: usize, rule: &'static str) -> Finding {
        let start = doc.source.lines().take(line - 1).map(|l| l.len() + 1).sum::<usize>();
        Finding {
            rule,
            severity: crate::finding::Severity::Error,
            span: Span {
                line,
                ..doc.span(start, start + 1)
            },
            path: None,
            message: String::new(),
            text: String::new(),
            suggestion: None,
            unit: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn regions_and_next_line_in_markdown() {
        let source = "# Title\n\n\
            <!-- sumlint-disable coverage -->\n\
            Para one is here.\n\n\
            <!-- sumlint-enable coverage/no-summary -->\n\
            Para two is here.\n\n\
            <!-- sumlint-enable -->\n\
            <!-- sumlint-disable-next-line -->\n\
            Para three is here.\n\n\
            Para four is here.\n";
        let doc = parse_article("a.md", source.into(), InputFormat::Markdown, &ParseOptions::default()).unwrap();
        let mut findings = vec![
            finding(&doc, 4, "coverage/uncovered-paragraph"),
            finding(&doc, 7, "coverage/uncovered-paragraph"),
            finding(&doc, 7, "coverage/no-summary"),
            finding(&doc, 11, "coverage/uncovered-paragraph"),
            finding(&doc, 13, "coverage/uncovered-paragraph"),
        ];
        retain_unsuppressed(&doc, &mut findings);
        let kept: Vec<(usize, &str)> = findings.iter().map(|f| (f.span.line, f.rule)).collect();
        assert_eq!(kept, [(7, "coverage/no-summary"), (13, "coverage/uncovered-paragraph")]);
    }

    #[test]
    fn hash_form_is_a_heading_in_markdown_not_a_directive() {
        let source = "# sumlint-disable\n\nPara one is here.\n";
        let doc = parse_article("a.md", source.into(), InputFormat::Markdown, &ParseOptions::default()).unwrap();
        let mut findings = vec![finding(&doc, 3, "coverage/uncovered-paragraph")];
        retain_unsuppressed(&doc, &mut findings);
        assert_eq!(findings.len(), 1);
    }

    #[test]
    fn unknown_rule_in_a_directive_is_an_error() {
        let source = "Title\n\n# sumlint-disable-next-line coverage/uncoverd-paragraph\nBody text here.\n";
        let doc = parse_article("a.txt", source.into(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let err = validate(&doc).unwrap_err().to_string();
        assert!(
            err.starts_with("a.txt:3: in a sumlint directive: unknown rule `coverage/uncoverd-paragraph`; did you mean `coverage/uncovered-paragraph`?"),
            "{err}"
        );
    }
}
