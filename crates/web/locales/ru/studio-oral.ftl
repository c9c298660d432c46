# The studio's «Живые голоса»: narrators, interview projects, question guides, support notes.

## Shared words of the oral-history pages

studio-oral-unassigned = не назначен
studio-oral-unassigned-but-needed = не назначен, но нужен
studio-oral-choose = — выберите —
studio-oral-not-yet = пока нет
studio-oral-not-chosen = не выбран
studio-oral-edit = Изменить
studio-oral-save = Сохранить
studio-oral-not-saved = Не сохранено: исправьте ошибки
studio-oral-record-number = запись №{ $number }
studio-oral-changed = изменено { $when }
studio-oral-error-too-long = Слишком длинно: не больше { $count } символов.
studio-oral-error-no-record = Записи №{ $number } нет в базе.

## Values of core: narrators' categories, project stages, support notes

studio-oral-category-veteran = ветеран, участник боевых действий
studio-oral-category-home-front = труженик тыла
studio-oral-category-child-of-war = ребёнок войны
studio-oral-category-relative = родственник участника событий
studio-oral-category-other = другое

studio-oral-stage-proposed = предложено
studio-oral-stage-contacted = связались с рассказчиком
studio-oral-stage-pre-interview = предварительная беседа проведена
studio-oral-stage-scheduled = интервью назначено
studio-oral-stage-recorded = интервью записано
studio-oral-stage-transcribed = расшифровано
studio-oral-stage-indexed = указатель фрагментов составлен
studio-oral-stage-narrator-review = рассказчик прочёл и одобрил
studio-oral-stage-published = опубликовано
studio-oral-stage-closed = закрыто
studio-oral-stage-withdrawn = рассказчик отозвал согласие

studio-oral-support-break = перерыв
studio-oral-support-distress = признаки волнения, тяжёлого состояния
studio-oral-support-declined = тема, которую рассказчик не захотел обсуждать
studio-oral-support-debrief = разбор интервьюера после интервью

## The checklist of each stage (`studio-oral-check-<stage>-<item>`)

studio-oral-check-contacted-agreed-to-talk = Рассказчик (или его родственник) согласен на предварительную беседу
studio-oral-check-contacted-contact-recorded = Способ связи записан в закрытые данные рассказчика
studio-oral-check-pre-interview-purpose-explained = Объяснено, зачем музей записывает воспоминания
studio-oral-check-pre-interview-uses-explained = Объяснено, где и как запись будет использована (портал, выставки, уроки)
studio-oral-check-pre-interview-review-explained = Объяснено, что рассказчик прочтёт расшифровку и может убрать любую часть до публикации
studio-oral-check-pre-interview-preservation-explained = Объяснено, где и как долго хранится запись и как отозвать согласие
studio-oral-check-pre-interview-psychologist = Назначен психолог (координатор отметил, что он нужен)
studio-oral-check-scheduled-date-place-agreed = Дата и место согласованы с рассказчиком
studio-oral-check-scheduled-carer-informed = Родственник или опекун знает о встрече
studio-oral-check-scheduled-interviewer = Назначен интервьюер
studio-oral-check-scheduled-guide = Выбран опросник
studio-oral-check-recorded-consent-signed = Рассказчик подписал согласие на запись и обработку персональных данных
studio-oral-check-recorded-interview = Запись интервью создана в базе и связана с проектом
studio-oral-check-recorded-debrief = Интервьюер записал свой разбор после интервью
studio-oral-check-transcribed-transcript-checked = Расшифровка сверена с записью
studio-oral-check-indexed-segments-done = Указатель фрагментов составлен: заголовки, краткое содержание, ключевые слова
studio-oral-check-narrator-review-narrator-read = Рассказчик (или родственник) прочёл расшифровку
studio-oral-check-narrator-review-corrections-made = Поправки рассказчика внесены
studio-oral-check-narrator-review-restrictions-recorded = Ограничения (что не публиковать) записаны в интервью
studio-oral-check-published-interview-public = Запись интервью опубликована и открыта посетителям портала

## Why a project may not move

