//! Outgoing mail (invitations, password resets). With an SMTP server configured (`[smtp]` in
//! `letopis.toml`) letters go through it; without one, each letter is written as an `.eml` file
//! into `<data dir>/mail/`, so a fresh install works out of the box and the administrator can
//! open the letter (any mail program reads `.eml`) or copy the link.
//!
//! Both routes send the same message, built once by `lettre` (encoded Russian subject, a
//! `Message-ID`, a `Date`). A letter that cannot leave is an error with the reason in Russian,
//! never a silent drop: the caller shows it and keeps the link usable.

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{SmtpTransport, Transport};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A letter to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The sender of letters when nothing else is configured (an `.eml` file needs one).
const DEFAULT_FROM: &str = "letopis@localhost";

/// How long a page waits for the mail server before it tells the person why the letter did not
/// go: a web request should not hang for lettre's default of a minute.
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Security {
    /// Plain connection upgraded by STARTTLS, which is required (port 587).
    #[default]
    StartTls,
    /// TLS from the first byte, SMTPS (port 465).
    Tls,
    /// No encryption: only for a relay on this machine or the museum's own network (port 25).
    None,
}

impl Security {
    pub fn from_code(code: &str) -> Option<Security> {
        match code {
            "starttls" => Some(Security::StartTls),
            "tls" => Some(Security::Tls),
            "none" => Some(Security::None),
            _ => None,
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// What the binary reads from `[smtp]` (see its README section).
#[derive(Clone, Default)]
pub struct SmtpSettings {
    pub host: String,
    /// `None`: the usual port of `security`.
    pub port: Option<u16>,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, `museum@example.ru` or `Летопись <museum@example.ru>`.
    pub from: String,
    /// A PEM certificate authority to trust besides the public ones (a relay with the museum's
    /// own certificate).
    pub ca_pem: Option<Vec<u8>>,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

/// Why the mail settings cannot work; said at start, so that nobody learns it from a lost letter.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MailConfigError {
    #[error(
        "адрес отправителя «{0}» не разобран: укажите from = \"museum@example.ru\" или \"Летопись <museum@example.ru>\""
    )]
    From(String),
    #[error("не указан адрес почтового сервера (host)")]
    NoHost,
    #[error("имя пользователя и пароль указываются вместе (username и пароль)")]
    HalfCredentials,
    #[error(
        "пароль не передаётся по незашифрованному соединению: укажите security = \"starttls\" или \"tls\""
    )]
    PasswordInClear,
    #[error("сертификат удостоверяющего центра не прочитан: {0}")]
    Certificate(String),
}

/// The route letters take: SMTP, built once at start, or files.
#[derive(Debug, Clone, Default)]
pub enum MailRoute {
    /// `.eml` files in `<data dir>/mail/`.
    #[default]
    Files,
    Smtp(Box<Smtp>),
}

/// A checked SMTP configuration, ready to send.
#[derive(Clone)]
pub struct Smtp {
    transport: SmtpTransport,
    from: Mailbox,
    /// `host:port`, for messages.
    server: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("server", &self.server)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl MailRoute {
    pub fn smtp(settings: SmtpSettings) -> Result<MailRoute, MailConfigError> {
        let host = settings.host.trim().to_string();
        if host.is_empty() {
            return Err(MailConfigError::NoHost);
        }
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|_| MailConfigError::From(settings.from.clone()))?;
        let port = settings
            .port
            .unwrap_or_else(|| settings.security.default_port());
        let mut builder = SmtpTransport::builder_dangerous(host.clone())
            .port(port)
            .timeout(Some(SMTP_TIMEOUT));
        if settings.security != Security::None {
            let tls = tls_parameters(&host, settings.ca_pem.as_deref())?;
            builder = builder.tls(match settings.security {
                Security::Tls => Tls::Wrapper(tls),
                _ => Tls::Required(tls),
            });
        }
        match (settings.username, settings.password) {
            (Some(user), Some(password)) => {
                if settings.security == Security::None {
                    return Err(MailConfigError::PasswordInClear);
                }
                builder = builder.credentials(Credentials::new(user, password));
            }
            (None, None) => {}
            _ => return Err(MailConfigError::HalfCredentials),
        }
        Ok(MailRoute::Smtp(Box::new(Smtp {
            transport: builder.build(),
            from,
            server: format!("{host}:{port}"),
        })))
    }
}

