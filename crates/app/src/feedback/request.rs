//! Making a 360 feedback request, for the web pages, the API and the
//! command line alike: a fresh link per rater (256 random bits, stored only
//! as a hash), and an invitation by e-mail to each rater with an address
//! when a mailer is set up.

use leap_core::feedback::{NewRequest, RaterSpec};
use leap_store::feedback::{FeedbackRequestRecord, NewFeedbackRequest, NewRater};
use leap_store::{Backend, Profile};
use lettre::message::Mailbox;

use crate::mail::Mailer;
use crate::Result;

/// The path of a rater's link, under the public URL.
pub const RATER_PATH: &str = "/feedback/answer";

/// A rater's link, as the person asking sees it once, at creation (in
/// JSON: name, group, email, url, mailed, mail_error).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Link {
    #[serde(flatten)]
    pub rater: RaterSpec,
    pub url: String,
    /// Whether the invitation went out by e-mail (else: copy the link).
    pub mailed: bool,
    /// Why the e-mail could not be sent, if it could not.
    pub mail_error: Option<String>,
}

pub struct Created {
    pub request: FeedbackRequestRecord,
    pub links: Vec<Link>,
}

/// The public URL links are made under: http(s), a host, no query.
pub fn check_public_url(s: &str) -> Result<String, leap_core::InvalidValue> {
    let ok = url::Url::parse(s).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host().is_some() && u.query().is_none()
    });
    match ok {
        Some(_) => Ok(s.trim_end_matches('/').to_owned()),
        None => Err(leap_core::InvalidValue::new(
            "public-url",
            s,
            "an http:// or https:// URL such as https://leap.example.com",
        )),
    }
}

/// 256 bits, as for sessions and API tokens.
fn random_token() -> Result<String> {
    crate::random_token(32)
}

/// What a rater reads in the invitation.
pub fn invitation_text(
    person: &str,
    rater: &RaterSpec,
    link: &str,
    request: &NewRequest,
) -> String {
    let anonymity = if rater.group.is_anonymous() {
        format!(
            "Your answers are anonymous: {person} sees the answers of the {} together, and only once at least {} of you have answered; never a name or a date.",
            rater.group.plural(),
            request.minimums.get(rater.group)
        )
    } else {
        format!("You are asked as {person}'s manager: your answers are not anonymous, {person} will see them as yours.")
    };
    format!(
        "Hello {name},\n\n{person} is preparing for their next career step and asks for your view of them at work, competency by competency. It takes about ten minutes; no account is needed.\n\nAnswer here:\n{link}\n\n{anonymity}\n\nYou can change your answers until {closes}. If you have not seen {person} at work in an area, choose \"not observed\".\n\nThank you.\n",
        name = rater.name,
        closes = request.closes_on,
    )
}

/// Stores the request and makes each rater's link; sends invitations when
/// `mailer` is given. A failed e-mail does not undo the request: its link
/// is shown to copy instead.
pub async fn create_request(
    store: &dyn Backend,
    profile: &Profile,
    request: &NewRequest,
    today: chrono::NaiveDate,
    public_url: &str,
    mailer: Option<&Mailer>,
) -> Result<Created> {
    let (person, person_name) = (profile.person, profile.name.as_str());
    let tokens: Vec<String> = request
        .raters
        .iter()
        .map(|_| random_token())
        .collect::<Result<_, _>>()?;
    let competencies: Vec<String> = request
        .competencies
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    let record = store
        .create_feedback_request(
            person,
            NewFeedbackRequest {
                framework_hash: &profile.framework_hash,
                created_on: today,
                closes_on: request.closes_on,
                minimums: request.minimums,
                competencies: &competencies,
                raters: request
                    .raters
                    .iter()
                    .zip(&tokens)
                    .map(|(r, t)| NewRater {
                        group: r.group,
                        name: &r.name,
                        email: r.email.as_ref().map(|e| e.as_str()),
                        token_hash: crate::accounts::token_hash(t),
                    })
                    .collect(),
            },
        )
        .await?;
    let base = public_url.trim_end_matches('/');
    let mut links = Vec::new();
    let mut invited = Vec::new();
    // Raters come back in the order given (their ids ascend).
    for ((spec, token), stored) in request.raters.iter().zip(&tokens).zip(&record.raters) {
        let url = format!("{base}{RATER_PATH}/{token}");
        let (mut mailed, mut mail_error) = (false, None);
        if let (Some(mailer), Some(email)) = (mailer, &spec.email) {
            let subject = format!("{person_name} asks for your feedback");
            let sent = match email.as_str().parse::<lettre::Address>() {
                Ok(address) => mailer
                    .send(
                        &Mailbox::new(Some(spec.name.clone()), address),
                        &subject,
                        invitation_text(person_name, spec, &url, request),
                    )
                    .await
                    .map_err(|e| e.reason),
                Err(e) => Err(format!("the address cannot be used: {e}")),
            };
            match sent {
                Ok(()) => {
                    mailed = true;
                    invited.push(stored.id);
                }
                Err(reason) => {
                    tracing::warn!(%reason, "feedback invitation not sent");
                    mail_error = Some(reason);
                }
            }
        }
        links.push(Link {
            rater: spec.clone(),
            url,
            mailed,
            mail_error,
        });
    }
    if !invited.is_empty() {
        store.mark_invited(person, &invited).await?;
    }
    let request = store.feedback_request(person, record.id).await?;
    Ok(Created { request, links })
}
