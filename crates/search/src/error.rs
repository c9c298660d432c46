use letopis_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("поисковый индекс недоступен: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("не удалось прочитать или записать каталог поискового индекса: {0}")]
    Io(#[from] std::io::Error),
    #[error("база недоступна для поиска: {0}")]
    Store(#[from] StoreError),
    #[error(
        "поисковый индекс занят другим процессом (возможно, запущен портал): остановите его и повторите"
    )]
    Locked,
}
