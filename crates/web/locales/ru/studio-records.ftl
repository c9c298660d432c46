# The studio's record pages: the forms of every kind, the edit page, lists, the dashboard and
# the edit history (studio/edit/, form.rs, workflow.rs, history.rs, …). Russian first.


## The record forms: field labels and hints (studio/form.rs)

studio-field-surname = Фамилия
studio-field-given-name = Имя
studio-field-patronymic = Отчество
studio-field-maiden = Фамилия при рождении
studio-hint-maiden = Если менялась (например, после замужества).
studio-field-variants = Другие написания
studio-hint-variants = По одному в строке, как встречаются в источниках.
studio-field-sex = Пол
studio-field-birth = Дата рождения
studio-hint-edtf = Дата в формате EDTF: 1941-11-23, 1942-03~ (около марта 1942), 1943? (возможно 1943), 1941/1945, 194X.
studio-field-death = Дата смерти
studio-field-birth-place = Место рождения (как в документах)
studio-field-living = Жив ли человек
studio-hint-living = Живой человек публикуется только с его согласием на распространение персональных данных.
studio-field-fate = Судьба
studio-field-rank = Звание
studio-field-unit = Часть
studio-field-drafted = Призван
studio-hint-drafted = Военкомат и дата, например «Химкинский РВК, 23.06.1941».
studio-field-awards = Награды
studio-hint-awards = По одной в строке.
studio-field-biography = Биография
studio-field-health = Ранения, здоровье
studio-hint-health = Показываются публично только при отдельном согласии на сведения о здоровье.
studio-field-sources = Источники
studio-hint-sources = По одному источнику в строке: текст ссылки | лист или страница | № записи источника в базе (необязательно), например «ЦАМО, ф. 58, оп. 18001, д. 1 | л. 5 | 12».
studio-field-memorial-refs = Номера в ОБД «Мемориал», «Память народа», «Подвиг народа»
studio-hint-memorial-refs = По одному в строке: база и номер записи, например «Мемориал 56789012» или «Память народа 1234567».
studio-field-portrait = Портрет
studio-hint-portrait = Фотография человека.
studio-field-still = Кадр записи
studio-hint-still = Фотография со встречи или кадр видеозаписи: она показывается в списках и в поиске. На ней рассказчик, поэтому на портале она видна, только если в согласии рассказчика есть «фотографии», и никогда — при псевдониме.
studio-field-name = Название
studio-field-place-type = Тип места
studio-field-district = Микрорайон
studio-hint-district = Например: Сходня, Левобережный, Подрезково, Новогорск.
studio-field-lat = Широта
studio-hint-lat = Десятичные градусы, например 55.8897.
studio-field-lon = Долгота
studio-hint-lon = Десятичные градусы, например 37.4439.
studio-field-description = Описание
studio-field-image = Изображение
studio-field-title = Название
studio-field-event-type = Тип события
studio-field-event-date = Дата или период
studio-field-item-type = Вид
studio-field-item-date = Дата
studio-field-transcription = Расшифровка рукописного текста
studio-field-holder = Где хранится оригинал
studio-field-provenance = Происхождение
studio-hint-provenance = Откуда предмет поступил в музей.
studio-field-rights = Права
studio-field-media = Файлы
studio-hint-media = Сканы, фотографии, записи.
studio-field-org-type = Тип
studio-field-active = Годы существования
studio-field-summary = Краткое содержание
studio-field-narrator-deceased = Рассказчик умер
studio-hint-narrator-deceased = Отметьте, если рассказчика нет в живых: тогда для публикации нужно согласие наследников или решение о публичном интересе.
studio-field-interviewers = Интервьюеры
studio-hint-interviewers = По одному в строке.
studio-field-recorded = Дата записи
studio-field-recordings = Записи интервью
studio-hint-recordings = Аудио- или видеофайлы, по одному на часть, в порядке частей. Подпись — название части («Часть 1, детство»).
studio-field-language = Язык
studio-hint-language = Код языка, например ru.
studio-field-transcript = Расшифровка
studio-hint-transcript = Каждая реплика начинается с отметки времени в начале строки, например «[00:12:31] Мария Ивановна: Мы жили у станции». Неясное место: «[неразборчиво 00:12:31]». Отметка одна в строке — конец реплики или пауза. Клавиши в этом поле: Ctrl+Пробел — пуск и пауза, Ctrl+← — на 5 секунд назад, Ctrl+↓ — медленнее или обычная скорость, Ctrl+Enter — вставить текущее время, Ctrl+U — отметить неразборчивое место.
studio-field-segments = Оглавление (индекс)
studio-hint-segments = Фрагмент — абзац: первая строка «[00:12:30] Название», затем поля по одному в строке: «Начало: первые слова», «Кратко: о чём», «Ключевые слова: …; …», «Темы: …; …», «Упоминаются: №12, №45» (люди, места, события базы — их страницы покажут этот момент), «Место: 55.8897, 37.4449 Станция Химки», «Ссылка: https://… текст». Пустая строка начинает следующий фрагмент.
studio-field-pseudonym = Псевдоним рассказчика
studio-hint-pseudonym = Если рассказчик просил не называть его: псевдоним заменит имя везде в портале, а интервью не будет связано с его карточкой.
studio-field-redactions = Закрытые фрагменты записи
studio-hint-redactions = По одному в строке: начало–конец по общему времени интервью и причина (её видит только музей), например «0:12:30–0:14:05 семейное». Эти места не звучат, не видны в расшифровке и не находятся поиском.
studio-field-narrator-approved = Одобрено рассказчиком
studio-hint-narrator-approved = Дата, когда рассказчик (или наследники) одобрил запись и расшифровку, ГГГГ-ММ-ДД. Без неё интервью не публикуется.
studio-field-lead = Вступление
studio-field-authors = Авторы
studio-field-cover = Обложка
studio-field-blocks = Текст рассказа
studio-hint-blocks = Пустая строка начинает новый абзац. «## » в начале строки — заголовок; «> » — цитата, а строка «> — Имя (№12)» под ней — кто сказал. Отдельной строкой: [иллюстрация 1] (номер файла из списка ниже; можно добавить номер предмета: [иллюстрация 1 №45]), [интервью №7 0:12:30–0:14:05] — фрагмент воспоминаний, [карта №3, №8] — места на карте, [запись №12] — карточка записи.
studio-field-illustrations = Иллюстрации к тексту
studio-hint-illustrations = Загрузите фотографии и вставьте каждую в текст строкой [иллюстрация N]; файл, не упомянутый в тексте, встанет в конец рассказа.
studio-field-lesson = Для урока
studio-hint-lesson = Как использовать подборку на уроке.
studio-field-members = Записи подборки
studio-hint-members = Номера записей, по одному в строке (номер виден в адресе записи).
studio-field-source-type = Тип
studio-field-archive = Архив
studio-field-fund = Фонд
studio-field-inventory = Опись
studio-field-file = Дело
studio-field-url = Адрес в интернете
studio-field-citation = Библиографическое описание

