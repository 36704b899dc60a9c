//! Signing in, verifying the address, and the unverified-address banner.

mod account_menu;
mod logout;
mod password_reset;
mod sign_in;
mod sign_up;
mod verification;
mod verify_email;

pub use account_menu::AccountMenu;
pub use logout::LogoutButton;
pub use password_reset::{ForgotPasswordPage, ResetPasswordPage};
pub use sign_in::{return_path, SignInPage};
pub use sign_up::SignUpPage;
pub use verification::{ResendVerification, UnverifiedBanner};
pub use verify_email::VerifyEmailPage;
