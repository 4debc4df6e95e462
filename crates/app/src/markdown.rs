//! Markdown a person wrote (journal text, notes), rendered safely: raw HTML
//! in it is shown as text, links go only to http, https, mailto or within
//! the page, and images become their description (no request leaves for
//! an address someone typed).

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
        || (lower.starts_with('/') && !lower.starts_with("//"))
}

/// HTML for `text`; every character of the person's comes out escaped
/// unless Markdown made it markup.
pub fn to_html(text: &str) -> String {
    let mut links = Vec::new();
    let events = Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES)
        .filter_map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let ok = safe_link(&dest_url);
                links.push(ok);
                ok.then_some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
            other => Some(other),
        });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_and_unsafe_links_never_reach_the_page() {
        let html = to_html(
            "**Led** the <script>alert(1)</script> review\n\n<img src=x onerror=alert(1)>\n\n\
             [ok](https://example.com) [bad](javascript:alert(1)) ![pic](https://tracker.example/p.png)",
        );
        assert!(html.contains("<strong>Led</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.com\">ok</a>"),
            "{html}"
        );
        assert!(!html.contains("javascript:"), "{html}");
        assert!(
            html.contains("bad"),
            "the text of a refused link stays: {html}"
        );
        assert!(html.contains("pic") && !html.contains("tracker"), "{html}");
    }
}