/// Mozilla's roots, plus the museum's own authority when `ca_pem` names one.
fn tls_parameters(host: &str, ca_pem: Option<&[u8]>) -> Result<TlsParameters, MailConfigError> {
    let mut tls = TlsParameters::builder(host.to_string());
    if let Some(pem) = ca_pem {
        // The parser takes a file without any certificate as an empty list.
        if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
            return Err(MailConfigError::Certificate(
                "в файле нет ни одного сертификата PEM (-----BEGIN CERTIFICATE-----)".into(),
            ));
        }
        let cert =
            Certificate::from_pem(pem).map_err(|e| MailConfigError::Certificate(e.to_string()))?;
        tls = tls.add_root_certificate(cert);
    }
    tls.build()
        .map_err(|e| MailConfigError::Certificate(e.to_string()))
}

/// Where a letter went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    File(PathBuf),
    /// Accepted by the SMTP server `host:port`.
    Smtp(String),
}

/// Why a letter did not go, in Russian, fit for an administrator's page.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("адрес «{0}» не подходит для письма")]
    Address(String),
    #[error("письмо не записано в {dir}: {source}")]
    File {
        dir: PathBuf,
        source: std::io::Error,
    },
    #[error("почтовый сервер {server}: {reason}")]
    Smtp { server: String, reason: String },
}

#[derive(Debug, Clone)]
pub struct Mailer {
    dir: PathBuf,
    route: MailRoute,
}

impl Mailer {
    pub fn to_files(dir: PathBuf) -> Mailer {
        Mailer {
            dir,
            route: MailRoute::Files,
        }
    }

    /// `route`, with `dir` for files when the route is files.
    pub fn new(route: MailRoute, dir: PathBuf) -> Mailer {
        Mailer { dir, route }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sends the letter (blocking: call it from the blocking pool).
    pub fn send(&self, letter: &Letter) -> Result<Sent, MailError> {
        match &self.route {
            MailRoute::Files => {
                let from = DEFAULT_FROM
                    .parse()
                    .expect("the default sender is an address");
                let message = build(letter, from, true)?;
                self.write(letter, &message)
                    .map(Sent::File)
                    .map_err(|source| MailError::File {
                        dir: self.dir.clone(),
                        source,
                    })
            }
            MailRoute::Smtp(smtp) => {
                let message = build(letter, smtp.from.clone(), false)?;
                smtp.transport
                    .send(&message)
                    .map(|_| Sent::Smtp(smtp.server.clone()))
                    .map_err(|e| MailError::Smtp {
                        server: smtp.server.clone(),
                        reason: smtp_reason(&e),
                    })
            }
        }
    }

    fn write(&self, letter: &Letter, message: &Message) -> std::io::Result<PathBuf> {
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
        std::fs::write(&path, message.formatted())?;
        Ok(path)
    }
}

/// The message of `letter`. The header builder encodes the Russian subject and keeps any line
/// break in it from starting a header of its own. A file keeps its body in 8 bits, so that the
/// link can be copied from the `.eml` as it is; over SMTP lettre picks a 7-bit encoding that
/// every server takes.
fn build(letter: &Letter, from: Mailbox, readable: bool) -> Result<Message, MailError> {
    let to: Mailbox = letter
        .to
        .parse()
        .map_err(|_| MailError::Address(letter.to.clone()))?;
    let text = letter.body.replace("\r\n", "\n");
    // RFC 5322 allows 998 bytes a line; lettre's own chooser stops 8 bits at 76, which two-byte
    // Cyrillic and a link exceed in every letter.
    let body = if readable && text.lines().all(|l| l.len() <= 998) && !text.contains('\r') {
        Body::dangerous_pre_encoded(
            text.replace('\n', "\r\n").into_bytes(),
            ContentTransferEncoding::EightBit,
        )
    } else {
        Body::new(text)
    };
    Message::builder()
        .message_id(None)
        .from(from)
        .to(to)
        .subject(letter.subject.replace(['\r', '\n'], " "))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|_| MailError::Address(letter.to.clone()))
}

/// What went wrong with the server, in words an administrator can act on; the server's own
/// reply (usually English) follows in parentheses.
fn smtp_reason(e: &lettre::transport::smtp::Error) -> String {
    let code = e.status().map(|c| c.to_string());
    if timed_out(e) {
        "сервер не ответил вовремя; проверьте host и port в [smtp]".into()
    } else if untrusted_certificate(e) {
        format!(
            "сервер предъявил сертификат, которому нет доверия ({e}); проверьте host, а если у \
             сервера свой удостоверяющий центр, укажите его файл в ca_file"
        )
    } else if e.is_tls() {
        format!(
            "не удалось установить защищённое соединение ({e}); проверьте security и сертификат сервера"
        )
    } else if matches!(code.as_deref(), Some("530" | "534" | "535")) {
        format!("сервер не принял имя пользователя или пароль ({e})")
    } else if e.is_permanent() {
        format!("сервер отказался принять письмо ({e})")
    } else if e.is_transient() {
        format!("сервер временно не принимает письма, попробуйте позже ({e})")
    } else {
        format!("не удалось соединиться с сервером ({e}); проверьте host, port и security в [smtp]")
    }
}

