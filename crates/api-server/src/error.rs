use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use org_contract::ErrorBody;

/// Every way a request can fail, with the status and body the contract gives it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("Not found")]
    NotFound,
    /// Extension: the thing existed and is gone for good, with the reason.
    #[error("{0}")]
    Gone(String),
    #[error("{}", .0.join("; "))]
    Invalid(Vec<String>),
    /// A refusal with a machine-readable `code` in its body (extension).
    #[error("{message}")]
    Coded {
        status: u16,
        code: &'static str,
        message: String,
    },
    /// A limit was reached; `message` says which and when to try again.
    #[error("{message}")]
    TooManyRequests {
        retry_after_secs: u64,
        message: String,
    },
    #[error("The request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError::Invalid(vec![message.into()])
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        ApiError::Forbidden(message.into())
    }

    pub fn unauthenticated() -> Self {
        ApiError::Unauthorized("Invalid authentication token".into())
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            // 401s use the single-message form, as the public API did.
            ApiError::Unauthorized(m) => (
                StatusCode::UNAUTHORIZED,
                ErrorBody {
                    error: Some(m.clone()),
                    errors: vec![],
                    code: None,
                },
            ),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, ErrorBody::one(m.clone())),
            ApiError::NotFound => (StatusCode::NOT_FOUND, ErrorBody::one("Not found")),
            ApiError::Gone(m) => (StatusCode::GONE, ErrorBody::one(m.clone())),
            ApiError::Invalid(ms) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                ErrorBody {
                    error: None,
                    errors: ms.clone(),
                    code: None,
                },
            ),
            ApiError::Coded {
                status,
                code,
                message,
            } => (
                StatusCode::from_u16(*status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
                ErrorBody {
                    error: None,
                    errors: vec![message.clone()],
                    code: Some((*code).to_owned()),
                },
            ),
            ApiError::PayloadTooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorBody::one(self.to_string()),
            ),
            ApiError::TooManyRequests {
                retry_after_secs,
                message,
            } => {
                let mut response = (
                    StatusCode::TOO_MANY_REQUESTS,
                    Json(ErrorBody::one(message.clone())),
                )
                    .into_response();
                response.headers_mut().insert(
                    "retry-after",
                    retry_after_secs
                        .to_string()
                        .parse()
                        .expect("digits are a valid header"),
                );
                return response;
            }
            ApiError::Database(e) => {
                tracing::error!(error = %e, "database error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::one("Internal server error"),
                )
            }
            ApiError::Internal(m) => {
                tracing::error!(error = %m, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    ErrorBody::one("Internal server error"),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