## The choices of select fields

studio-option-sex-none = не указан
studio-option-sex-male = мужской
studio-option-sex-female = женский
studio-option-fate-none = не указана
studio-option-fate-returned = вернулся с фронта
studio-option-fate-killed = погиб
studio-option-fate-missing = пропал без вести
studio-option-fate-died-of-wounds = умер от ран
studio-option-fate-died-in-captivity = погиб в плену
studio-option-fate-survived = пережил войну
studio-option-living-none = определить по датам и судьбе
studio-option-living-true = жив(а)
studio-option-living-false = умер(ла)
studio-option-place-type-settlement = населённый пункт
studio-option-place-type-street = улица
studio-option-place-type-factory = завод
studio-option-place-type-hospital = госпиталь
studio-option-place-type-school = школа
studio-option-place-type-station = станция
studio-option-place-type-defence-line = рубеж обороны
studio-option-place-type-memorial = памятник
studio-option-place-type-cemetery = захоронение
studio-option-place-type-airfield = аэродром
studio-option-place-type-other = другое
studio-option-event-type-battle = бой, сражение
studio-option-event-type-evacuation = эвакуация
studio-option-event-type-air-raid = авианалёт
studio-option-event-type-production = производство
studio-option-event-type-mobilization = мобилизация
studio-option-event-type-liberation = освобождение
studio-option-event-type-commemoration = памятное событие
studio-option-event-type-other = другое
studio-option-item-type-photo = фотография
studio-option-item-type-letter = письмо
studio-option-item-type-document = документ
studio-option-item-type-newspaper = газета
studio-option-item-type-artifact = предмет
studio-option-item-type-drawing = рисунок
studio-option-item-type-audio = аудиозапись
studio-option-item-type-video = видеозапись
studio-option-org-type-military-unit = воинская часть
studio-option-org-type-militia = ополчение
studio-option-org-type-partisan-unit = партизанский отряд
studio-option-org-type-factory = завод
studio-option-org-type-school = школа
studio-option-org-type-hospital = госпиталь
studio-option-org-type-administration = орган власти
studio-option-org-type-other = другое
studio-option-source-type-archive = архив
studio-option-source-type-database = база данных
studio-option-source-type-publication = публикация
studio-option-source-type-website = сайт
studio-option-source-type-oral = устное свидетельство
studio-option-source-type-family = семейный архив
studio-option-access-public = открытый доступ (после публикации)
studio-option-access-registered = для зарегистрированных
studio-option-access-staff = только для сотрудников


