//! Markdown as a reader sees it, read as mdBook reads it (`mdbook_markdown`'s parser, pulldown-cmark
//! with mdBook's options): the blocks of prose outside code blocks (paragraphs, headings, list
//! items' text, table cells), each with its words, inline code and links apart; and the code
//! blocks. HTML, a comment or a tag, is not prose: it is skipped. The docs' and the glossary's
//! tests read pages with it (`#[path] mod markdown`): the tests' alone, it is no part of xtask's
//! binaries.
use mdbook_markdown::pulldown_cmark::{Event, Parser, Tag, TagEnd};
use mdbook_markdown::{new_cmark_parser, MarkdownOptions};

/// The parser mdBook renders the book with.
fn parser(text: &str) -> Parser<'_> {
    new_cmark_parser(text, &MarkdownOptions::default())
}

/// A block of prose.
#[derive(Debug, PartialEq)]
pub struct Block {
    /// The line it starts on, from 1.
    pub line: usize,
    pub kind: Kind,
    pub pieces: Vec<Piece>,
}

/// What a block of prose is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A heading, of level 1 to 6.
    Heading(u8),
    Paragraph,
    /// A tight list's item (a loose list's items hold paragraphs).
    Item,
    /// A table's cell.
    Cell,
}

/// A code block: the line its opening fence is on, from 1, and what it holds.
#[derive(Debug, PartialEq)]
pub struct CodeBlock {
    pub line: usize,
    pub body: String,
}

#[derive(Debug, PartialEq)]
pub enum Piece {
    /// Words outside a link; a line break inside the block as `\n`.
    Text(String),
    Code(String),
    /// A link or an image: its text as a reader sees it (inline code as `X`, an image's alt text),
    /// its target, and the inline code in its text.
    Link {
        text: String,
        target: String,
        code: Vec<String>,
    },
}

impl Block {
    /// A heading's level; `None` for any other block.
    pub fn heading(&self) -> Option<u8> {
        match self.kind {
            Kind::Heading(level) => Some(level),
            _ => None,
        }
    }

    /// The block as a reader sees it: inline code as `X`, a link as its text.
    pub fn prose(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) | Piece::Link { text, .. } => text.as_str(),
                Piece::Code(_) => "X",
            })
            .collect()
    }

    /// Its inline code, in links too.
    pub fn code(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().flat_map(|piece| match piece {
            Piece::Code(code) => vec![code.as_str()],
            Piece::Link { code, .. } => code.iter().map(String::as_str).collect(),
            Piece::Text(_) => vec![],
        })
    }

    /// The targets of its links.
    pub fn links(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|piece| match piece {
            Piece::Link { target, .. } => Some(target.as_str()),
            _ => None,
        })
    }
}

/// The blocks of prose of `text`, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut current: Option<Block> = None;
    // Inside a code block; the links open (an image in a link: two), each with its text so far,
    // target and code.
    let mut in_code = false;
    let mut kind = Kind::Paragraph;
    let mut links: Vec<(String, String, Vec<String>)> = Vec::new();
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let flush = |current: &mut Option<Block>, found: &mut Vec<Block>| {
        if let Some(block) = current.take() {
            if !block.prose().trim().is_empty() {
                found.push(block);
            }
        }
    };
    for (event, range) in parser(text).into_offset_iter() {
        let open = |current: &mut Option<Block>| {
            current
                .get_or_insert_with(|| Block {
                    line: line_of(range.start),
                    kind,
                    pieces: Vec::new(),
                })
                .pieces
                .push(Piece::Text(String::new()));
        };
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut found);
                kind = Kind::Heading(level as u8);
                current = Some(Block {
                    line: line_of(range.start),
                    kind,
                    pieces: Vec::new(),
                });
            }
            Event::Start(tag @ (Tag::Paragraph | Tag::Item | Tag::TableCell)) => {
                flush(&mut current, &mut found);
                kind = match tag {
                    Tag::Item => Kind::Item,
                    Tag::TableCell => Kind::Cell,
                    _ => Kind::Paragraph,
                };
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => flush(&mut current, &mut found),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.push((String::new(), dest_url.to_string(), Vec::new()));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((mut text, target, mut code)) = links.pop() {
                    // An image in a link: its text and code are the link's; its target, a piece
                    // of its own with no text.
                    if let Some((outer, _, outer_code)) = links.last_mut() {
                        outer.push_str(&text);
                        outer_code.append(&mut code);
                        text.clear();
                    }
                    open(&mut current);
                    let block = current.as_mut().unwrap();
                    block.pieces.pop();
                    block.pieces.push(Piece::Link { text, target, code });
                }
            }
            Event::Text(words) if !links.is_empty() => links.last_mut().unwrap().0.push_str(&words),
            Event::Code(code) if !links.is_empty() => {
                let (text, _, spans) = links.last_mut().unwrap();
                text.push('X');
                spans.push(code.to_string());
            }
            Event::SoftBreak | Event::HardBreak if !links.is_empty() => {
                links.last_mut().unwrap().0.push('\n')
            }
            Event::Text(words) if !in_code => push_text(&mut current, open, &words),
            Event::SoftBreak | Event::HardBreak if current.is_some() => {
                push_text(&mut current, open, "\n")
            }
            Event::Code(code) => {
                open(&mut current);
                let block = current.as_mut().unwrap();
                block.pieces.pop();
                block.pieces.push(Piece::Code(code.to_string()));
            }
            _ => {}
        }
    }
    flush(&mut current, &mut found);
    for block in &mut found {
        block
            .pieces
            .retain(|piece| !matches!(piece, Piece::Text(text) if text.is_empty()));
    }
    found
}

