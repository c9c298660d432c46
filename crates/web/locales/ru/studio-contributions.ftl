# The studio's moderation of residents' stories («Герои города», the moderators' side).

## Values of core, by code

studio-contrib-status-draft = черновик
studio-contrib-status-received = получено
studio-contrib-status-in-moderation = на модерации
studio-contrib-status-needs-info = нужны уточнения
studio-contrib-status-published = опубликовано
studio-contrib-status-declined = отклонено
studio-contrib-status-withdrawn = отозвано

studio-contrib-relationship-self = это я сам(а)
studio-contrib-relationship-child = сын или дочь
studio-contrib-relationship-grandchild = внук или внучка
studio-contrib-relationship-great-grandchild = правнук или правнучка
studio-contrib-relationship-other-relative = другой родственник
studio-contrib-relationship-not-relative = не родственник

studio-contrib-basis-heir = отправитель — наследник героя
studio-contrib-basis-heirs-agreement = отправитель получил согласие наследников
studio-contrib-basis-hero-consents = герой жив и сам согласен на публикацию

studio-contrib-consent-kind-processing = согласие на обработку персональных данных
studio-contrib-consent-kind-publication = согласие на распространение персональных данных
studio-contrib-consent-kind-release = передача прав на запись
studio-contrib-consent-kind-heirs = согласие наследников
studio-contrib-consent-kind-public-interest = решение о публичном интересе
studio-contrib-consent-kind-health = согласие на публикацию сведений о здоровье
studio-contrib-consent-kind-informed = информированное согласие на запись интервью

studio-contrib-decline-not-about-war = история не связана с городом и войной 1941–1945 годов
studio-contrib-decline-cannot-verify = сведения не удалось подтвердить
studio-contrib-decline-no-consent = нет законного основания публиковать данные героя
studio-contrib-decline-inappropriate = текст или файлы нарушают правила портала
studio-contrib-decline-duplicate = этот рассказ уже есть в музее
studio-contrib-decline-other = другая причина

studio-contrib-field-patronymic = Отчество
studio-contrib-field-birth = Дата рождения
studio-contrib-field-death = Дата смерти
studio-contrib-field-birth-place = Место рождения
studio-contrib-field-fate = Судьба
studio-contrib-field-rank = Звание
studio-contrib-field-unit = Часть
studio-contrib-field-awards = Награды

studio-contrib-alive-living = жив(а)
studio-contrib-alive-deceased = умер(ла)

studio-contrib-workflow-draft = черновик
studio-contrib-workflow-in-review = на проверке
studio-contrib-workflow-published = опубликовано
studio-contrib-workflow-withdrawn = снято

## Shared words

studio-contrib-yes = да
studio-contrib-no = нет
studio-contrib-nobody = никто
studio-contrib-not-given = не указано
studio-contrib-not-granted = не дано
studio-contrib-option-not-given = — не указано —
studio-contrib-empty = пусто
studio-contrib-no-name = (имя не указано)
studio-contrib-error-person-number = Номер записи о человеке: укажите его цифрами, например 12.
studio-contrib-error-no-record = Записи №{ $number } нет в базе.
studio-contrib-error-not-person = Запись №{ $number } — не человек.
studio-contrib-error-not-person-merge = Запись №{ $number } — не человек: объединить рассказ можно только с записью из раздела «Люди».

## The queue

