# The frame of every page: header, sections, switches, search, footer.

site-name = Летопись
site-tagline = виртуальный музей памяти 1941–1945
skip-to-content = Перейти к содержанию
print-address = Эта страница в интернете:
nav-label = Разделы музея
nav-persons = Герои
nav-interviews = Живые голоса
nav-items = Фонды
nav-places = Места
nav-events = События
nav-stories = Экспозиции
nav-map = Карта
nav-timeline = Лента времени
search-label = Поиск по музею
search-placeholder = Имя, место, событие
search-button = Найти
footer-about = Летопись — народный музей памяти о Великой Отечественной войне 1941–1945 годов: герои и очевидцы, их живые голоса, письма и фотографии, места и события нашего города.
footer-sections-label = Все разделы
breadcrumbs-label = Вы здесь
breadcrumbs-home = Главная

# Durations of recordings.
duration-seconds = { $s } с
duration-minutes = { $m } мин
duration-hours = { $h } ч
duration-hours-minutes = { $h } ч { $m } мин

# Life dates of a person; $birth and $death are dates in words.
life-dates = { $birth } — { $death }
life-born = род. { $birth }
life-died = ум. { $death }

# The signed-in person's line in the top bar of every public page (teachers, residents, staff).
signed-in-as = Вы вошли: { $name }
sign-out = Выйти
sign-out-studio = Студия

# School mode (shell/prefs.rs): the age limit on every read path.
school-on = Для школы
school-off = Выключить школьный режим
school-note = Включён школьный режим: показаны только материалы с возрастной отметкой до { $limit } включительно.

# The exhibition hall's kiosk (/kiosk).
kiosk-title = Музей на экране
kiosk-heading = Летопись: память нашего города о войне
kiosk-search-label = Найти героя, место или событие
kiosk-space = пробел
kiosk-erase = Стереть букву
kiosk-entry-label = Разделы музея
kiosk-map-note = места на карте
kiosk-touch = Коснитесь экрана, чтобы начать
kiosk-home = В начало
kiosk-back = Назад
kiosk-keyboard = Клавиатура
