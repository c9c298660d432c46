use letopis_core::validation::Invalid;
use letopis_core::workflow::StepRefused;

/// Everything a store can refuse or fail with. Messages are Russian and meant for the user;
/// engine details stay in `Backend` and are logged, never shown.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("Запись не найдена: {what}.")]
    NotFound { what: String },
    #[error(
        "Запись уже изменил кто-то другой (версия {actual}, а вы редактировали версию {expected}). Обновите страницу, чтобы увидеть новую версию, и внесите правку ещё раз."
    )]
    Conflict { expected: i64, actual: i64 },
    #[error("{0}")]
    Workflow(#[from] StepRefused),
    #[error(
        "База данных занята другим процессом. Подождите и повторите; если это повторяется, проверьте, не запущен ли второй экземпляр letopis с тем же каталогом данных."
    )]
    Locked,
    #[error("{message}")]
    Duplicate { message: String },
    #[error("Каталог данных недоступен: {0}")]
    Unavailable(String),
    #[error("Внутренняя ошибка хранилища. Подробности записаны в журнал сервера.")]
    Backend(String),
}

impl StoreError {
    /// A stable machine code for the JSON API and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Invalid(_) => "invalid",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Workflow(_) => "workflow_refused",
            StoreError::Locked => "locked",
            StoreError::Duplicate { .. } => "duplicate",
            StoreError::Unavailable(_) => "unavailable",
            StoreError::Backend(_) => "internal",
        }
    }

    pub fn not_found(what: impl Into<String>) -> StoreError {
        StoreError::NotFound { what: what.into() }
    }
}
