//! Signing in, verifying the address, and the unverified-address banner.

mod logout;
mod sign_in;
mod verification;
mod verify_email;

pub use logout::LogoutButton;
pub use sign_in::{return_path, SignInPage};
pub use verification::{ResendVerification, UnverifiedBanner};
pub use verify_email::VerifyEmailPage;