studio-contrib-queue-title = Рассказы жителей
studio-contrib-filter = Отбор рассказов
studio-contrib-filter-status = Состояние
studio-contrib-filter-moderator = Модератор
studio-contrib-filter-address = Адрес отправителя
studio-contrib-filter-words = Слова имени или рассказа
studio-contrib-filter-show = Показать
studio-contrib-filter-waiting = ждут решения
studio-contrib-filter-all = все
studio-contrib-filter-mine = мои
studio-contrib-filter-nobody = ничьи
studio-contrib-filter-any = любой
studio-contrib-filter-confirmed = подтверждён
studio-contrib-filter-unconfirmed = не подтверждён
studio-contrib-queue-no-search = Поиск не включён: возможные совпадения с записями базы не проверяются.
studio-contrib-queue-none = Рассказов по этому отбору нет.
studio-contrib-queue-caption = Рассказы о героях, присланные жителями; адреса отправителей — на странице рассказа, по запросу
studio-contrib-col-hero = Герой
studio-contrib-col-sender = Отправитель
studio-contrib-col-sent = Прислан
studio-contrib-col-status = Состояние
studio-contrib-col-moderator = Модератор
studio-contrib-col-matches = Совпадения
studio-contrib-queue-duplicates = возможно, уже есть в базе: { $count }

## A submission's page

studio-contrib-page-title = Рассказ №{ $number }: { $hero }
studio-contrib-all-stories = Все рассказы жителей
studio-contrib-status-label = Состояние:
studio-contrib-moderator-label = модератор:
studio-contrib-published-label = опубликован:
studio-contrib-take = Взять в работу
studio-contrib-hand-to = Передать
studio-contrib-assign = Назначить
studio-contrib-hero = Герой
studio-contrib-hero-surname = Фамилия
studio-contrib-hero-given = Имя
studio-contrib-hero-patronymic = Отчество
studio-contrib-hero-birth = Дата рождения
studio-contrib-hero-death = Дата смерти
studio-contrib-hero-alive = Жив ли герой
studio-contrib-hero-fate = Судьба
studio-contrib-hero-birth-place = Место рождения
studio-contrib-hero-rank = Звание
studio-contrib-hero-unit = Часть
studio-contrib-hero-work = Где работал
studio-contrib-hero-awards = Награды
studio-contrib-hero-story = Рассказ
studio-contrib-date-unreadable = { $typed } — дата не читается
studio-contrib-files = Фотографии и документы
studio-contrib-files-none = Файлов нет.
studio-contrib-photo-uncaptioned = Фотография №{ $number } без подписи
studio-contrib-photo-uncaptioned-lower = фотография №{ $number } без подписи
studio-contrib-file = Файл №{ $number } ({ $mime })
studio-contrib-uncaptioned = без подписи
studio-contrib-file-late = добавлен после отправки
studio-contrib-consents = Согласия, как их дал отправитель
studio-contrib-consent-processing = Согласие на обработку своих данных
studio-contrib-consent-basis = Основание публикации
studio-contrib-consent-credit = Можно назвать отправителя
studio-contrib-consent-ban-photos = Запрет публиковать фотографии
studio-contrib-consent-ban-dates = Запрет публиковать даты
studio-contrib-consent-conditions = Условия
studio-contrib-credit-as = да: «{ $credit }»
studio-contrib-sender = Отправитель
studio-contrib-sender-relationship = Кем приходится герою: { $relationship }.
studio-contrib-address = Адрес
studio-contrib-address-confirmed = подтверждён
studio-contrib-address-unconfirmed = не подтверждён
studio-contrib-address-shown = Адрес отправителя:
studio-contrib-address-logged = Ваш просмотр записан в журнал аудита; не переносите адрес в записи базы.
studio-contrib-show-address = Показать адрес
studio-contrib-view-logged = Просмотр записывается в журнал аудита.
studio-contrib-email-erased = (адрес стёрт)
studio-contrib-events = История и переписка
studio-contrib-events-none = Пока ничего.
studio-contrib-event-moved-to = состояние: { $status }
studio-contrib-event-moved = состояние изменено
studio-contrib-event-question = вопрос отправителю
studio-contrib-event-answer = ответ отправителя
studio-contrib-event-files = отправитель добавил файлы
studio-contrib-event-assigned = назначение модератора
studio-contrib-event-confirmed = адрес подтверждён
studio-contrib-event-note = заметка модератора
studio-contrib-event-sender = отправитель
studio-contrib-event-to-nobody = никому
studio-contrib-matches = Возможные совпадения
studio-contrib-matches-no-search = Поиск не включён: записи базы не проверены.
studio-contrib-matches-base = В базе музея
studio-contrib-matches-base-none = Похожих записей не найдено.
studio-contrib-similarity = сходство { $score }
studio-contrib-compare-merge = Сравнить и объединить
studio-contrib-matches-others = Среди других рассказов
studio-contrib-matches-others-none = Похожих рассказов не найдено.

