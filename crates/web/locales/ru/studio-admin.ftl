# The studio's administration: signing in, participants, working groups, the audit log and the
# coordination council's report.

## Signing in, password reset, setting a password

studio-admin-email = Адрес электронной почты
studio-admin-signin-title = Вход в студию
studio-admin-signin-password = Пароль
studio-admin-signin-submit = Войти
studio-admin-signin-forgot = Забыли пароль?
studio-admin-signin-password-saved = Пароль сохранён. Войдите с новым паролем.
studio-admin-signin-signed-out = Вы вышли из студии.
studio-admin-signin-wrong = Неверный адрес почты или пароль. Проверьте раскладку клавиатуры и Caps Lock.
studio-admin-signin-too-many = Слишком много неудачных попыток входа с этого адреса. Подождите 15 минут и попробуйте снова.
studio-admin-signin-email = Укажите адрес электронной почты, с которым вас пригласили.
studio-admin-signin-locked = Вход в эту учётную запись временно заблокирован после нескольких неверных паролей. Попробуйте через { $minutes } мин. или восстановите пароль по почте.
studio-admin-reset-title = Восстановление пароля
studio-admin-reset-sent = Если такой адрес есть среди участников, на него отправлено письмо со ссылкой для нового пароля. Ссылка действует час.
studio-admin-reset-to-sign-in = Ко входу
studio-admin-reset-submit = Прислать ссылку
studio-admin-password-title = Пароль для входа
studio-admin-password-account = Учётная запись:
studio-admin-password-new = Новый пароль
studio-admin-password-hint = Не меньше 10 символов; удобно взять несколько слов подряд.
studio-admin-password-repeat = Пароль ещё раз
studio-admin-password-save = Сохранить пароль
studio-admin-password-mismatch = Пароли не совпадают. Введите один и тот же пароль дважды.
studio-admin-password-short = Пароль слишком короткий: нужно не меньше { $min } символов. Удобно взять несколько слов подряд.
studio-admin-password-long = Пароль слишком длинный: не больше { $max } символов.
studio-admin-password-is-email = Пароль не должен совпадать с адресом почты.

## Participants

studio-admin-users-title = Участники
studio-admin-invite-title = Пригласить участника
studio-admin-invite-intro = Приглашённый получит письмо со ссылкой, по которой задаст пароль. Без настроенного почтового сервера (SMTP) письма сохраняются в каталог данных, в папку
studio-admin-invite-link = Ссылка-приглашение
studio-admin-invite-name = Имя, как его покажут в истории правок
studio-admin-roles = Роли
studio-admin-roles-of = Роли: { $name }
studio-admin-invite-submit = Пригласить
studio-admin-users-all = Все участники
studio-admin-col-name = Имя
studio-admin-col-email = Почта
studio-admin-col-password = Пароль
studio-admin-password-set = задан
studio-admin-password-waiting = ждёт приглашения
studio-admin-roles-save = Сохранить роли
studio-admin-error-email = Укажите адрес электронной почты в виде имя@домен, например volunteer@example.ru.
studio-admin-error-name = Укажите имя участника — так его увидят в истории правок.
studio-admin-error-roles = Отметьте хотя бы одну роль.
studio-admin-error-exists = Участник с адресом { $email } уже есть.
studio-admin-invite-unsent = Участник { $email } добавлен, но письмо с приглашением не отправлено: { $error }. Передайте ему ссылку сами — она действует 7 дней и работает один раз.
studio-admin-error-own-admin = Нельзя снять с себя роль администратора: попросите другого администратора.

studio-admin-role-admin = администратор
studio-admin-role-coordinator = координационный совет
studio-admin-role-group-lead = руководитель рабочей группы
studio-admin-role-expert = эксперт, редактор
studio-admin-role-volunteer = волонтёр
studio-admin-role-teacher = учитель
studio-admin-role-press = пресс-служба
studio-admin-role-psychologist = психолог
studio-admin-role-contributor = житель (автор рассказа)

## Working groups

