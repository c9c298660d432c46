# The page of a record: labels of facts, section headings, media.

content-note-lead = Обратите внимание.
section-transcript = Расшифровка
section-biography = Биография
section-health = Ранения и здоровье
section-summary = Кратко
section-description = Описание
section-transcription = Расшифровка текста
section-lead = Вступление
section-citation = Библиографическое описание
group-sources = Источники
group-contents = Содержание записи
group-files = Файлы
group-members = В подборке
audio-unsupported = Ваш браузер не может проиграть запись.
audio-download = Скачать запись
video-unsupported = Ваш браузер не может показать видеозапись.
video-download = Скачать видеозапись
part-withheld = Эта часть записи закрыта по просьбе рассказчика; в расшифровке ниже закрытые места отмечены.
captions-russian = Русский
recording = Запись
recording-part = Часть { $n }
file = Файл
story-fragment = фрагмент { $start }–{ $end }
summary-recorded = записано: { $date }

field-recorded = Дата записи
field-interviewers = Записали
field-duration = Продолжительность
field-item-type = Вид
field-date = Дата
field-holder = Где хранится оригинал
field-provenance = Происхождение
field-rights = Права
field-type = Тип
field-other-names = Другие названия
field-district = Район
field-coordinates = Координаты
field-active = Годы существования
field-authors = Авторы
field-lesson = Для урока
field-source-type = Вид источника
field-archive-reference = Архивный шифр
field-url = Адрес в интернете
field-database-record = Запись в базе данных

# Under a group of ties the page shows only the start of («Родились здесь»).
relation-more = { $count ->
    [one] Всего { $count } запись, здесь первые { $shown }.
    [few] Всего { $count } записи, здесь первые { $shown }.
   *[many] Всего { $count } записей, здесь первые { $shown }.
}
relation-more-link = Все — в каталоге

# On a person's (place's, event's) page: the moments of interviews whose index mentions them.
group-voice-fragments = В воспоминаниях «Живых голосов»