## Publishing

studio-contrib-publish = Опубликовать
studio-contrib-blockers = Пока публиковать нельзя:
studio-contrib-about = Отправитель начал рассказ со страницы записи №{ $number }:
studio-contrib-about-compare = сравнить с ней
studio-contrib-merge-number = Номер записи о человеке в базе
studio-contrib-compare = Сравнить
studio-contrib-merge-with = Объединить с записью
studio-contrib-merge-hint = Биография музея не меняется: рассказ семьи встанет рядом с ней. Отмеченные поля будут взяты со слов семьи, с пометкой об этом.
studio-contrib-merge-nothing = Семья не добавляет к записи новых сведений: будет опубликован только рассказ семьи.
studio-contrib-merge-caption = Что семья добавляет или рассказывает иначе
studio-contrib-merge-field = Поле
studio-contrib-merge-museum = В музее
studio-contrib-merge-family = Со слов семьи
studio-contrib-merge-take = Взять
studio-contrib-merge-take-one = взять
studio-contrib-merge-banned = нельзя: семья запретила публиковать даты
studio-contrib-ban-dates = семья запретила публиковать даты
studio-contrib-publish-new = Опубликовать как новую запись
studio-contrib-publish-new-hint = Если героя нет в базе: запись о нём будет создана из рассказа, каждое поле — с пометкой «со слов семьи». Если он уже есть, введите номер записи выше и сравните.
studio-contrib-photos = Фотографии для публикации
studio-contrib-photos-banned = Семья запретила публиковать фотографии.
studio-contrib-photos-banned-then = Рассказ будет опубликован без них.
studio-contrib-photos-none = Фотографий нет.
studio-contrib-merge-publish = Объединить и опубликовать
studio-contrib-blocker-unconfirmed = Отправитель ещё не подтвердил адрес электронной почты: публиковать нельзя, пока он не откроет ссылку из письма.
studio-contrib-lack-step = Шаг { $step } из { $steps }: { $what }.
studio-contrib-lack-surname = не указана фамилия героя
studio-contrib-lack-alive = не указано, жив ли герой
studio-contrib-lack-bad-date = дата «{ $typed }» не читается
studio-contrib-lack-death-before-birth = дата смерти раньше даты рождения
studio-contrib-lack-living-but-dead = герой отмечен живым, но указаны смерть или гибель
studio-contrib-lack-too-long = поле «{ $field }» длиннее { $max } символов
studio-contrib-lack-story = нет рассказа
studio-contrib-lack-relationship = не указано, кем отправитель приходится герою
studio-contrib-lack-email = нет адреса электронной почты
studio-contrib-lack-bad-email = адрес электронной почты не похож на настоящий
studio-contrib-lack-processing = нет согласия на обработку данных отправителя
studio-contrib-lack-publication = нет согласия на публикацию данных героя
studio-contrib-lack-basis = основание публикации не подходит: наследники не решают за живого, а умерший не может согласиться сам

## Asking, editing, declining, withdrawing