studio-admin-groups-title = Рабочие группы
studio-admin-group-direction = Направление:
studio-admin-group-direction-label = Направление
studio-admin-group-empty = В группе пока никого нет.
studio-admin-group-responsible = ответственный за направление
studio-admin-group-make-responsible = Назначить ответственным
studio-admin-group-remove = Исключить
studio-admin-group-add-member = Добавить участника
studio-admin-group-add = Добавить
studio-admin-group-new = Новая группа
studio-admin-group-name = Название
studio-admin-group-create = Создать группу
studio-admin-error-group = Укажите название группы и выберите направление.
studio-admin-error-member = Выберите участника.

studio-admin-direction-living-voices = Живые голоса
studio-admin-direction-heroes = Герои
studio-admin-direction-documents = Документы и фотографии
studio-admin-direction-places = Места и памятники
studio-admin-direction-education = Образование
studio-admin-direction-media = Медиа

## The audit log

studio-admin-audit-title = Журнал аудита
studio-admin-audit-intro = Записей: { $total }. Журнал только дополняется: записи нельзя изменить или удалить.
studio-admin-audit-when = Когда
studio-admin-audit-who = Кто
studio-admin-audit-action = Действие
studio-admin-audit-subject = Объект
studio-admin-audit-detail = Подробности
studio-admin-audit-ip = Адрес
studio-admin-audit-pages = Страницы журнала
studio-admin-audit-newer = Новее
studio-admin-audit-older = Старее
studio-admin-audit-page = Страница { $page } из { $pages }

studio-admin-action-sign-in = вход
studio-admin-action-sign-in-failed = неудачный вход
studio-admin-action-sign-out = выход
studio-admin-action-password-set = пароль задан
studio-admin-action-password-reset-requested = запрошено восстановление пароля
studio-admin-action-invite = приглашение
studio-admin-action-roles = смена ролей
studio-admin-action-publish = публикация
studio-admin-action-withdraw = снятие с публикации
studio-admin-action-consent-added = согласие записано
studio-admin-action-consent-withdrawn = согласие отозвано
studio-admin-action-view-private = просмотр персональных данных
studio-admin-action-private-changed = изменение персональных данных
studio-admin-action-project = проект интервью: назначения
studio-admin-action-export = выгрузка
studio-admin-action-group = рабочая группа
studio-admin-action-roadmap = дорожная карта
studio-admin-action-destroy = уничтожение материалов
studio-admin-action-submission-assign = рассказ жителя: назначение
studio-admin-action-submission-edit = рассказ жителя: правка
studio-admin-action-submission-question = рассказ жителя: вопрос отправителю
studio-admin-action-submission-decline = рассказ жителя: отказ
studio-admin-action-submission-publish = рассказ жителя: публикация
studio-admin-action-submission-withdraw = рассказ жителя: отзыв
studio-admin-action-other = другое

## The coordination council's report (the page and its CSV columns)

