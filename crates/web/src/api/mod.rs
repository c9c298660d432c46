//! The JSON API, version 1. Errors are `{"error":{"code","message"}}` with stable codes (see
//! [`AppError::code`](crate::AppError::code)); they are written by the error layer.

pub mod records;
pub mod search;