studio-oral-refused-final = Проект уже в состоянии «{ $stage }»: дальше он не движется.
studio-oral-refused-not-next = Из состояния «{ $from }» можно перейти только к следующему, «{ $next }», а не к «{ $to }».
studio-oral-refused-missing = Нельзя перейти к «{ $stage }»: не выполнено — { $missing }.
studio-oral-refused-no-reason = Чтобы перевести проект в состояние «{ $stage }», напишите причину в поле «Примечание».
studio-oral-refused-after-publication = Проект опубликован: следующего этапа нет, и закрыть его нельзя. Если рассказчик отозвал согласие, отметьте отзыв и снимите запись интервью с публикации на её странице.
studio-oral-refused-withdraw-first = Сначала оформите отзыв на странице интервью (/studio/records/{ $record }, раздел «Отзыв интервью рассказчиком»): он снимает интервью и сведения о рассказчике со всех публичных страниц. Затем отметьте отзыв здесь.
studio-oral-refused-stage-changed = Пока вы заполняли форму, проект перешёл к другому этапу. Проверьте отметки ещё раз.
studio-oral-refused-moved = Пока вы заполняли форму, проект уже перевели на другой этап. Посмотрите, где он сейчас.

## Narrators

studio-oral-narrators-title = Рассказчики
studio-oral-narrators-intro = Ветераны, труженики тыла, дети войны и их родственники, с которыми записываются «Живые голоса». Здесь видны только те, с кем вы работаете; координаторы видят всех. Контакты и сведения о здоровье — на отдельной странице каждого рассказчика.
studio-oral-narrator-add = Добавить рассказчика
studio-oral-narrators-none = Пока нет рассказчиков, с которыми вы работаете.
studio-oral-narrators-caption = Реестр рассказчиков
studio-oral-col-narrator = Рассказчик
studio-oral-col-who = Кто
studio-oral-col-record = Запись в базе
studio-oral-col-projects = Проекты
studio-oral-narrator-new = Новый рассказчик
studio-oral-narrator-not-saved = Рассказчик не сохранён: исправьте ошибки
studio-oral-for-register = Для реестра
studio-oral-private-data = Закрытые данные
studio-oral-private-data-lower = закрытые данные
studio-oral-private-who-sees = Видны только администраторам, координаторам, а также интервьюеру и психологу проектов этого рассказчика. Каждый просмотр записывается в журнал. На портал не попадают никогда.
studio-oral-narrator-category = Кто рассказчик
studio-oral-narrator-name = Как зовут рассказчика
studio-oral-narrator-name-hint = Фамилия, имя, отчество — как к рассказчику обращается команда.
studio-oral-narrator-person = Запись о человеке в базе
studio-oral-narrator-person-hint = Номер записи (например, 12), если публичный профиль уже заведён; иначе оставьте пустым.
studio-oral-public-profile = публичный профиль:
studio-oral-private-link = Закрытые данные: контакты и здоровье
studio-oral-plan-interview = Запланировать интервью
studio-oral-private-logged = Открытие закрытых данных записывается в журнал аудита.
studio-oral-narrator-no-projects = Проектов пока нет.
studio-oral-error-narrator-name = Укажите, как зовут рассказчика: фамилию, имя и отчество.
studio-oral-error-narrator-name-long = Имя слишком длинное: не больше 200 символов.
studio-oral-error-category = Выберите, кто рассказчик: ветеран, труженик тыла, ребёнок войны или родственник.
studio-oral-error-person-number = Укажите номер записи о человеке цифрами, например 12, или оставьте поле пустым.
studio-oral-error-not-person = Запись №{ $number } — не человек: укажите запись из раздела «Люди».

## A narrator's private data

studio-oral-private-title = { $name }: закрытые данные
studio-oral-private-notice = Эти сведения видят только администраторы, координаторы, интервьюер и психолог проектов этого рассказчика. Ваш просмотр записан в журнал аудита. Не пересылайте их и не переносите в записи базы.
studio-oral-back-to-narrator = Вернуться к рассказчику
studio-oral-private-address = Адрес
studio-oral-private-address-hint = Никогда не публикуется. Для интервью дома — только с согласия рассказчика.
studio-oral-private-phone = Телефон
studio-oral-private-phone-hint = Например: +7 916 123-45-67.
studio-oral-private-email = Электронная почта
studio-oral-private-email-hint = { "" }
studio-oral-private-carer = Родственник или опекун
studio-oral-private-carer-hint = Имя и как с ним связаться: телефон, почта.
studio-oral-private-health = Здоровье
studio-oral-private-health-hint = Только то, что нужно знать интервьюеру: слух, зрение, сколько можно беседовать без перерыва.
studio-oral-private-preferred-times = Удобное время
studio-oral-private-preferred-times-hint = Например: будни до обеда.
studio-oral-private-language = Язык беседы
studio-oral-private-language-hint = { "" }
studio-oral-private-language-default = русский
studio-oral-error-address-long = Адрес слишком длинный: не больше 500 символов.
studio-oral-error-phone = Телефон: только цифры, пробелы и знаки + - ( ), например +7 916 123-45-67.
studio-oral-error-email = Укажите адрес электронной почты в виде имя@домен, например volunteer@example.ru.
studio-oral-error-health-long = Слишком длинно: не больше 2000 символов. Запишите только необходимое.

