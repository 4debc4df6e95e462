//! E-mail through an SMTP server, for feedback invitations. Configured by
//! an URL: `smtps://USER:PASSWORD@HOST[:PORT]` (TLS from the start, port
//! 465), `smtp://USER:PASSWORD@HOST:587?tls=required` (STARTTLS), or plain
//! `smtp://HOST:PORT` — refused for anything but this machine, so that no
//! password or invitation link crosses a network unencrypted.

use leap_core::InvalidValue;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, thiserror::Error)]
#[error("cannot send mail to {to}: {reason}")]
pub struct MailError {
    pub to: String,
    pub reason: String,
}

#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailer(from {})", self.from)
    }
}

/// The URL with any password replaced, for messages.
pub fn masked(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("****"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

impl Mailer {
    /// A mailer from the SMTP URL and the sender (`Name <address>` or an
    /// address); errors name the setting and never show a password.
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, InvalidValue> {
        let bad = |why: &str| InvalidValue::new("smtp-url", masked(smtp_url), why.to_owned());
        let url = url::Url::parse(smtp_url).map_err(|_| {
            bad("smtps://USER:PASSWORD@HOST, smtp://USER:PASSWORD@HOST:587?tls=required, or smtp://127.0.0.1:PORT")
        })?;
        let tls = url
            .query_pairs()
            .find(|(k, _)| k == "tls")
            .map(|(_, v)| v.into_owned());
        let loopback = match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            // smtp: is not a "special" scheme: its host comes back as text.
            Some(url::Host::Domain(d)) => {
                d == "localhost"
                    || d.trim_matches(['[', ']'])
                        .parse::<std::net::IpAddr>()
                        .is_ok_and(|ip| ip.is_loopback())
            }
            None => false,
        };
        match (url.scheme(), tls.as_deref()) {
            ("smtps", _) | ("smtp", Some("required")) => {}
            ("smtp", None | Some("none")) if loopback => {}
            ("smtp", _) => {
                return Err(bad(
                    "TLS for any server but this machine: smtps://… or smtp://…?tls=required",
                ))
            }
            _ => return Err(bad("an smtp:// or smtps:// URL")),
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| bad(&format!("a URL the mail library accepts ({e})")))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|_| InvalidValue::new("mail-from", from, "an address, or Name <address>"))?;
        Ok(Self { transport, from })
    }

    pub async fn send(&self, to: &Mailbox, subject: &str, body: String) -> Result<(), MailError> {
        let err = |reason: String| MailError {
            to: to.email.to_string(),
            reason,
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.clone())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| err(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| err(e.to_string()))
    }
}
