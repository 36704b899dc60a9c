//! Invitation emails: sent over SMTP when configured, otherwise written as `.eml` files to
//! the outbox folder so a developer (or a test) can open the link.

use std::path::PathBuf;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub enum Mailer {
    Outbox(AsyncFileTransport<Tokio1Executor>, PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// What an invitation email says.
pub struct InvitationEmail<'a> {
    pub to: &'a str,
    pub organization: &'a str,
    pub inviter: &'a str,
    pub role: &'a str,
    pub message: Option<&'a str>,
    pub link: &'a str,
    pub expires_at: &'a str,
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, outbox: PathBuf) -> Result<Mailer, String> {
        match smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|b| Mailer::Smtp(b.build()))
                .map_err(|e| format!("SMTP URL: {e}")),
            None => {
                std::fs::create_dir_all(&outbox)
                    .map_err(|e| format!("creating outbox {}: {e}", outbox.display()))?;
                Ok(Mailer::Outbox(AsyncFileTransport::new(&outbox), outbox))
            }
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Mailer::Outbox(t, _) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
            Mailer::Smtp(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
        }
    }
}

pub fn invitation_message(from: &str, mail: &InvitationEmail<'_>) -> Result<Message, String> {
    let mut body = format!(
        "Hello,\n\n{inviter} has invited you to join the organization \"{org}\" as {role}.\n\n",
        inviter = mail.inviter,
        org = mail.organization,
        role = mail.role,
    );
    if let Some(note) = mail.message.filter(|m| !m.trim().is_empty()) {
        body.push_str(&format!("{} wrote:\n\n", mail.inviter));
        for line in note.lines() {
            body.push_str(&format!("> {line}\n"));
        }
        body.push('\n');
    }
    body.push_str(&format!(
        "To accept or decline the invitation, open this link:\n\n{link}\n\n\
         The invitation expires at {expires} (UTC). If you did not expect it, you can ignore \
         this email.\n",
        link = mail.link,
        expires = mail.expires_at,
    ));
    let subject = format!("{} invited you to join {}", mail.inviter, mail.organization);
    plain_message(from, mail.to, &subject, body)
}

/// The email that proves an address: a link to the console's `/verify-email` page.
pub fn verification_message(
    from: &str,
    to: &str,
    name: &str,
    link: &str,
) -> Result<Message, String> {
    let body = format!(
        "Hello {name},\n\nTo confirm that this is your email address, open this link:\n\n{link}\n\n\
         The link works once, for 24 hours. If you did not create an org-console account, you \
         can ignore this email.\n"
    );
    plain_message(from, to, "Verify your email address for org-console", body)
}

/// The email with a password reset link to the console's `/reset-password` page.
pub fn password_reset_message(
    from: &str,
    to: &str,
    name: &str,
    link: &str,
) -> Result<Message, String> {
    let body = format!(
        "Hello {name},\n\nSomeone (we hope you) asked to reset the password of your org-console \
         account. To choose a new password, open this link:\n\n{link}\n\nThe link works once, \
         for an hour. If you did not ask, ignore this email: your password stays as it is.\n"
    );
    plain_message(from, to, "Reset your org-console password", body)
}

/// A plain-text email from `from` to `to`, its body sent as 8bit (see [`eight_bit`]).
fn plain_message(from: &str, to: &str, subject: &str, body: String) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("sender address: {e}"))?;
    let to: Mailbox = to.parse().map_err(|e| format!("recipient address: {e}"))?;
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(eight_bit(body)),
        )
        .map_err(|e| e.to_string())
}

/// The body as 8bit, which keeps the link on one line exactly as written, so any mail
/// reader (and a test reading the .eml) sees it whole; quoted-printable would cut it with
/// `=` soft breaks. lettre only picks 8bit for lines under 77 characters, but RFC 5322
/// allows 998, so it is encoded here; a body with a longer line (a pasted message, say)
/// falls back to lettre's own choice.
fn eight_bit(text: String) -> Body {
    let fits = text.lines().all(|l| l.len() <= 998) && !text.contains('\0') && !text.contains('\r');
    if fits {
        Body::dangerous_pre_encoded(
            text.replace('\n', "\r\n").into_bytes(),
            ContentTransferEncoding::EightBit,
        )
    } else {
        Body::new(text)
    }
}
