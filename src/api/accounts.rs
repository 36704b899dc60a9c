//! Signing in and out, signing up, the user, verifying the address, the password.

use gloo_net::http::Method;
use org_contract::{
    PasswordReset, PasswordResetConfirm, SignIn, SignUp, UpdateUser, User, VerifyEmail,
};

use super::{Api, ApiError};

impl Api {
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
    ) -> Result<org_contract::Session, ApiError> {
        let body = SignIn {
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.json(Method::POST, "/auth/sessions", Self::body(&body))
            .await
    }

    pub async fn sign_up(&self, body: &SignUp) -> Result<org_contract::Session, ApiError> {
        self.json(Method::POST, "/users", Self::body(body)).await
    }

    pub async fn sign_out(&self) -> Result<(), ApiError> {
        self.send(Method::DELETE, "/auth/sessions/current", None)
            .await
            .map(drop)
    }

    pub async fn current_user(&self) -> Result<User, ApiError> {
        self.json(Method::GET, "/user", None).await
    }

    pub async fn update_user(&self, body: &UpdateUser) -> Result<User, ApiError> {
        self.json(Method::PUT, "/user", Self::body(body)).await
    }

    /// Extension: proves the address with the token of a verification email.
    pub async fn verify_email(&self, token: &str) -> Result<User, ApiError> {
        let body = VerifyEmail {
            token: token.to_owned(),
        };
        self.json(Method::POST, "/users/verify-email", Self::body(&body))
            .await
    }

    /// Extension: sends a new verification email (at most once a minute).
    pub async fn resend_verification(&self) -> Result<(), ApiError> {
        self.send(Method::POST, "/users/verify-email/resend", None)
            .await
            .map(drop)
    }

    /// Extension: changes the password; the server ends every other session.
    pub async fn change_password(&self, current: &str, new: &str) -> Result<User, ApiError> {
        let body = UpdateUser {
            current_password: Some(current.to_owned()),
            password: Some(new.to_owned()),
            ..UpdateUser::default()
        };
        self.json(Method::PUT, "/user", Self::body(&body)).await
    }

    /// Extension: every token of the user stops working, this one included.
    pub async fn sign_out_everywhere(&self) -> Result<(), ApiError> {
        self.send(Method::DELETE, "/auth/sessions", None)
            .await
            .map(drop)
    }

    /// Extension: asks for a password reset link (the answer is the same for any address).
    pub async fn request_password_reset(&self, email: &str) -> Result<(), ApiError> {
        let body = PasswordReset {
            email: email.to_owned(),
        };
        self.send(Method::POST, "/auth/password-reset", Self::body(&body))
            .await
            .map(drop)
    }

    /// Extension: sets a new password with the emailed link's token; signs in.
    pub async fn reset_password(
        &self,
        token: &str,
        password: &str,
    ) -> Result<org_contract::Session, ApiError> {
        let body = PasswordResetConfirm {
            token: token.to_owned(),
            password: password.to_owned(),
        };
        self.json(
            Method::POST,
            "/auth/password-reset/confirm",
            Self::body(&body),
        )
        .await
    }
}
