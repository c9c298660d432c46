# The studio: the frame, navigation and notices shared by every page.

## The frame of every studio page

studio-name = Студия
studio-title-suffix = студия
studio-skip = Перейти к содержанию
studio-portal = Портал
studio-sign-out = Выйти
studio-sections = Разделы студии
studio-nav-mine = Что ждёт меня
studio-nav-groups = Рабочие группы
studio-nav-narrators = Рассказчики
studio-nav-projects = Проекты интервью
studio-nav-guides = Опросники
studio-nav-contributions = Рассказы жителей
studio-nav-council = Отчёт совета
studio-nav-users = Участники
studio-nav-audit = Журнал аудита
studio-language = Язык интерфейса

## Lists of records in the studio

studio-kind-plural-person = Люди
studio-kind-plural-interview = Интервью
studio-kind-plural-item = Предметы и документы
studio-kind-plural-place = Места
studio-kind-plural-event = События
studio-kind-plural-organization = Организации
studio-kind-plural-story = Экспозиции
studio-kind-plural-collection = Подборки
studio-kind-plural-source = Источники

## One-line notices after an action (`?done=<code>`)

studio-notice-saved = Сохранено.
studio-notice-created = Запись создана: это черновик. Его видят только участники рабочих групп.
studio-notice-submitted = Отправлено на проверку.
studio-notice-published = Опубликовано.
studio-notice-returned = Возвращено автору на доработку.
studio-notice-withdrawn = Снято с публикации.
studio-notice-commented = Комментарий добавлен.
studio-notice-assigned = Проверяющий назначен.
studio-notice-related = Связь добавлена.
studio-notice-unrelated = Связь удалена.
studio-notice-restored = Версия восстановлена как новая правка.
studio-notice-consent = Согласие записано.
studio-notice-consent-withdrawn = Согласие отозвано; то, что оно открывало, закрыто.
studio-notice-transcript-imported = Файл загружен: расшифровка (и оглавление, если оно было в файле) заменены. Прежние видны в истории правок.
studio-notice-destroyed = Материалы интервью уничтожены; запись об этом — в комментариях и журнале аудита.
studio-notice-narrator-withdrawn = Интервью отозвано: оно и сведения о рассказчике сняты со всех публичных страниц, из поиска и выдачи; отзыв записан в журнал.
studio-notice-invited = Приглашение отправлено.
studio-notice-roles = Роли изменены.
studio-notice-group = Группа сохранена.
studio-notice-report = Отчёт добавлен.
studio-notice-narrator = Рассказчик сохранён.
studio-notice-private = Закрытые данные рассказчика сохранены.
studio-notice-project = Проект сохранён.
studio-notice-ticks = Отметки сохранены.
studio-notice-moved = Этап проекта записан.
studio-notice-support = Заметка добавлена. Её видят только координаторы, интервьюер и психолог проекта.
studio-notice-distress = Заметка добавлена; психологу поставлена задача и отправлено письмо.
studio-notice-distress-nobody = Заметка добавлена, но сообщить некому: у проекта нет психолога, а в студии нет координаторов. Назначьте психолога.
studio-notice-distress-unsent = Заметка добавлена и задача поставлена, но письмо не отправлено: предупредите психолога сами.
studio-notice-task = Задача отмечена как выполненная.
studio-notice-guide = Опросник сохранён: это его новая версия.
studio-notice-unchanged = Ничего не изменилось: новая версия не создана.
studio-notice-taken = Рассказ ваш: он на модерации.
studio-notice-asked = Вопрос отправлен; рассказ ждёт ответа.
studio-notice-asked-unsent = Вопрос записан, но письмо не ушло: отправитель увидит вопрос на странице своего рассказа.
studio-notice-declined = Рассказ отклонён; отправителю ушло письмо с причиной.
studio-notice-declined-unsent = Рассказ отклонён, но письмо не ушло: отправитель увидит причину на странице своего рассказа.
studio-notice-submission-published = Опубликовано: рассказ семьи стоит рядом с биографией; отправителю ушло письмо.
studio-notice-submission-published-unsent = Опубликовано, но письмо не ушло: отправитель увидит это на странице своего рассказа.
studio-notice-submission-withdrawn = Рассказ отозван: опубликованное закрыто, поля записи о человеке восстановлены, слова и фотографии семьи стёрты.
studio-table-region = Таблица; на узком экране её можно прокрутить вбок