## The edit page (templates/studio/edit.html)

studio-edit-history = история правок
studio-edit-preview = как видит посетитель
studio-edit-on-portal = на портале
studio-edit-closed = не видна посетителям: { $reason }
studio-edit-version = версия { $version }
studio-edit-conflict-title = Запись изменили, пока вы её редактировали.
studio-edit-summary-title = Запись не сохранена: исправьте ошибки
studio-edit-read-only = Запись опубликована: изменить её может эксперт или руководитель группы. Если нужна правка, напишите комментарий.
studio-media-alt = Описание изображения для незрячих
studio-media-caption = Подпись
studio-media-remove = Убрать файл
studio-media-no-script = Загрузка файлов работает при включённом JavaScript.
studio-edit-part = Часть { $part }
studio-settings-summary = Доступ, возраст, запрет на публикацию
studio-settings-access = Доступ
studio-settings-age = Возрастная маркировка
studio-settings-embargo = Не публиковать до (ГГГГ-ММ-ДД)
studio-settings-note = Предупреждение о содержании
studio-settings-tags = Метки через запятую
studio-workflow-title = Проверка и публикация
studio-workflow-none = Других действий с записью у вас нет.
studio-workflow-note = Комментарий к действию (необязательно)
studio-reviewer = Проверяющий
studio-reviewer-any = любой эксперт
studio-reviewer-assign = Назначить
studio-comments = Комментарии
studio-comments-none = Комментариев нет.
studio-comment-new = Новый комментарий
studio-comment-add = Добавить комментарий
studio-relations = Связи
studio-relations-none = Связей пока нет.
studio-relation-delete = Удалить связь
studio-relation-type = Вид связи
studio-relation-target = С какой записью
studio-relation-target-hint = Начните вводить название и выберите из подсказок, или укажите номер записи, например №12.
studio-record-note = Примечание
studio-relation-add = Добавить связь
studio-files-title = Файлы расшифровки и оглавления
studio-files-download = Скачать полную версию для музея (с закрытыми фрагментами; каждое скачивание записывается в журнал):
studio-files-txt = текст с отметками времени
studio-files-ohms = OHMS XML (оглавление)
studio-import-format = Формат
studio-import-auto = определить по содержимому
studio-import-txt = текст с отметками [чч:мм:сс]
studio-import-ohms = OHMS XML (оглавление и расшифровка)
studio-import-file = Файл
studio-import-content = Или вставьте текст файла
studio-import-hint = Загрузка заменит расшифровку (а файл OHMS — и оглавление); прежняя останется в истории правок. Ошибка в файле называет строку и ничего не меняет.
studio-import-submit = Загрузить
studio-withdrawal-title = Отзыв интервью рассказчиком
studio-withdrawal-hint = Одно действие снимает интервью и сведения о рассказчике со всех публичных страниц, из поиска, лент, карты сайта и выдачи: интервью и карточка рассказчика переходят в «снято с публикации», все их согласия отзываются. Кто и когда отозвал, записывается в журнал.
studio-withdrawal-by = Кто попросил отозвать
studio-withdrawal-on = Дата обращения (ГГГГ-ММ-ДД)
studio-withdrawal-disposition = Что делать с материалами
studio-withdrawal-archive = хранить в закрытом архиве музея
studio-withdrawal-destroy = уничтожить в установленный срок
studio-withdrawal-until = Уничтожить до (ГГГГ-ММ-ДД), если выбрано уничтожение
studio-withdrawal-submit = Отозвать интервью
studio-destroy-title = Уничтожение материалов
studio-destroy-hint = Когда отзыв требует уничтожить материалы, это делается здесь: записи, их публичные копии, расшифровка и оглавление стираются из записи и из всей истории правок, файлы удаляются из хранилища. Восстановить их будет нельзя. Кто и когда уничтожил, записывается в журнал.
studio-destroy-grounds = Основание (например, отзыв от 25.11.2026, срок по 152-ФЗ)
studio-destroy-confirm = Понимаю: записи и расшифровку нельзя будет восстановить
studio-destroy-submit = Уничтожить материалы
studio-consents = Согласия
studio-consents-hint = Сведения о том, кто дал согласие, — персональные данные: каждый их просмотр записывается в журнал аудита.
studio-consents-none = Согласий нет.
studio-consent-signed = подписано { $date }
studio-consent-until = действует до { $date }
studio-consent-allows = публиковать можно: { $scope }
studio-consent-bans = запреты и условия: { $bans }
studio-consent-scan = скан
studio-consent-withdrawn = отозвано
studio-consent-inactive = не действует
studio-consent-withdraw = Отозвать
studio-consent-kind = Вид
studio-consent-by = Кто дал согласие или принял решение
studio-consent-signed-on = Дата подписания (ГГГГ-ММ-ДД)
studio-consent-valid-until = Действует до (необязательно)
studio-consent-scope = Что можно публиковать (как в подписанном документе). Согласие на распространение без отметок не записывается; для других видов без отметок — без ограничений
studio-consent-scope-unlisted = без ограничений: документ не перечисляет сведения
studio-consent-bans-label = Запреты и условия, через запятую
studio-consent-representative = Если подписал представитель — кто
studio-consent-authority = Документ о полномочиях представителя
studio-consent-document = Скан подписанного согласия (PDF или фото)
studio-consent-add = Записать согласие
studio-media-drop-many = Перетащите файлы сюда или
studio-media-drop-one = Перетащите файл сюда или
studio-media-choose = выберите на компьютере
studio-edit-save = Сохранить
studio-edit-create = Создать черновик


