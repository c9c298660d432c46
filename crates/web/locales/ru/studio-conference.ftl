# The programme committee's desk (issue #18): `/studio/conference` and a paper's page.
studio-nav-conference = Конференция
studio-conference-title = Конференция: программный комитет
studio-conference-public = Страница конференции на портале
studio-conference-papers = Доклады
studio-conference-papers-none = Подтверждённых заявок пока нет.
studio-conference-settings = Приглашение и даты конференции
studio-conference-not-saved = Не сохранено:
studio-conference-name = Название
studio-conference-slug = Код конференции
studio-conference-slug-hint = Латиница, цифры, дефисы, например chteniya-2027. Новый код — новая конференция: она станет текущей, если начинается позже.
studio-conference-starts = Первый день
studio-conference-ends = Последний день
studio-conference-deadline = Последний день приёма докладов
studio-conference-place = Место проведения
studio-conference-organizers = Организаторы
studio-conference-call = Текст приглашения (абзацы через пустую строку)
studio-conference-sections = Секции
studio-conference-sections-hint = По одной в строке: код | название | зал, например: front | Фронт и тыл | Читальный зал.
studio-conference-save = Сохранить
studio-conference-error-starts = Укажите первый день конференции.
studio-conference-error-ends = Укажите последний день конференции.
studio-conference-error-deadline = Укажите последний день приёма докладов.
studio-paper-title = Доклад № { $number }
studio-paper-title-col = Доклад
studio-paper-section = Секция
studio-paper-status = Состояние
studio-paper-reviews = Рецензии
studio-paper-mean = Средняя оценка
studio-paper-slot = В программе
studio-paper-in-proceedings = в трудах
studio-paper-status-unconfirmed = не подтверждён
studio-paper-status-submitted = ждёт рецензентов
studio-paper-status-in_review = на рецензии
studio-paper-status-accepted = принят
studio-paper-status-declined = отклонён
studio-paper-status-withdrawn = отозван автором
studio-paper-sent = Заявка
studio-paper-authors = Авторы
studio-paper-email = Почта
studio-paper-when = Прислан
studio-paper-file = Текст
studio-paper-abstract = Аннотация
studio-paper-reviews-title = Рецензии
studio-paper-reviews-none = Рецензенты ещё не назначены.
studio-paper-reviewer = Рецензент
studio-paper-score = Оценка (1–5)
studio-paper-recommendation = Рекомендация
studio-paper-comment = Комментарий
studio-paper-review-waiting = рецензия ожидается
studio-paper-recommend-accept = принять
studio-paper-recommend-revise = принять после доработки
studio-paper-recommend-decline = отклонить
studio-paper-assign = Назначить рецензента
studio-paper-assign-button = Назначить
studio-paper-my-review = Моя рецензия
studio-paper-review-save = Сохранить рецензию
studio-paper-decision = Решение
studio-paper-decision-lead = Решение окончательное: автор получит письмо с текстом, который вы оставите ниже.
studio-paper-accept = Принять доклад
studio-paper-decline = Отклонить доклад
studio-paper-letter-accept-label = Письмо автору, если доклад принят
studio-paper-letter-decline-label = Письмо автору, если доклад отклонён
studio-paper-decide = Принять решение и отправить письмо
studio-paper-programme = Место в программе
studio-paper-day = День
studio-paper-day-none = — не в программе —
studio-paper-start = Начало
studio-paper-end = Конец
studio-paper-schedule = Поставить в программу
studio-paper-proceedings = Труды конференции
studio-paper-published = Доклад опубликован в трудах:
studio-paper-publish-lead = Доклад станет документом информационной базы: с текстом в PDF, аннотацией, авторами и записями, о которых он рассказывает. Его найдёт поиск по сайту.
studio-paper-publish-authors = Авторы в базе
studio-paper-publish-authors-hint = Номера или адреса записей людей или организаций, по одной в строке, например «№ 12» или /organizations/shkola-5. Можно оставить пустым: имена авторов всё равно войдут в описание.
studio-paper-publish-records = О чём доклад
studio-paper-publish-records-hint = Номера или адреса записей, о которых рассказывает доклад: герои, места, события, документы.
studio-paper-publish = Опубликовать в трудах
studio-paper-log = История заявки
studio-paper-event-submitted = прислан
studio-paper-event-confirmed = адрес подтверждён автором
studio-paper-event-assigned = назначен рецензент
studio-paper-event-reviewed = рецензия
studio-paper-event-accepted = принят
studio-paper-event-declined = отклонён
studio-paper-event-letter = автору отправлено письмо
studio-paper-event-scheduled = место в программе
studio-paper-event-published = опубликован в трудах, запись №
studio-paper-error-reviewer = Выберите рецензента из членов комитета.
studio-paper-error-review = Поставьте оценку от 1 до 5 и выберите рекомендацию.
studio-paper-error-decision = Выберите: принять доклад или отклонить.
studio-paper-error-slot = Укажите день, время начала и конца доклада (или оставьте всё пустым, чтобы убрать из программы).
studio-paper-error-overlap = В это время в секции уже стоит доклад № { $number } «{ $title }».
studio-paper-error-not-accepted = В труды входят только принятые доклады.
studio-paper-error-published = Доклад уже опубликован в трудах.
studio-paper-error-author = «{ $what }» — не запись человека или организации в базе. Укажите номер записи, например «№ 12».
studio-paper-error-record = Запись «{ $what }» не найдена. Укажите номер или адрес записи.
studio-paper-letter-accept =
    Здравствуйте, { $authors }!

    Программный комитет конференции «{ $conference }» принял ваш доклад «{ $title }» (заявка № { $number }). Время выступления мы сообщим отдельно; программа будет опубликована на странице конференции.

    Спасибо за вашу работу!
studio-paper-letter-decline =
    Здравствуйте, { $authors }!

    Благодарим вас за доклад «{ $title }» (заявка № { $number }). К сожалению, программный комитет конференции «{ $conference }» не смог включить его в программу.

    Мы будем рады вашим материалам в информационной базе музея и на следующих конференциях.
studio-notice-conference-saved = Конференция сохранена.
studio-notice-paper-assigned = Рецензент назначен.
studio-notice-paper-reviewed = Рецензия сохранена.
studio-notice-paper-decided = Решение принято, письмо автору отправлено.
studio-notice-paper-decided-unsent = Решение принято, но письмо автору не ушло: напишите ему сами.
studio-notice-paper-scheduled = Программа обновлена.
studio-notice-paper-published = Доклад опубликован в трудах конференции.