/// The server's certificate did not verify (unknown issuer, wrong name, expired): lettre
/// reports it as a network error carrying rustls's own.
fn untrusted_certificate(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(err) = source {
        let tls = err.downcast_ref::<rustls::Error>().or_else(|| {
            err.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(tls) = tls {
            return matches!(
                tls,
                rustls::Error::InvalidCertificate(_) | rustls::Error::NoCertificatesPresented
            );
        }
        source = err.source();
    }
    false
}

/// A read that ran past the socket's timeout: lettre reports `TimedOut` for some and the
/// platform's `WouldBlock` (EAGAIN) for others.
fn timed_out(e: &lettre::transport::smtp::Error) -> bool {
    let mut source = std::error::Error::source(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            );
        }
        source = err.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_written_as_eml_files() {
        let dir = tempfile::tempdir().expect("dir");
        let mailer = Mailer::to_files(dir.path().join("mail"));
        let sent = mailer
            .send(&Letter {
                to: "ivan@example.ru".into(),
                subject: "Приглашение\r\nBcc: x@y.ru".into(),
                body: "Ссылка: http://127.0.0.1/studio/set-password/abc\n".into(),
            })
            .expect("sent");
        let Sent::File(path) = sent else {
            panic!("a file was expected, got {sent:?}")
        };
        let text = std::fs::read_to_string(path).expect("read");
        assert!(text.contains("To: ivan@example.ru\r\n"), "{text}");
        assert!(text.contains("Subject: =?utf-8?b?"), "{text}");
        assert!(!text.contains("\r\nBcc:"));
        assert!(text.contains("Message-ID: <"));
        assert!(
            text.contains("Ссылка: http://127.0.0.1/studio/set-password/abc"),
            "the link can be copied from the file: {text}"
        );
    }

    #[test]
    fn a_malformed_recipient_is_an_error_not_a_letter() {
        let dir = tempfile::tempdir().expect("dir");
        let mailer = Mailer::to_files(dir.path().join("mail"));
        let e = mailer
            .send(&Letter {
                to: "не адрес".into(),
                subject: "Тема".into(),
                body: "Текст".into(),
            })
            .expect_err("refused");
        assert!(matches!(e, MailError::Address(_)));
        assert!(!dir.path().join("mail").exists());
    }

    fn settings(security: Security) -> SmtpSettings {
        SmtpSettings {
            host: "smtp.example.ru".into(),
            security,
            from: "Летопись <museum@example.ru>".into(),
            ..SmtpSettings::default()
        }
    }

    #[test]
    fn smtp_settings_are_checked_at_start() {
        assert!(MailRoute::smtp(settings(Security::StartTls)).is_ok());
        let mut bad_from = settings(Security::Tls);
        bad_from.from = "museum".into();
        assert!(matches!(
            MailRoute::smtp(bad_from),
            Err(MailConfigError::From(_))
        ));
        let mut clear = settings(Security::None);
        clear.username = Some("museum".into());
        clear.password = Some("secret".into());
        assert_eq!(
            MailRoute::smtp(clear).err(),
            Some(MailConfigError::PasswordInClear)
        );
        let mut half = settings(Security::StartTls);
        half.username = Some("museum".into());
        assert_eq!(
            MailRoute::smtp(half).err(),
            Some(MailConfigError::HalfCredentials)
        );
        let mut garbage_ca = settings(Security::StartTls);
        garbage_ca.ca_pem = Some(b"not a certificate".to_vec());
        assert!(matches!(
            MailRoute::smtp(garbage_ca),
            Err(MailConfigError::Certificate(_))
        ));
        let mut no_host = settings(Security::StartTls);
        no_host.host = " ".into();
        assert_eq!(
            MailRoute::smtp(no_host).err(),
            Some(MailConfigError::NoHost)
        );
    }

    #[test]
    fn the_password_stays_out_of_debug_output() {
        let mut s = settings(Security::StartTls);
        s.password = Some("секрет-123".into());
        assert!(!format!("{s:?}").contains("секрет-123"));
    }
}