studio-admin-council-title = Отчёт координационного совета
studio-admin-council-csv-groups = Скачать CSV по группам
studio-admin-council-csv-activities = Скачать CSV по мероприятиям
studio-admin-council-csv-voices = Скачать CSV «Живые голоса»
studio-admin-council-csv-stages = Скачать CSV по этапам интервью
studio-admin-council-print = Для печати воспользуйтесь печатью браузера: меню и формы на бумагу не попадут.
studio-admin-council-filling = Наполнение информационной базы по кварталам
studio-admin-council-filling-caption = Считается по истории правок: кто добавил, проверил (вернул или опубликовал) и опубликовал записи; участник нескольких групп учитывается в каждой.
studio-admin-council-by-activity = По мероприятиям дорожной карты
studio-admin-council-by-activity-none = Пока нечего считать: ни одна запись не добавлена, или мероприятия не связаны с направлениями рабочих групп.
studio-admin-council-by-activity-caption = Мероприятие складывает работу групп тех направлений, что его выполняют; «Наполнение информационной базы» считает каждую запись базы один раз, кто бы её ни добавил.
studio-admin-council-activity = Мероприятие
studio-admin-council-voices = «Живые голоса»: часы записей
studio-admin-council-voices-none = Пока ни одно интервью не записано.
studio-admin-council-voices-caption = Часы считаются по длительности записей связанного интервью и относятся к кварталу того дня, когда проект дошёл до этапа; работа учитывается у интервьюера проекта и в его рабочих группах.
studio-admin-council-h-recorded = Записано, ч
studio-admin-council-h-transcribed = Расшифровано, ч
studio-admin-council-h-indexed = Проиндексировано, ч
studio-admin-council-h-published = Опубликовано, ч
studio-admin-council-stages = Проекты интервью по этапам
studio-admin-council-stages-caption = Сколько проектов сейчас на каждом этапе.
studio-admin-council-projects = Проектов
studio-admin-council-roadmap = Дорожная карта
studio-admin-council-period = Срок:
studio-admin-council-departments = Исполнители:
studio-admin-council-directions = Направления:
studio-admin-council-no-directions = пока не назначены (без них работа по мероприятию не считается)
studio-admin-council-all-base = вся информационная база
studio-admin-council-change-directions = Изменить направления
studio-admin-council-who-carries = Кто выполняет мероприятие «{ $number }»
studio-admin-council-save-directions = Сохранить направления
studio-admin-council-report = Отчёт о мероприятии
studio-admin-council-done = Что сделано
studio-admin-council-report-add = Добавить отчёт
studio-admin-council-no-group = вне групп
studio-admin-council-once = однократно
studio-admin-council-error-activity = Выберите мероприятие дорожной карты.
studio-admin-council-error-report = Укажите квартал в виде 2025-Q1 и текст отчёта.
studio-admin-council-error-no-activity = Такого мероприятия нет в дорожной карте; обновите страницу.

studio-admin-csv-quarter = Квартал
studio-admin-csv-group = Рабочая группа
studio-admin-csv-activity = Мероприятие дорожной карты
studio-admin-csv-added = Добавлено записей
studio-admin-csv-reviewed = Проверено
studio-admin-csv-published = Опубликовано
studio-admin-csv-interviews = Записано интервью
studio-admin-csv-scope = Разрез
studio-admin-csv-who = Кто
studio-admin-csv-hours-recorded = Записано часов
studio-admin-csv-hours-transcribed = Расшифровано часов
studio-admin-csv-hours-indexed = Проиндексировано часов
studio-admin-csv-hours-published = Опубликовано часов
studio-admin-csv-stage = Этап
studio-admin-csv-projects = Проектов интервью

# School excursions (studio/excursions.rs).
studio-nav-excursions = Экскурсии
studio-excursions-title = Экскурсии школ в выставочный зал
studio-excursions-lead = Заявки школ с портала (/excursions). Имя учителя и контакт видны только здесь и стираются, когда день экскурсии прошёл; в отчёте совета остаются число экскурсий и учеников.
studio-excursions-waiting = Ждут ответа
studio-excursions-decided = Решённые
studio-excursions-none = Нет заявок.
studio-excursions-school = Школа, класс
studio-excursions-pupils = Учеников:
studio-excursions-wanted = желаемый день:
studio-excursions-teacher = Учитель:
studio-excursions-visit-on = День экскурсии
studio-excursions-confirm = Подтвердить
studio-excursions-decline = Отказать
studio-excursions-status = Решение
studio-excursions-contact = Учитель и контакт
studio-excursions-confirmed-for = подтверждена на
studio-excursions-declined = отказано
studio-excursions-erased = стёрты после экскурсии
studio-excursions-error-date = Укажите день экскурсии — сегодня или позже.
studio-admin-council-excursions = Экскурсии школ (мероприятие 11)
studio-admin-council-excursions-none = Подтверждённых экскурсий пока нет.
studio-admin-council-excursions-caption = Подтверждённые экскурсии в выставочный зал по кварталу дня экскурсии
studio-admin-council-excursions-visits = Экскурсий
studio-admin-council-excursions-pupils = Учеников
studio-admin-council-media = Публикации о проекте (мероприятия 4 и 7)
studio-admin-council-media-none = В медиаплане пока нет публикаций.
studio-admin-council-media-caption = Медиаплан пресс-службы по кварталу выхода: запланировано, вышло (со ссылкой) и охват вышедших
studio-admin-council-media-planned = Запланировано
studio-admin-council-media-out = Вышло
studio-admin-council-media-reach = Охват
