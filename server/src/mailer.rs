//! Sending mail: through the relay of `SMTP_URL`, or, without one, into
//! `DATA_DIR/mail/` as `.eml` files (with a log line), so the embedded
//! default and the tests need no relay and lose nothing.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// Where mail goes.
pub enum Mailer {
    Relay {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Folder {
        dir: PathBuf,
        from: Mailbox,
    },
}

/// Why a mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The address or the mail cannot be sent, ever: do not retry.
    #[error("cannot be sent: {0}")]
    Permanent(String),
    /// The relay refused or is down, or the folder is not writable: retry.
    #[error("not sent now: {0}")]
    Later(String),
}

impl Mailer {
    /// The relay of `SMTP_URL`, or the mail folder.
    ///
    /// # Errors
    /// A line saying what to fix (`MAIL_FROM` that is no address).
    pub fn from_config(config: &Config) -> Result<Mailer, String> {
        let from: Mailbox = config
            .mail_from
            .parse()
            .map_err(|e| format!("MAIL_FROM {:?} is not an address ({e})", config.mail_from))?;
        Ok(match &config.mail {
            Some(relay) => {
                let mut builder =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(relay.host.clone())
                        .port(relay.port);
                if let Some((user, password)) = &relay.credentials {
                    builder = builder.credentials(
                        lettre::transport::smtp::authentication::Credentials::new(
                            user.clone(),
                            password.clone(),
                        ),
                    );
                }
                Mailer::Relay {
                    transport: builder.build(),
                    from,
                }
            }
            None => Mailer::Folder {
                dir: config.mail_dir(),
                from,
            },
        })
    }

    fn from(&self) -> &Mailbox {
        match self {
            Mailer::Relay { from, .. } | Mailer::Folder { from, .. } => from,
        }
    }

    /// Sends one plain-text mail; `id` names the file in the mail folder.
    /// In the folder the text is written as it is (UTF-8, 8bit: the `.eml`
    /// files and the links in them read as they are) while its lines fit
    /// the 998 bytes mail allows; to a relay (which may not take 8bit) and
    /// for longer lines lettre encodes it (quoted-printable or base64).
    ///
    /// # Errors
    /// [`SendError`].
    pub async fn send(
        &self,
        id: &str,
        to: &str,
        subject: &str,
        body: &str,
    ) -> Result<(), SendError> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| SendError::Permanent(format!("{to:?}: {e}")))?;
        let message = Message::builder()
            .from(self.from().clone())
            .to(to.clone())
            .subject(subject)
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .body(text_body(body, matches!(self, Mailer::Folder { .. }))),
            )
            .map_err(|e| SendError::Permanent(e.to_string()))?;
        match self {
            Mailer::Relay { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Later(e.to_string())),
            Mailer::Folder { dir, .. } => {
                let name = format!(
                    "{}-{id}.eml",
                    chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ")
                );
                let path = dir.join(&name);
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    // Written beside and renamed, so a reader never sees half a mail.
                    let partial = dir.join(format!(".{name}.part"));
                    tokio::fs::write(&partial, message.formatted()).await?;
                    tokio::fs::rename(&partial, &path).await
                };
                write
                    .await
                    .map_err(|e| SendError::Later(format!("{}: {e}", dir.display())))?;
                tracing::info!(to = %to.email, subject, file = %path.display(), "mail written to the mail folder");
                Ok(())
            }
        }
    }
}

/// The body: 8bit with CRLF line ends when asked and every line fits, else
/// chosen by lettre (quoted-printable or base64).
fn text_body(text: &str, eight_bit: bool) -> Body {
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    if eight_bit && crlf.split("\r\n").all(|line| line.len() <= 900) && !crlf.contains('\0') {
        Body::dangerous_pre_encoded(crlf.into_bytes(), ContentTransferEncoding::EightBit)
    } else {
        Body::new(text.to_string())
    }
}
