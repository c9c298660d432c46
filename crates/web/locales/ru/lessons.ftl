# Lessons, class links, presentation, worksheets and hall tours (issue #17).

lessons-title = Уроки
lessons-lead = Готовые уроки из материалов музея: фрагменты воспоминаний, документы, места и события с вопросами и заданиями. Их составили учителя, а проверили эксперты музея.
lessons-filters = Подбор уроков
lessons-grade = Класс
lessons-subject = Предмет
lessons-topic = Тема
lessons-any = любой
lessons-apply = Показать
lessons-none = Таких уроков пока нет. Уберите часть условий или загляните позже.
lessons-have-code = У вас есть код от учителя? Откройте урок по коду
lesson-count = { $count ->
    [one] Найден { $count } урок
    [few] Найдено { $count } урока
   *[many] Найдено { $count } уроков
}
lesson-grade = { $grade } класс
lesson-minutes = { $count } { $count ->
    [one] минута
    [few] минуты
   *[many] минут
}
lesson-blocks = { $count } { $count ->
    [one] блок
    [few] блока
   *[many] блоков
}
lesson-questions = { $count } { $count ->
    [one] вопрос
    [few] вопроса
   *[many] вопросов
}
lesson-purpose-lesson = Урок
lesson-purpose-tour = Экскурсия по залу
lesson-block-record = Запись
lesson-block-fragment = Фрагмент воспоминаний
lesson-block-detail = Деталь изображения
lesson-block-quote = Цитата из документа
lesson-block-place = Место на карте
lesson-block-moment = Точка на ленте времени
lesson-question-open = вопрос
lesson-question-choice = выберите ответ
lesson-question-order = расставьте по порядку
lesson-question-map = найдите на карте
lesson-questions-heading = Вопросы и задания
lesson-answer = Ваш ответ
lesson-map-words = Что вы нашли (словами)
lesson-order-hint = Поставьте у каждого пункта его номер по порядку: 1 — самое раннее.
lesson-key = Ответ:
lesson-key-place = { $name } (широта { $lat }, долгота { $lon })
lesson-moment = На ленте времени:
lesson-timeline = Открыть ленту времени
lesson-detail-alt = Фрагмент изображения: { $alt }
lesson-detail-whole = Изображение целиком
lesson-goals = Цели урока
lesson-author = Составитель:
lesson-class-code = Урок открыт по коду класса
lesson-class-private = Ваши ответы никуда не отправляются: они хранятся только в этом браузере.
lesson-teacher-tools = Для учителя
lesson-present = Показать на экране
lesson-worksheet = Рабочий лист
lesson-worksheet-key = Лист с ответами
lesson-edit = Изменить урок
lesson-absent = { $count ->
    [one] { $count } блок урока не показан: он для старшего возраста или сейчас закрыт.
    [few] { $count } блока урока не показаны: они для старшего возраста или сейчас закрыты.
   *[many] { $count } блоков урока не показаны: они для старшего возраста или сейчас закрыты.
}
lesson-answers-title = Ваши ответы
lesson-answers-private = Ответы сохраняются только в этом браузере — на сервер они не отправляются. Их можно распечатать или показать учителю с экрана.
lesson-answers-print = Распечатать ответы
lesson-answers-forget = Стереть мои ответы
lesson-qr-label = QR-код ссылки на урок
lesson-error-grade = Класс указывается числом от 1 до 11.
lesson-error-subject = Такого предмета нет в списке. Выберите предмет из списка или уберите условие.

present-slides = презентация
present-title-screen = Начало
present-controls = Управление показом
present-exit = Выйти
present-prev = Назад
present-next = Дальше
present-full = Во весь экран

sheet-title = Рабочий лист
sheet-key-title = Лист учителя с ответами
sheet-back = ← К уроку
sheet-print = Распечатать
sheet-name = Имя и класс:
sheet-code = Код класса:
sheet-order-hint = Пронумеруйте пункты по порядку.
sheet-no-key = ответ свободный — оцените рассуждение.
sheet-no-questions = В этом уроке пока нет вопросов.
sheet-foot = Материалы — из народного музея «Летопись». Имена учеников и ответы в музей не передаются.

class-title = Урок по коду
class-lead = Введите код, который написал на доске учитель, — откроется урок. Регистрироваться не нужно.
class-code = Код урока
class-open = Открыть урок
class-private = Мы не спрашиваем имён и не сохраняем ответы: всё, что вы напишете, останется в вашем браузере.
class-error-code = Код состоит из латинских букв и цифр, например K7M2QX. Проверьте код на доске и введите ещё раз.
class-error-unknown = Урока с таким кодом нет. Проверьте код на доске — буквы O и I в кодах не используются.
class-error-expired = Ссылка на этот урок работала до { $date }. Попросите учителя дать новый код.

pair-title = Экран зала
pair-heading = Экран ждёт экскурсовода
pair-lead = Откройте на телефоне страницу «Экскурсия на экране» и введите этот код:
pair-qr-label = QR-код страницы экскурсовода
pair-note = Код действует 15 минут. Экран покажет экскурсию, как только экскурсовод её выберет.

guide-title = Экскурсия на экране
guide-lead = Введите код с большого экрана зала и выберите экскурсию или урок: экран будет показывать то, что вы выберете на телефоне.
guide-code = Код с экрана (6 цифр)
guide-kit = Что показать
guide-tours = Экскурсии по залу
guide-lessons = Уроки
guide-no-kits = У вас пока нет ни одной экскурсии.
guide-make = Составить экскурсию
guide-pair = Показать на экране
guide-error-code = Экрана с таким кодом нет: код из 6 цифр действует 15 минут. Обновите страницу на экране и введите новый код.
guide-error-kit = Выберите экскурсию или урок из списка.
guide-error-tries = Слишком много неверных кодов. Подождите 10 минут и проверьте код на экране.
guide-error-step = Не удалось понять, какую остановку показать. Нажмите кнопку остановки ещё раз.
guide-remote-title = Пульт экскурсии
guide-on-title = На экране: начало экскурсии
guide-on-stop = На экране: остановка { $n } из { $count }
guide-notes = Заметки экскурсовода
guide-stops = Все остановки
guide-end = Закончить показ
kiosk-tours = Экскурсии по залу
lesson-stops = { $count } { $count ->
    [one] остановка
    [few] остановки
   *[many] остановок
}
lessons-footer = Уроки для учителей
