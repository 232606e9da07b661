//! `--format html`: one self-contained page an editor can open or CI can
//! publish as an artifact.
//!
//! Per document: every summary unit beside the body sentences it came
//! from, the two colour-linked (a unit's colour marks its sources and its
//! chips in the coverage map); the word-level diff of the unit against its
//! sources with `<ins>`/`<del>`; the findings with their evidence; a
//! coverage map of the body (each paragraph with the units it feeds, the
//! uncovered ones marked); severity counts for the run and per document.
//!
//! The page has inline CSS and nothing else: no script, no font, no image,
//! and a Content-Security-Policy that forbids loading anything, so opening
//! it never touches the network. Every piece of article text goes through
//! [`escape`]. Collected and written at the end, since the totals lead.

use super::diff::{word_pieces, Piece};
use super::text::MAX_DELETED_WORDS;
use super::{clip, plural, round3, severity_counts, Reporter};
use crate::error::Error;
use crate::finding::Finding;
use crate::outcome::{Outcome, UnitOutcome};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Unit colours cycle through this many classes (`c0`…).
const PALETTE: usize = 8;
/// Words of each paragraph shown in the coverage map.
const EXCERPT_CHARS: usize = 160;

const STYLE: &str = r#"
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg-soft: #f6f8fa;
  --error: #cf222e; --warning: #9a6700; --info: #0969da; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; margin-top: 2.5rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.muted, .meta, .where { color: var(--muted); font-size: .85rem; }
