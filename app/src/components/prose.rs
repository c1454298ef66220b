//! Text that admins write (the trust pages), drawn as HTML without letting
//! any HTML through: blank lines part paragraphs, a block starting with
//! `## ` is a heading, a block of `- ` lines is a list. Every piece is
//! text in the view, so `<script>` in a page is shown, never run.

use leptos::prelude::*;

/// One block of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    List(Vec<String>),
    Paragraph(String),
}

/// The blocks of `text`.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n");
    text.split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(|b| {
            if let Some(h) = b.strip_prefix("## ") {
                Block::Heading(h.trim().to_string())
            } else if b.lines().all(|l| l.trim_start().starts_with("- ")) {
                Block::List(
                    b.lines()
                        .map(|l| l.trim_start()[2..].trim().to_string())
                        .collect(),
                )
            } else {
                Block::Paragraph(b.lines().map(str::trim).collect::<Vec<_>>().join(" "))
            }
        })
        .collect()
}

#[component]
pub fn Prose(text: String) -> impl IntoView {
    blocks(&text)
        .into_iter()
        .map(|b| match b {
            Block::Heading(h) => view! { <h2>{h}</h2> }.into_any(),
            Block::List(items) => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            }
            .into_any(),
            Block::Paragraph(p) => view! { <p>{p}</p> }.into_any(),
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_and_paragraphs() {
        let b = blocks(
            "First line\nsame paragraph.\n\n## Rights\n\n- one\n- two\n\n<script>x</script>",
        );
        assert_eq!(
            b,
            vec![
                Block::Paragraph("First line same paragraph.".into()),
                Block::Heading("Rights".into()),
                Block::List(vec!["one".into(), "two".into()]),
                Block::Paragraph("<script>x</script>".into()),
            ]
        );
    }
}