## Interview projects

studio-oral-projects-title = Проекты интервью
studio-oral-projects-intro = Каждое запланированное интервью — проект: от знакомства с рассказчиком до публикации записи. Здесь видны проекты, в которых вы интервьюер или психолог; координаторы видят все.
studio-oral-projects-none = Пока нет проектов, в которых вы участвуете.
studio-oral-projects-caption = Проекты интервью, новые сверху
studio-oral-col-project = Проект
studio-oral-col-stage = Этап
studio-oral-col-interviewer = Интервьюер
studio-oral-col-psychologist = Психолог
studio-oral-col-changed = Изменён
studio-oral-project-new = Новый проект интервью
studio-oral-project-new-hint = Интервьюер и психолог проекта увидят закрытые данные рассказчика; назначение записывается в журнал аудита.
studio-oral-project-not-saved = Проект не сохранён: исправьте ошибки
studio-oral-plan-submit = Запланировать
studio-oral-plan-project-title = Название проекта
studio-oral-plan-narrator = Рассказчик
studio-oral-plan-interviewer = Интервьюер (волонтёр)
studio-oral-plan-psychologist = Психолог
studio-oral-plan-needs-psychologist = Нужен психолог: без него не начинать предварительную беседу
studio-oral-error-project-title = Назовите проект, например «Эвакуация завода № 301: воспоминания А. П. Ершовой».
studio-oral-error-project-title-long = Название слишком длинное: не больше 300 символов.
studio-oral-error-project-narrator = Выберите рассказчика из реестра. Если его там нет, сначала добавьте его в «Рассказчики».
studio-oral-error-project-interviewer = Интервьюером можно назначить только участника с ролью «волонтёр».
studio-oral-error-project-psychologist = Психологом можно назначить только участника с ролью «психолог».

## The project page

studio-oral-project-stage = Этап:
studio-oral-standing-coordinator = вы координируете интервью
studio-oral-standing-interviewer = вы интервьюер этого проекта
studio-oral-standing-psychologist = вы психолог этого проекта
studio-oral-project-narrator = Рассказчик:
studio-oral-project-interviewer = интервьюер:
studio-oral-project-psychologist = психолог:
studio-oral-project-guide = Опросник:
studio-oral-guide-with-version = { $title }, версия { $version }
studio-oral-project-interview = запись интервью:
studio-oral-interview-public = открыта на портале
studio-oral-interview-hidden = на портале не видна
studio-oral-next-stage = Следующий этап: { $stage }
studio-oral-checklist = Что должно быть сделано
studio-oral-check-done = сделано
studio-oral-check-not-yet = ещё нет
studio-oral-check-derived = (по данным проекта)
studio-oral-check-ticked-by = отметил(а) { $who }
studio-oral-save-ticks = Сохранить отметки
studio-oral-move-to = Перейти к этапу «{ $stage }»
studio-oral-mark-withdrawal = Отметить отзыв согласия
studio-oral-close-or-withdrawal = Закрыть проект или отметить отзыв согласия
studio-oral-withdrawal-hint = Если рассказчик отозвал согласие, снимите с публикации и запись интервью на её странице: отзыв касается всего, что портал показывает.
studio-oral-reason = Причина
studio-oral-day-format = День в виде ГГГГ-ММ-ДД.
studio-oral-close = Закрыть проект
studio-oral-withdrew = Рассказчик отозвал согласие
studio-oral-step-on = Когда это произошло
studio-oral-step-on-hint = День в виде ГГГГ-ММ-ДД; по нему отчёт совета относит работу к кварталу.
studio-oral-step-note = Примечание
studio-oral-materials-title = Опросник и запись интервью
studio-oral-materials-guide = Опросник
studio-oral-materials-interview = Запись интервью в базе
studio-oral-materials-interview-hint = Номер записи из раздела «Интервью» (например, 57), когда она создана.
studio-oral-guide-option = { $title } (версия { $version })
studio-oral-plan-title = План
studio-oral-plan-not-saved = План не сохранён: исправьте ошибки
studio-oral-plan-save = Сохранить план
studio-oral-steps-title = Ход проекта
studio-oral-step-after = (после «{ $stage }»)
studio-oral-error-guide = Выберите опросник из списка.
studio-oral-error-interview-number = Укажите номер записи интервью цифрами, например 57, или оставьте поле пустым.
studio-oral-error-not-interview = Запись №{ $number } — не интервью: укажите запись из раздела «Интервью».
studio-oral-error-step-day = Дата шага: укажите день в виде ГГГГ-ММ-ДД, например 2026-03-02, или оставьте поле пустым — тогда это сегодня.
studio-oral-error-step-future = Дата шага не может быть позже сегодняшнего дня.
studio-oral-error-step-before = Дата шага не может быть раньше предыдущего шага ({ $day }).