## The list of one kind's records

studio-list-add = Добавить
studio-list-search = Название или имя содержит
studio-list-state = Состояние
studio-list-show = Показать
studio-list-found = Найдено: { $count }.
studio-list-pages = Страницы списка
studio-list-previous = Назад
studio-list-page = Страница { $page } из { $pages }
studio-list-next = Дальше

## Record tables (lists and the dashboard)

studio-rows-record = Запись
studio-rows-changed = Изменена

## «Что ждёт меня»: the dashboard

studio-dashboard-add-person = Добавить человека
studio-dashboard-add-place = Добавить место
studio-dashboard-add-item = Добавить документ или фото
studio-dashboard-add-interview = Добавить интервью
studio-dashboard-tasks = Мои задачи
studio-dashboard-since = с { $date }
studio-dashboard-to-project = к проекту
studio-dashboard-done = Выполнено
studio-dashboard-interviews = Мои интервью
studio-dashboard-returned = Вернули на доработку
studio-dashboard-returned-none = Ничего не вернули.
studio-dashboard-returned-caption = Записи, которые проверяющий вернул вам
studio-dashboard-queue = Очередь модерации
studio-dashboard-review = Ждут моей проверки
studio-dashboard-review-none = Проверять нечего.
studio-dashboard-review-caption = Отправлены на проверку другими участниками
studio-dashboard-drafts = Мои черновики
studio-dashboard-drafts-none = Черновиков нет.
studio-dashboard-drafts-caption = Черновики, которые вы начали или правили
studio-dashboard-group = Моя группа в этом квартале ({ $quarter })
studio-dashboard-no-group = Вы пока не состоите в рабочей группе.
studio-dashboard-submissions-none = Новых рассказов нет.
studio-dashboard-submissions-waiting = Ждут решения:
studio-dashboard-col-group = Группа
studio-dashboard-col-added = Добавлено
studio-dashboard-col-reviewed = Проверено
studio-dashboard-col-published = Опубликовано
studio-dashboard-col-interviews = Интервью

## The edit history of a record

studio-history-back = К записи
studio-history-note = Комментарий: { $note }
studio-history-restore = Восстановить эту версию
studio-history-field = Поле
studio-history-before = Было
studio-history-after = Стало


## Problems with what was typed (studio/form.rs)

