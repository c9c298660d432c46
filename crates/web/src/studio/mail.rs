//! Outgoing mail (invitations, password resets). Without an SMTP server configured, each letter
//! is written as an `.eml` file into `<data dir>/mail/`, so a fresh install works out of the box
//! and the administrator can open the letter (any mail program reads `.eml`) or copy the link.

use std::path::PathBuf;

/// A letter to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone)]
pub struct Mailer {
    dir: PathBuf,
    from: String,
}

impl Mailer {
    pub fn to_files(dir: PathBuf) -> Mailer {
        Mailer {
            dir,
            from: "letopis@localhost".into(),
        }
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// Writes the letter; returns the file it went to.
    pub fn send(&self, letter: &Letter) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(&self.dir)?;
        let now = jiff::Timestamp::now();
        let stamp = now.strftime("%Y%m%dT%H%M%S").to_string();
        let unique = super::auth::random_token()
            .map(|t| t[..8].to_string())
            .unwrap_or_else(|_| format!("{}", now.as_nanosecond()));
        let safe_to: String = letter
            .to
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = self.dir.join(format!("{stamp}-{unique}-{safe_to}.eml"));
        std::fs::write(&path, self.render(letter, now))?;
        Ok(path)
    }

    fn render(&self, letter: &Letter, now: jiff::Timestamp) -> String {
        // Header values come from checked addresses and our own subjects; line breaks are
        // removed anyway so that no value can start a header of its own.
        let one_line = |s: &str| s.replace(['\r', '\n'], " ");
        let date = now
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .strftime("%a, %d %b %Y %H:%M:%S +0000")
            .to_string();
        let body = letter.body.replace("\r\n", "\n").replace('\n', "\r\n");
        format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n",
            from = one_line(&self.from),
            to = one_line(&letter.to),
            subject = encode_header(&one_line(&letter.subject)),
        )
    }
}

/// RFC 2047 encoded-word for a header with non-ASCII text (the subjects are Russian).
fn encode_header(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    format!("=?utf-8?B?{out}?=")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_written_as_eml_files() {
        let dir = tempfile::tempdir().expect("dir");
        let mailer = Mailer::to_files(dir.path().join("mail"));
        let path = mailer
            .send(&Letter {
                to: "ivan@example.ru".into(),
                subject: "Приглашение\r\nBcc: x@y.ru".into(),
                body: "Ссылка: http://127.0.0.1/studio/set-password/abc".into(),
            })
            .expect("sent");
        let text = std::fs::read_to_string(path).expect("read");
        assert!(text.contains("To: ivan@example.ru\r\n"));
        assert!(text.contains("Subject: =?utf-8?B?"));
        assert!(!text.contains("\r\nBcc:"));
        assert!(text.contains("/studio/set-password/abc"));
    }

    #[test]
    fn header_encoding_is_base64() {
        assert_eq!(encode_header("Hi"), "Hi");
        assert_eq!(encode_header("Да"), "=?utf-8?B?0JTQsA==?=");
    }
}