.counts span { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; margin-right: .3rem; font-weight: 600; font-size: .85rem; }
.counts .error { background: #ffebe9; color: var(--error); }
.counts .warning { background: #fff8c5; color: var(--warning); }
.counts .info { background: #ddf4ff; color: var(--info); }
.c0 { --c: #0969da; } .c1 { --c: #bf3989; } .c2 { --c: #1a7f37; } .c3 { --c: #bc4c00; }
.c4 { --c: #8250df; } .c5 { --c: #0598bc; } .c6 { --c: #9a6700; } .c7 { --c: #cf222e; }
.unit { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; border-left: 5px solid var(--c); background: var(--bg-soft); padding: .6rem .8rem; margin: .8rem 0; border-radius: 4px; }
.unit-text { margin: .3rem 0; font-weight: 500; }
.diff { margin: .3rem 0; font-size: .9rem; }
ins { background: #dafbe1; color: #116329; text-decoration: none; border-bottom: 2px solid #4ac26b; }
del { background: #ffebe9; color: #82071e; }
del.elided { font-style: italic; }
.source { border-left: 3px solid var(--c); padding-left: .6rem; margin-bottom: .5rem; }
.sentence { margin: .2rem 0; }
.sentence .score, .support { font-variant-numeric: tabular-nums; }
.support.low { color: var(--error); font-weight: 600; } .support.mid { color: var(--warning); font-weight: 600; } .support.high { color: #1a7f37; }
.nosource { color: var(--error); font-weight: 600; }
.finding { border: 1px solid var(--line); border-left: 5px solid var(--sev); border-radius: 4px; padding: .5rem .8rem; margin: .6rem 0; }
.finding.error { --sev: var(--error); } .finding.warning { --sev: var(--warning); } .finding.info { --sev: var(--info); }
.finding .sev { color: var(--sev); font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.finding p { margin: .25rem 0; }
.flagged { margin: .3rem 0; padding: .2rem .6rem; border-left: 3px solid var(--sev); background: var(--bg-soft); font-size: .9rem; }
.evidence { margin: .3rem 0 .3rem 1rem; font-size: .9rem; }
.suggestion { color: #116329; }
.coverage { list-style: none; padding: 0; }
.para { display: grid; grid-template-columns: 7rem 1fr; gap: .8rem; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
.para.uncovered { background: #fff8c5; }
.para .excerpt { margin: 0; font-size: .9rem; color: var(--muted); }
.chip { display: inline-block; padding: 0 .45rem; margin: .1rem .2rem .1rem 0; border-radius: .7rem; background: var(--c); color: #fff; font-size: .8rem; text-decoration: none; font-weight: 600; }
.uncovered-mark { color: var(--warning); font-weight: 700; font-size: .8rem; }
a { color: inherit; }
@media (max-width: 800px) { .unit { grid-template-columns: 1fr; } }
"#;

#[derive(Default)]
pub struct HtmlReporter {
    /// Each document's rendered section.
    sections: Vec<String>,
    /// Anchor, name and severity counts of each document, for the index.
    index: Vec<(String, String, [usize; 3])>,
    errors: Vec<String>,
    counts: [usize; 3],
}

/// Text made safe anywhere in HTML: element content and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn counts_html(counts: [usize; 3]) -> String {
    let [info, warning, error] = counts;
    format!(
        r#"<span class="error" data-count="error">{}</span><span class="warning" data-count="warning">{}</span><span class="info" data-count="info">{}</span>"#,
        plural(error, "error", "errors"),
        plural(warning, "warning", "warnings"),
        plural(info, "info", "infos"),
    )
}

/// The unit's text diffed against its sources: `<del>` for source words it
/// leaves out (a long run elided, its words in the tooltip), `<ins>` for
/// words it adds.
pub fn diff_html(source: &str, unit: &str) -> String {
    let mut out = String::new();
    for piece in word_pieces(source, unit) {
        if !out.is_empty() {
            out.push(' ');
        }
        match &piece {
            Piece::Same(text) => out.push_str(&escape(text)),
            Piece::Inserted(text) => {
                let _ = write!(out, "<ins>{}</ins>", escape(text));
            }
            Piece::Deleted(text) if piece.word_count() > MAX_DELETED_WORDS => {
                let _ = write!(
                    out,
                    r#"<del class="elided" title="{}">… {} words …</del>"#,
                    escape(text),
                    piece.word_count()
                );
            }
            Piece::Deleted(text) => {
                let _ = write!(out, "<del>{}</del>", escape(text));
            }
        }
    }
    out
}

fn support_class(support: f64) -> &'static str {
    if support >= 0.75 {
        "high"
    } else if support >= 0.5 {
        "mid"
    } else {
        "low"
    }
}

fn write_unit(html: &mut String, doc: &str, color: usize, unit: &UnitOutcome) {
    let _ = write!(
        html,
        r#"<div class="unit c{color}" id="{doc}-u-{id}" data-unit="{id}"><div class="unit-side"><div class="meta">{label} · line {line}:{column} · <span class="support {class}">support {support:.2}</span></div><p class="unit-text">{text}</p>"#,
        id = escape(&unit.id),
        // `bullet b1`, but `headline`, not `headline headline`.
        label = if unit.id == unit.kind.as_str() {
            format!("<b>{}</b>", unit.kind.as_str())
        } else {
            format!("{} <b>{}</b>", unit.kind.as_str(), escape(&unit.id))
        },
        line = unit.span.line,
        column = unit.span.column,
        class = support_class(unit.support),
        support = round3(unit.support),
        text = escape(&super::one_line(&unit.text)),
    );
    if unit.sources.is_empty() {
        html.push_str(r#"</div><div class="source-side"><p class="nosource">No body sentence supports this unit.</p></div></div>"#);
        return;
    }
    let _ = write!(
        html,
        r#"<p class="diff"><span class="muted">against its sources:</span> {}</p></div><div class="source-side">"#,
        diff_html(&unit.source_text(), &super::one_line(&unit.text))
    );
    for source in &unit.sources {
        let _ = write!(
            html,
            r##"<div class="source" data-paragraph="{p}"><div class="where"><a href="#{doc}-p{p}">¶{p}</a> · line {line} · share {score:.2}</div>"##,
            p = source.paragraph,
            line = source.span.line,
            score = round3(source.score),
        );
        for sentence in &source.sentences {
            let _ = write!(
                html,
                r#"<p class="sentence" data-sentence="{n}">{text} <span class="where">s{n} · line {line} · <span class="score">{score:.2}</span></span></p>"#,
                n = sentence.sentence,
                text = escape(&sentence.text),
                line = sentence.span.line,
                score = round3(sentence.score.unwrap_or_default()),
            );
        }
        html.push_str("</div>");
    }
    html.push_str("</div></div>");
}

fn write_finding(html: &mut String, doc: &str, outcome: &Outcome, finding: &Finding) {
    let severity = finding.severity.as_str();
    let path = finding.path.clone().unwrap_or_else(|| outcome.display_name());
    let _ = write!(
        html,
        r#"<div class="finding {severity}" data-rule="{rule}"><p><span class="sev">{severity}</span> <code>{rule}</code> <span class="where">{path}:{line}:{column}</span></p><p class="message">{message}</p>"#,
        rule = escape(finding.rule),
        path = escape(&path),
        line = finding.span.line,
        column = finding.span.column,
        message = escape(&finding.message),
    );
    if !finding.text.is_empty() {
        let _ = write!(
            html,
            r#"<blockquote class="flagged">{}</blockquote>"#,
            escape(&super::one_line(&finding.text))
        );
    }
    if let Some(unit) = &finding.unit {
        let _ = write!(
            html,
            r##"<p class="muted">unit <a href="#{doc}-u-{unit}">{unit}</a></p>"##,
            unit = escape(unit)
        );
    }
    for evidence in &finding.evidence {
        let place = match evidence.paragraph {
            Some(p) => format!(r##"<a href="#{doc}-p{p}">¶{p}</a> line {}"##, evidence.span.line),
            None => format!("line {}", evidence.span.line),
        };
        let _ = write!(
            html,
            r#"<p class="evidence"><b>{note}</b> ({place}): <q>{text}</q></p>"#,
            note = escape(&evidence.note),
            text = escape(&super::one_line(&evidence.text)),
        );
    }
    if let Some(suggestion) = &finding.suggestion {
        let _ = write!(
            html,
            r#"<p class="suggestion"><b>Suggestion:</b> {}</p>"#,
            escape(suggestion)
        );
    }
    html.push_str("</div>");
}

fn write_coverage(html: &mut String, doc: &str, outcome: &Outcome, colors: &HashMap<&str, usize>) {
    html.push_str(r#"<ol class="coverage">"#);
    for paragraph in &outcome.paragraphs {
        let covered = !paragraph.covered_by.is_empty();
        let _ = write!(
            html,
            r#"<li class="para {state}" id="{doc}-p{p}" data-paragraph="{p}"><div><b>¶{p}</b> <span class="where">line {line}</span><br>"#,
            state = if covered { "covered" } else { "uncovered" },
            p = paragraph.paragraph,
            line = paragraph.span.line,
        );
        if covered {
            for unit in &paragraph.covered_by {
                let color = colors.get(unit.as_str()).copied().unwrap_or(0);
                let _ = write!(
                    html,
                    r##"<a class="chip c{color}" href="#{doc}-u-{unit}">{unit}</a>"##,
                    unit = escape(unit)
                );
            }
        } else {
            html.push_str(r#"<span class="uncovered-mark">not covered</span>"#);
        }
        let _ = write!(
            html,
            r#"</div><p class="excerpt">{}</p></li>"#,
            escape(&clip(&super::one_line(&paragraph.text), EXCERPT_CHARS))
        );
    }
    html.push_str("</ol>");
}

impl Reporter for HtmlReporter {
    fn outcome(&mut self, _out: &mut dyn Write, outcome: &Outcome) -> io::Result<()> {
        let doc = format!("d{}", self.sections.len() + 1);
        let counts = severity_counts(&outcome.findings);
        for (total, n) in self.counts.iter_mut().zip(counts) {
            *total += n;
        }
        let name = outcome.display_name();
        let mut html = String::new();
        let _ = write!(
            html,
            r#"<section class="document" id="{doc}"><h2>{name} <span class="muted">score {score:.2}</span></h2><p class="counts">{counts}</p>"#,
            name = escape(&name),
            score = round3(outcome.score),
            counts = counts_html(counts),
        );
        let colors: HashMap<&str, usize> = outcome
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i % PALETTE))
            .collect();
        let _ = write!(
            html,
            r#"<h3>Summary units <span class="muted">({}) beside their sources</span></h3>"#,
            outcome.units.len()
        );
        if outcome.units.is_empty() {
            html.push_str(r#"<p class="muted">No summary found.</p>"#);
        }
        for (i, unit) in outcome.units.iter().enumerate() {
            write_unit(&mut html, &doc, i % PALETTE, unit);
        }
        let _ = write!(
            html,
            r#"<h3>Findings <span class="muted">({})</span></h3>"#,
            outcome.findings.len()
        );
        if outcome.findings.is_empty() {
            html.push_str(r#"<p class="muted">None.</p>"#);
        }
        for finding in &outcome.findings {
            write_finding(&mut html, &doc, outcome, finding);
        }
        let uncovered = outcome.paragraphs.iter().filter(|p| p.covered_by.is_empty()).count();
        let _ = write!(
            html,
            r#"<h3>Coverage map <span class="muted">({} of {} paragraphs not covered)</span></h3>"#,
            uncovered,
            outcome.paragraphs.len()
        );
        write_coverage(&mut html, &doc, outcome, &colors);
        html.push_str("</section>\n");
        self.sections.push(html);
        self.index.push((doc, name, counts));
        Ok(())
    }

    fn error(&mut self, _out: &mut dyn Write, error: &Error) -> io::Result<()> {
        self.errors.push(error.to_string());
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "<!DOCTYPE html>")?;
        writeln!(out, r#"<html lang="en"><head><meta charset="utf-8">"#)?;
        // Nothing may load or run: the report is one file, readable offline.
        writeln!(
            out,
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">"#
        )?;
        writeln!(
            out,
            r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
        )?;
        writeln!(
            out,
            "<title>sumlint report</title>\n<style>{STYLE}</style></head>\n<body>"
        )?;
        writeln!(
            out,
            r#"<header><h1>sumlint report</h1><p class="counts" id="totals">{} <span class="muted">in {}</span></p>"#,
            counts_html(self.counts),
            plural(self.sections.len(), "document", "documents")
        )?;
        if self.index.len() > 1 {
            write!(out, r#"<ol class="index">"#)?;
            for (id, name, counts) in &self.index {
                let [info, warning, error] = *counts;
                write!(
                    out,
                    r##"<li><a href="#{id}">{}</a> <span class="muted">{error} E · {warning} W · {info} I</span></li>"##,
                    escape(name)
                )?;
            }
            writeln!(out, "</ol>")?;
        }
        if !self.errors.is_empty() {
            write!(
                out,
                r#"<div class="finding error"><p><span class="sev">could not check</span></p>"#
            )?;
            for error in &self.errors {
                write!(out, r#"<p class="input-error">{}</p>"#, escape(error))?;
            }
            writeln!(out, "</div>")?;
        }
        writeln!(out, "</header>")?;
        for section in &self.sections {
            out.write_all(section.as_bytes())?;
        }
        writeln!(out, "</body></html>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::finding::Evidence;
    use crate::options::CheckOptions;

    const ARTICLE: &str = "Bridge <Opens>\n\
        The mayor opened the new bridge on Monday & praised the crews.\n\
        It cost $40 million, paid by a state grant.\n\
        - The mayor opened the bridge on Tuesday.\n";

    /// The whole page for `ARTICLE` with one finding that carries evidence.
    fn page_with_evidence() -> String {
        let doc = parse_article(
            "b.txt",
            ARTICLE.to_string(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .unwrap();
        let mut outcome = crate::check_document(&doc, &CheckOptions::default());
        let unit = outcome.units.iter().find(|u| u.id == "b1").unwrap().clone();
        let sentence = unit.sources[0].sentences[0].clone();
        let rule = &crate::checks::coverage::UNCOVERED_PARAGRAPH;
        outcome.findings.push(
            Finding::new(rule, unit.span, "Tuesday", "the body says Monday")
                .with_unit("b1")
                .with_suggestion("Monday")
                .with_evidence(Evidence {
                    paragraph: Some(1),
                    span: sentence.span,
                    text: sentence.text.clone(),
                    note: "the body says".into(),
                }),
        );
        let mut reporter = HtmlReporter::default();
        let mut out = Vec::new();
        reporter.outcome(&mut out, &outcome).unwrap();
        reporter.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn findings_show_their_evidence_linked_to_its_paragraph() {
        let page = page_with_evidence();
        assert!(page.contains(
            r##"<p class="evidence"><b>the body says</b> (<a href="#d1-p1">¶1</a> line 2): <q>The mayor opened the new bridge on Monday &amp; praised the crews.</q></p>"##
        ), "{page}");
        assert!(page.contains(r##"unit <a href="#d1-u-b1">b1</a>"##));
        assert!(page.contains(r#"<p class="suggestion"><b>Suggestion:</b> Monday</p>"#));
        assert!(page.contains("Bridge &lt;Opens&gt;"));
        // The anchors the links point at exist.
        assert!(page.contains(r#"id="d1-p1""#) && page.contains(r#"id="d1-u-b1""#));
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn diff_marks_words_and_escapes_them() {
        assert_eq!(
            diff_html("Profits rose <b>5%</b> & more.", "Profits fell <b>5%</b> & more."),
            "Profits <del>rose</del> <ins>fell</ins> &lt;b&gt;5%&lt;/b&gt; &amp; more."
        );
    }

    #[test]
    fn long_left_out_runs_are_elided_with_their_words_in_the_title() {
        let html = diff_html("one two three four five six seven eight nine ten kept", "kept");
        assert_eq!(
            html,
            r#"<del class="elided" title="one two three four five six seven eight nine ten">… 10 words …</del> kept"#
        );
    }
}