studio-error-in-field = { $field }: { $problem }
studio-error-edtf = не дата в формате EDTF. Примеры: 1941-11-23, 1942-03~, 1943?, 1941/1945, 194X.
studio-error-choose = { $field }: выберите значение из списка.
studio-error-number = { $field }: нужно число, например 55.8897.
studio-error-not-source = { $field }: «{ $value }» — не номер записи источника.
studio-error-not-record = { $field }: «{ $value }» — не номер записи.
studio-error-one-file = { $field }: здесь можно только один файл.
studio-error-not-av = { $field }: нужен звуковой или видеофайл, а этот — { $mime }.
studio-error-database-line = Номера в базах, строка { $line }: { $problem }
studio-error-day = { $field }: «{ $value }» — не дата; напишите её в виде 2025-03-14.
studio-error-field-line = { $field }, строка { $line }: { $problem }
studio-error-file-missing = { $field }: файл не найден среди загруженных; загрузите его ещё раз.
studio-error-form = Форма заполнена неверно; проверьте поля и сохраните ещё раз.
studio-error-access = Доступ: выберите значение из списка.
studio-error-age = Возрастная маркировка: выберите 0+, 6+, 12+, 16+ или 18+.
studio-error-embargo = Запрет на публикацию до: укажите дату в виде ГГГГ-ММ-ДД, например 2030-01-01.
studio-error-database-name = «{ $line }»: назовите базу — «Мемориал», «Память народа» или «Подвиг народа» — и номер записи.
studio-error-database-number = «{ $line }»: после названия базы нужен номер записи — цифры, например «{ $database } 56789012».
studio-database-memorial = Мемориал
studio-database-pamyat-naroda = Память народа
studio-database-podvig-naroda = Подвиг народа

## States, kinds of consent, what a consent allows, why a record is closed

studio-workflow-draft = черновик
studio-workflow-in-review = на проверке
studio-workflow-published = опубликовано
studio-workflow-withdrawn = снято
studio-consent-kind-processing = согласие на обработку персональных данных
studio-consent-kind-publication = согласие на распространение персональных данных
studio-consent-kind-release = передача прав на запись
studio-consent-kind-heirs = согласие наследников
studio-consent-kind-public-interest = решение о публичном интересе
studio-consent-kind-health = согласие на публикацию сведений о здоровье
studio-consent-kind-informed = информированное согласие на запись интервью
studio-consent-scope-all = без ограничений
studio-scope-name = ФИО
studio-scope-years = годы жизни
studio-scope-full-dates = полные даты рождения и смерти
studio-scope-birth-place = место рождения
studio-scope-biography = биография
studio-scope-photo = фотографии
studio-scope-service = служба (звание, часть, призыв)
studio-scope-fate = судьба
studio-scope-awards = награды
studio-scope-recording = аудиозапись (голос)
studio-scope-transcript = расшифровка и указатель
studio-scope-family-story = рассказ семьи
studio-closure-not-published = запись не опубликована
studio-closure-withdrawn = запись снята с публикации
studio-closure-no-consent = нет действующего согласия на распространение персональных данных (или решения о публичном интересе)
studio-closure-restricted = доступ ограничен
studio-closure-embargoed = действует запрет на публикацию до указанной даты
studio-access-level-public = открытый доступ
studio-access-level-registered = для зарегистрированных
studio-access-level-staff = только для сотрудников
studio-access-level-groups = только для отдельных рабочих групп
studio-preview-embargo = она закрыта до { $date }

## The edit page: its title, workflow actions, conflicts and autosave

studio-untitled = (без названия)
studio-new-title = Новая запись: { $kind }
studio-action-submit = Отправить на проверку
studio-action-publish = Опубликовать
studio-action-return = Вернуть на доработку
studio-action-withdraw = Снять с публикации
studio-action-to-draft = Вернуть в черновик
studio-action-resubmit = Снова на проверку
studio-edit-withheld = Часть { $part } ({ $mime }) в портале не звучит: в ней есть закрытые фрагменты, а заглушить их можно только в несжатой записи WAV. Расшифровка и остальные части публикуются как обычно.
studio-edit-conflict = Запись уже изменил кто-то другой (версия { $actual }, а вы редактировали версию { $expected }). Обновите страницу, чтобы увидеть новую версию, и внесите правку ещё раз.
studio-edit-conflict-kept = Ваш текст сохранён в форме ниже: сравните его с текущей версией (откройте запись в новой вкладке) и нажмите «Сохранить» ещё раз, чтобы записать свою правку поверх.
studio-autosave-drafts-only = Автосохранение работает только для черновиков.
studio-autosave-saved = Черновик сохранён в { $time }.
studio-autosave-problems = Черновик не сохранён: в форме есть ошибки. Нажмите «Сохранить», чтобы увидеть их.
studio-relation-error-type = Выберите вид связи из списка.
studio-relation-error-target = Выберите запись из подсказок или укажите её номер, например №12.
studio-relation-error-missing = Записи №{ $number } нет или она вам недоступна.
studio-list-state-all = все

