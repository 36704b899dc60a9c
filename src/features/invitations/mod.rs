//! The invitee's side: the page an invitation email links to, and the card with Accept
//! and Decline that personal settings shows too.

mod card;
mod page;

pub use card::InvitationCard;
pub use page::InvitationPage;