studio-contrib-ask = Задать вопрос отправителю
studio-contrib-question = Вопрос
studio-contrib-question-hint = Отправитель получит его письмом и увидит на странице своего рассказа.
studio-contrib-question-send = Отправить вопрос
studio-contrib-edit = Править перед публикацией
studio-contrib-edit-save = Сохранить правку
studio-contrib-edit-surname-hint = { "" }
studio-contrib-edit-given-hint = { "" }
studio-contrib-edit-patronymic-hint = { "" }
studio-contrib-edit-birth-hint = В формате EDTF: 1915, 1915-03, 1915-03-12, 1915?
studio-contrib-edit-death-hint = В формате EDTF, как дата рождения.
studio-contrib-edit-birth-place-hint = { "" }
studio-contrib-edit-rank-hint = { "" }
studio-contrib-edit-unit-hint = { "" }
studio-contrib-edit-work-hint = Для тружеников тыла.
studio-contrib-edit-awards-hint = Каждая с новой строки.
studio-contrib-edit-story-hint = Слова семьи: правьте только опечатки и то, что нельзя публиковать. Прежний текст остаётся в истории обращения.
studio-contrib-decline = Отклонить
studio-contrib-decline-reason = Причина
studio-contrib-decline-note = Пояснение для отправителя
studio-contrib-withdraw = Отозвать по просьбе отправителя
studio-contrib-withdraw-hint = Если отправитель попросил об отзыве по телефону или письмом. Опубликованное будет закрыто, поля записи о человеке восстановлены, рассказ, фотографии и адрес стёрты.
studio-contrib-withdraw-how = Как и когда попросил
studio-contrib-withdraw-confirm = Понимаю: стёртое нельзя будет восстановить
studio-contrib-withdraw-submit = Отозвать

## Refusals

studio-contrib-refused-take = Рассказ { $status }: взять его в работу нельзя.
studio-contrib-refused-assign-who = Назначить можно только модератора: эксперта, руководителя группы, координатора или администратора.
studio-contrib-refused-assign = Рассказ { $status }: назначать модератора уже незачем.
studio-contrib-refused-edit = Рассказ { $status }: править его можно только до решения.
studio-contrib-refused-question-empty = Вопрос пуст: напишите, что нужно уточнить у отправителя.
studio-contrib-refused-question-long = Вопрос длиннее { $max } символов: сократите его.
studio-contrib-refused-ask = Рассказ { $status }: задать вопрос сейчас нельзя.
studio-contrib-refused-decline-reason = Выберите причину отказа из списка.
studio-contrib-refused-decline-other = Причина «другая»: напишите её своими словами — отправитель прочтёт их в письме.
studio-contrib-refused-decline = Рассказ { $status }: отклонить его нельзя.
studio-contrib-refused-withdraw-how = Отзыв не выполнен: укажите, как отправитель попросил об отзыве (звонок, письмо) и когда.
studio-contrib-refused-withdraw-confirm = Отзыв не выполнен: отметьте, что понимаете — рассказ, фотографии и адрес отправителя будут стёрты без возможности восстановить.
studio-contrib-refused-withdraw = Рассказ { $status }: отозвать его нельзя.
studio-contrib-refused-publish = Рассказ { $status }: опубликовать его нельзя.
studio-contrib-refused-publish-blocked = Опубликовать нельзя. { $blockers }
studio-contrib-refused-no-photo = Фотографии «{ $photo }» нет среди фотографий этого рассказа.
studio-contrib-refused-photos-banned = Семья запретила публиковать фотографии: рассказ публикуется без них. Снимите отметки с фотографий.
studio-contrib-refused-unknown-field = Неизвестное поле «{ $field }».
studio-contrib-refused-field-banned = Поле «{ $field }» взять нельзя: { $reason }.
studio-contrib-refused-stale-form = Форма устарела: откройте сравнение с записью заново и повторите.
studio-contrib-refused-conflict = Запись о человеке изменили, пока вы сравнивали: откройте сравнение заново, проверьте поля и опубликуйте ещё раз.
studio-contrib-not-published = Не опубликовано: { $why }
studio-contrib-not-found = не найдено — { $what }.
studio-contrib-refused-no-consent = Нет согласия на публикацию данных героя.
studio-contrib-refused-not-published = Запись №{ $number } не опубликована ({ $workflow }): объединять рассказ семьи можно только с опубликованной записью; иначе опубликуйте его как новую.