## Refusals of workflow steps and consents (studio/workflow.rs)

studio-refusal-not-approved = Нельзя опубликовать интервью: рассказчик (а если его нет в живых — наследники) ещё не одобрил запись и расшифровку. Когда одобрит, укажите дату в поле «Одобрено рассказчиком» и сохраните.
studio-refusal-living = Нельзя опубликовать: человек может быть жив, а действующего согласия на распространение его персональных данных (152-ФЗ, ст. 10.1) нет. Запишите согласие ниже, в разделе «Согласия», или отметьте в форме, что человек умер, если это подтверждено.
studio-refusal-deceased = Нельзя опубликовать: для умершего человека нужно согласие наследников или решение рабочей группы о публичном интересе. Запишите его ниже, в разделе «Согласия».
studio-refusal-empty-comment = Комментарий пуст: напишите, что нужно поправить.
studio-step-not-allowed = Нельзя перевести запись из состояния «{ $from }» в «{ $to }».
studio-step-own-work = Нельзя опубликовать собственную правку: её должен проверить другой участник рабочей группы.
studio-consent-error-kind = Выберите вид согласия.
studio-consent-error-signed = Укажите дату подписания в виде ГГГГ-ММ-ДД.
studio-consent-error-until = Срок действия: укажите дату в виде ГГГГ-ММ-ДД или оставьте пустым.
studio-consent-error-scope = Отметьте, какие сведения согласие позволяет публиковать, или «без ограничений», если документ их не перечисляет.
studio-consent-error-by = Укажите, кто дал согласие или принял решение.
studio-consent-error-document = Скан согласия не найден среди загруженных файлов или это не PDF и не изображение; загрузите его ещё раз.
studio-consent-error-representative = Если согласие подписал представитель, укажите и его, и документ о его полномочиях (например, «доверенность № 12 от 01.02.2025»).

## Withdrawal by the narrator, destruction, transcript import (withdrawal.rs, transcript_files.rs)

studio-withdrawal-error-by = Отзыв не записан: укажите, кто попросил отозвать интервью (рассказчик или его представитель).
studio-withdrawal-error-on = Отзыв не записан: укажите дату обращения в виде 2025-03-14.
studio-withdrawal-error-until = Отзыв не записан: укажите, до какой даты уничтожить материалы (не раньше даты обращения), в виде 2025-03-14.
studio-destroy-error-not-withdrawn = Уничтожить материалы можно только у отозванного интервью: сначала оформите отзыв.
studio-destroy-error-confirm = Материалы не уничтожены: отметьте, что понимаете — записи и расшифровку нельзя будет восстановить.
studio-import-refused = Файл не загружен, запись не изменилась: { $problem }
studio-import-error-empty = выберите файл расшифровки или вставьте его текст.

## Uploads (studio/upload.rs) and the words of studio.js

studio-upload-no-name = У файла нет имени.
studio-upload-path-name = Имя файла «{ $name }» похоже на путь; переименуйте файл.
studio-upload-bad-name = Имя файла содержит недопустимые символы или слишком длинное.
studio-upload-too-large = Файл слишком большой: { $size }; самый большой допустимый — { $largest }.
studio-upload-no-offset = Нет заголовка Upload-Offset.
studio-upload-misplaced = Часть файла пришла не на своё место; продолжаю с того, что уже получено.
studio-upload-bigger = Файл оказался больше, чем было заявлено.
studio-script-offline = Нет связи с сервером: черновик сохранится, когда связь вернётся.
studio-script-connection-lost = связь прервалась, продолжаю…
studio-script-upload-failed = Загрузка не завершилась.
studio-script-uploaded = загружен
studio-script-playing = Воспроизведение
studio-script-paused = Пауза
studio-script-back = Назад на 5 секунд
studio-script-slow = Скорость 0,75
studio-script-normal = Обычная скорость