/// The code blocks of `text`, fenced or indented, in order.
pub fn code_blocks(text: &str) -> Vec<CodeBlock> {
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut found: Vec<CodeBlock> = Vec::new();
    let mut open = false;
    for (event, range) in parser(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                open = true;
                found.push(CodeBlock {
                    line: line_of(range.start),
                    body: String::new(),
                });
            }
            Event::End(TagEnd::CodeBlock) => open = false,
            Event::Text(body) if open => found.last_mut().unwrap().body.push_str(&body),
            _ => {}
        }
    }
    found
}

/// Adds `words` to the block's last piece of text, or to a new one.
fn push_text(current: &mut Option<Block>, open: impl Fn(&mut Option<Block>), words: &str) {
    if !matches!(
        current.as_ref().and_then(|block| block.pieces.last()),
        Some(Piece::Text(_))
    ) {
        open(current);
    }
    if let Some(Piece::Text(text)) = current.as_mut().and_then(|block| block.pieces.last_mut()) {
        text.push_str(words);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_read_outside_code_with_links_and_code_apart() {
        let found = blocks(
            "# A `head`\n\nSome [text `x`](a.md#b) and `code`,\nwrapped.\n\n\
             ```console\n$ not [prose](c.md)\n```\n\n| a | b |\n|---|---|\n| cell | [d](d.md) |\n\n- an item\n",
        );
        let prose: Vec<(usize, Kind, String)> = found
            .iter()
            .map(|block| (block.line, block.kind, block.prose()))
            .collect();
        assert_eq!(
            prose,
            [
                (1, Kind::Heading(1), "A X".to_string()),
                (
                    3,
                    Kind::Paragraph,
                    "Some text X and X,\nwrapped.".to_string()
                ),
                (10, Kind::Cell, "a".to_string()),
                (10, Kind::Cell, "b".to_string()),
                (12, Kind::Cell, "cell".to_string()),
                (12, Kind::Cell, "d".to_string()),
                (14, Kind::Item, "an item".to_string()),
            ]
        );
        assert_eq!(found[1].links().collect::<Vec<_>>(), ["a.md#b"]);
        assert_eq!(found[1].code().collect::<Vec<_>>(), ["x", "code"]);
        assert_eq!(
            found[1].pieces[1],
            Piece::Link {
                text: "text X".into(),
                target: "a.md#b".into(),
                code: vec!["x".into()],
            }
        );
        let image = blocks("See ![a chart](chart.svg) and [a\nlong link](x.md).\n");
        assert_eq!(image[0].links().collect::<Vec<_>>(), ["chart.svg", "x.md"]);
        assert_eq!(image[0].prose(), "See a chart and a\nlong link.");
        let badge = blocks("[![a badge](badge.svg)](page.md)\n");
        assert_eq!(
            badge[0].links().collect::<Vec<_>>(),
            ["badge.svg", "page.md"]
        );
        assert_eq!(badge[0].prose(), "a badge");
        assert_eq!(
            code_blocks("text\n\n```console\n$ a\nb\n```\n\n```\n```\n"),
            [
                CodeBlock {
                    line: 3,
                    body: "$ a\nb\n".into()
                },
                CodeBlock {
                    line: 8,
                    body: String::new()
                },
            ]
        );
    }
}