## Psychological support

studio-oral-support-title = Психологическая поддержка
studio-oral-support-who-sees = Видят только координаторы, интервьюер и психолог проекта; никогда не публикуется. Каждый просмотр записывается в журнал.
studio-oral-support-none = Заметок нет.
studio-oral-support-not-saved = Заметка не сохранена: исправьте ошибки
studio-oral-support-kind = Что записать
studio-oral-support-distress-hint = Отметка о признаках волнения сразу ставит задачу психологу проекта и отправляет ему письмо.
studio-oral-support-add = Добавить заметку
studio-oral-support-timecode = Время в записи
studio-oral-support-timecode-hint = Необязательно: ЧЧ:ММ:СС или ММ:СС, например 12:34.
studio-oral-support-body = Что произошло
studio-oral-support-body-hint = Коротко и бережно: это прочтут только координаторы, интервьюер и психолог проекта.
studio-oral-error-support-kind = Выберите, что вы записываете.
studio-oral-error-support-debrief = Разбор после интервью пишет сам интервьюер проекта.
studio-oral-error-timecode = Время в записи: укажите его в виде ЧЧ:ММ:СС или ММ:СС, например 12:34, или оставьте поле пустым.
studio-oral-error-support-body = Опишите, что произошло.

## Question guides

studio-oral-guides-title = Опросники
studio-oral-guides-intro = Вопросы для интервью по темам. Каждая правка опросника сохраняется как новая версия; проект интервью помнит, по какой версии шла беседа, и прежние версии остаются доступны.
studio-oral-guide-new = Новый опросник
studio-oral-guides-caption = Опросники, текущие версии
studio-oral-guide-theme = Тема
studio-oral-guide-theme-hint = Например: «Эвакуация».
studio-oral-guide-about = Для кого и как
studio-oral-guide-about-hint = С кем беседовать по этому опроснику и о чём помнить интервьюеру.
studio-oral-guide-questions = Вопросы
studio-oral-guide-questions-hint = По одному вопросу в строке, в том порядке, в каком их лучше задавать.
studio-oral-col-questions = Вопросов
studio-oral-col-version = Версия
studio-oral-guide-not-saved = Опросник не сохранён: исправьте ошибки
studio-oral-guide-save = Сохранить опросник
studio-oral-guide-version = Версия { $version }
studio-oral-guide-version-lower = версия { $version }
studio-oral-guide-old = это прежняя версия
studio-oral-guide-current = текущая версия
studio-oral-guide-old-title = { $title } — версия { $version }
studio-oral-guide-versions = Версии
studio-oral-guide-edit-hint = Правка сохранится как версия { $version }; проекты, которые уже пользуются этой версией, её не потеряют.
studio-oral-guide-save-version = Сохранить новую версию
studio-oral-error-guide-title = Укажите тему опросника, например «Эвакуация».
studio-oral-error-guide-title-long = Тема слишком длинная: не больше 200 символов.
studio-oral-error-guide-about-long = Описание слишком длинное: не больше 2000 символов.
studio-oral-error-guide-no-questions = Напишите хотя бы один вопрос: по одному в строке.
studio-oral-error-guide-too-many = Слишком много вопросов: не больше { $max }.
studio-oral-error-guide-question-long = Один из вопросов длиннее 1000 символов: разделите его на несколько.

## The council's hours of «Живые голоса»

studio-oral-scope-all = всего
studio-oral-scope-group = рабочая группа
studio-oral-scope-volunteer = волонтёр
studio-oral-hours-no-group = вне групп
studio-oral-hours-no-interviewer = интервьюер не назначен
