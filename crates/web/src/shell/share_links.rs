//! What every room needs to share a record outside the portal (issue #18): the addresses of its
//! share card and embed, the sizes of an embed, the `<iframe>` code another site pastes, which
//! answers never set a cookie, and the «Поделиться» panel under a record — links to the networks'
//! own share pages and an e-mail. The cards, embeds and oEmbed themselves are `crate::share`.
//!
//! No buttons from the networks, no counters, no scripts: each is an ordinary link carrying the
//! record's public address and title, so nothing is sent anywhere until the visitor chooses
//! to, and the museum learns nothing about who shared what.

use crate::shell::i18n::Tr;
use crate::shell::prefs::encode_component;

/// The iframe's width another site is offered (it may ask for less through oEmbed).
pub const DEFAULT_WIDTH: u32 = 560;
/// The height of a record's embed.
pub const CARD_HEIGHT: u32 = 240;
/// The height of an interview fragment's embed: the card, the player and a few lines.
pub const FRAGMENT_HEIGHT: u32 = 480;

/// A record's share card's address (absolute or site-relative as `path` is).
pub fn card_path(record_path: &str) -> String {
    format!("{record_path}/card.jpg")
}

/// A record's embed's address.
pub fn embed_path(record_path: &str) -> String {
    format!("/embed{record_path}")
}

/// Answers that never remember the language in a cookie: they are read by other sites' pages
/// and by messengers, whose visitors did not choose anything on the museum's site.
pub fn sets_no_cookie(path: &str) -> bool {
    path.starts_with("/embed/") || path == "/oembed" || path.ends_with("/card.jpg")
}

/// What the panel shows.
pub struct Share {
    /// `(label, href)`: VK, Telegram, Одноклассники, e-mail.
    pub links: Vec<(String, String)>,
    /// The `<iframe>` to paste into another site.
    pub embed_code: String,
    /// The share card's address.
    pub card: String,
}

impl Share {
    /// The panel of the page at `url` (absolute) titled `title`; `embed` is the absolute address
    /// of its embed, `card` of its share card.
    pub fn new(url: &str, title: &str, embed: &str, card: &str, voice: bool, t: &Tr) -> Share {
        let u = encode_component(url);
        let title_c = encode_component(title);
        let links = vec![
            (
                t.msg("share-vk"),
                format!("https://vk.com/share.php?url={u}&title={title_c}"),
            ),
            (
                t.msg("share-telegram"),
                format!("https://t.me/share/url?url={u}&text={title_c}"),
            ),
            (
                t.msg("share-ok"),
                format!("https://connect.ok.ru/offer?url={u}&title={title_c}"),
            ),
            (
                t.msg("share-email"),
                format!("mailto:?subject={title_c}&body={u}"),
            ),
        ];
        Share {
            links,
            embed_code: iframe(
                embed,
                title,
                DEFAULT_WIDTH,
                if voice { FRAGMENT_HEIGHT } else { CARD_HEIGHT },
            ),
            card: card.to_string(),
        }
    }
}

/// The iframe another site pastes: sized, titled for screen readers, lazy, and sending no
/// `Referer` back to the museum.
pub fn iframe(src: &str, title: &str, width: u32, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" title=\"{}\" loading=\"lazy\" \
         referrerpolicy=\"no-referrer\" style=\"border:1px solid #cfc8ba;max-width:100%\"></iframe>",
        attr(src),
        attr(title)
    )
}

/// Text made safe inside a double-quoted HTML attribute.
fn attr(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iframe_cannot_be_broken_out_of() {
        let code = iframe(
            "https://m.example/embed/persons/x",
            "\"><script>alert(1)</script>",
            560,
            240,
        );
        assert!(!code.contains("<script>"), "{code}");
        assert!(code.contains("title=\"&quot;&gt;&lt;script&gt;"), "{code}");
    }
}