## The edit history (studio/history.rs)

studio-history-title = История: { $title }
studio-history-created = создана
studio-history-updated = изменена
studio-history-state = состояние: { $state }
studio-history-yes = да
studio-history-no = нет
studio-history-slug = Адрес страницы
studio-history-embargo = Запрет на публикацию до
studio-history-tags = Метки
studio-history-submitted-by = Отправил(а) на проверку
studio-history-kind = Вид записи

## Interview project stages on the dashboard

studio-dashboard-stage-proposed = предложено
studio-dashboard-stage-contacted = связались с рассказчиком
studio-dashboard-stage-pre-interview = предварительная беседа проведена
studio-dashboard-stage-scheduled = интервью назначено
studio-dashboard-stage-recorded = интервью записано
studio-dashboard-stage-transcribed = расшифровано
studio-dashboard-stage-indexed = указатель фрагментов составлен
studio-dashboard-stage-narrator-review = рассказчик прочёл и одобрил
studio-dashboard-stage-published = опубликовано
studio-dashboard-stage-closed = закрыто
studio-dashboard-stage-withdrawn = рассказчик отозвал согласие

## Problems in a story's text and an interview's index (blocks.rs, segments.rs); the bracketed words and field names are the format's own, Russian in every language

studio-blocks-line = Строка { $line }: { $problem }
studio-blocks-empty-heading = после «##» напишите текст заголовка.
studio-blocks-image-number = после «иллюстрация» укажите номер файла из списка иллюстраций, например [иллюстрация 1].
studio-blocks-no-image = иллюстрации { $number } нет: загружено { $uploaded }. Загрузите файл ниже или исправьте номер.
studio-blocks-not-record = «{ $value }» — не номер записи; напишите, например, №45.
studio-blocks-image-extra = после номера иллюстрации можно указать только номер записи, например [иллюстрация 1 №45].
studio-blocks-interview = укажите номер интервью и отрезок, например [интервью №7 0:12:30–0:14:05].
studio-blocks-span = укажите отрезок записи через тире, например 0:12:30–0:14:05.
studio-blocks-not-time = «{ $value }» — не время; пишите ч:мм:сс или мм:сс.
studio-blocks-backwards = фрагмент должен заканчиваться позже, чем начинается.
studio-blocks-not-place = «{ $value }» — не номер места; пишите, например, [карта №3, №8].
studio-blocks-no-places = укажите места по номерам, например [карта №3, №8].
studio-blocks-record = укажите номер записи, например [запись №12].
studio-blocks-redaction-span = напишите начало и конец через тире, например 0:12:30–0:14:05.
studio-segments-order = фрагмент начинается раньше предыдущего; расставьте фрагменты по времени.
studio-segments-heading = фрагмент начинается строкой с отметкой времени и названием, например «[00:12:30] Эвакуация завода».
studio-segments-bracket = после отметки времени нужна закрывающая скобка «]».
studio-segments-not-time = «{ $value }» — не время; пишите чч:мм:сс.
studio-segments-no-title = после отметки времени напишите название фрагмента.
studio-segments-no-field = строка внутри фрагмента начинается с названия поля и двоеточия: «Начало:», «Кратко:», «Ключевые слова:», «Темы:», «Упоминаются:», «Место:» или «Ссылка:». Пустая строка отделяет фрагменты.
studio-segments-not-record = «{ $value }» — не номер записи; пишите, например, №12.
studio-segments-place = место пишется широтой и долготой через запятую, затем названием, например «55.8897, 37.4449 Станция Химки».
studio-segments-unknown-field = поле «{ $field }» неизвестно; бывают «Начало», «Кратко», «Ключевые слова», «Темы», «Упоминаются», «Место» и «Ссылка».

## Uploads that could not be stored (studio/upload.rs)

studio-upload-read-failed = Не удалось прочитать сохранённый файл: { $error }
studio-upload-info-failed = Не удалось записать сведения о файле: { $error }
studio-image-unreadable = Не удалось прочитать изображение: { $error }
studio-image-broken = Изображение повреждено или в формате, который портал не обрабатывает; сохраните его как JPEG или PNG.
studio-image-too-large = Изображение { $width }×{ $height } пикселей слишком велико в распакованном виде (больше { $millions } млн пикселей); уменьшите его перед загрузкой.
studio-image-encode-failed = Не удалось сохранить уменьшенную копию: { $error }
