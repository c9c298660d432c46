//! Errors with user-facing Russian messages: each says what is wrong and what to do about it.

use std::path::PathBuf;

use crate::human_size;
use crate::types::{ALLOWED_RU, MediaClass};

/// Why a file could not be stored or found. `Display` is meant for the person uploading;
/// [`MediaError::code`] is for programs (API responses, logs, tests).
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error(
        "Файл слишком большой: {} при пределе {} для {}. Уменьшите файл или разделите его на части; \
         предел можно изменить в настройках портала.",
        size_text(*.size, *.exact), human_size(*.limit), .class.genitive_plural_ru()
    )]
    TooLarge {
        /// Bytes seen; when `exact` is false the file was cut off at this point and is bigger.
        size: u64,
        exact: bool,
        limit: u64,
        class: MediaClass,
    },

    #[error("Тип файла не поддерживается: {found}. Допустимы: {}.", ALLOWED_RU)]
    UnsupportedType { found: String },

    #[error(
        "Файл «{name}» по содержимому не {declared}, а {actual}. \
         Сохраните его с правильным расширением или загрузите другой файл."
    )]
    TypeMismatch {
        name: String,
        declared: &'static str,
        actual: String,
    },

    #[error(
        "Текстовый файл «{name}» не в кодировке UTF-8 (первый неверный байт — {offset}). \
         Пересохраните его в кодировке UTF-8 и загрузите снова."
    )]
    NotUtf8 { name: String, offset: u64 },

    #[error("Пустой файл. Выберите файл с содержимым.")]
    Empty,

    #[error(
        "Каталог данных {} недоступен для записи: {reason}. Проверьте права доступа и свободное \
         место или укажите другой каталог данных.",
        .path.display()
    )]
    NotWritable { path: PathBuf, reason: String },

    #[error(
        "Неверный идентификатор файла «{value}»: нужна строка из 64 шестнадцатеричных цифр (SHA-256)."
    )]
    BadHash { value: String },

    #[error(
        "Файл {sha256} не найден в хранилище. Возможно, он был удалён или подключён не тот \
         каталог данных."
    )]
    NotFound { sha256: String },

    #[error(
        "Содержимое файла не совпадает с его именем {sha256}: эта копия повреждена. Возьмите \
         файл из другой резервной копии."
    )]
    Damaged { sha256: String },

    #[error(
        "Хранилище файлов не выполнило запрос: не удалось {action}: {detail}. Проверьте адрес \
         хранилища (media = … в letopis.toml или --media), ключи доступа (AWS_ACCESS_KEY_ID, \
         AWS_SECRET_ACCESS_KEY) и что корзина существует."
    )]
    Remote { action: String, detail: String },

    #[error(
        "Ошибка ввода-вывода: не удалось {action}: {source}. Проверьте, что диск доступен и на нём \
         есть свободное место."
    )]
    Io {
        action: String,
        #[source]
        source: std::io::Error,
    },
}

fn size_text(size: u64, exact: bool) -> String {
    if exact {
        human_size(size)
    } else {
        format!("более {}", human_size(size))
    }
}

impl MediaError {
    /// A stable machine-readable code for the error kind.
    pub fn code(&self) -> &'static str {
        match self {
            MediaError::TooLarge { .. } => "too_large",
            MediaError::UnsupportedType { .. } => "unsupported_type",
            MediaError::TypeMismatch { .. } => "type_mismatch",
            MediaError::NotUtf8 { .. } => "bad_encoding",
            MediaError::Empty => "empty",
            MediaError::NotWritable { .. } => "not_writable",
            MediaError::BadHash { .. } => "bad_hash",
            MediaError::NotFound { .. } => "not_found",
            MediaError::Damaged { .. } => "damaged",
            MediaError::Remote { .. } => "object_store",
            MediaError::Io { .. } => "io",
        }
    }

    pub(crate) fn io(action: impl Into<String>, source: std::io::Error) -> Self {
        MediaError::Io {
            action: action.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_large_message_names_sizes_and_class() {
        let err = MediaError::TooLarge {
            size: 120 * 1024 * 1024,
            exact: true,
            limit: 50 * 1024 * 1024,
            class: MediaClass::Image,
        };
        assert!(
            err.to_string()
                .starts_with("Файл слишком большой: 120,0 МБ при пределе 50,0 МБ для изображений."),
            "{err}"
        );
        assert_eq!(err.code(), "too_large");
    }
}
