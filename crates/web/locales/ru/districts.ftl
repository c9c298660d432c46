# Micro-districts (issue #18): `/districts`, `/districts/{slug}`, the poster and the leaflet.
districts-title = Микрорайоны
districts-lead = Память о войне живёт в каждом микрорайоне: улицы и станции, памятники, люди, которые здесь жили, их голоса. Выберите свой.
districts-none = Пока ни у одного места не указан микрорайон.
districts-to-map = Все места на карте
districts-home-note = Память каждого микрорайона: места, люди, голоса
districts-kind = Микрорайон
districts-page-lead = Микрорайон в памяти войны 1941–⁠1945 годов
districts-contents = Разделы страницы
districts-map-open = Карта микрорайона
districts-poster-a4 = Плакат A4 (PDF)
districts-poster-a3 = Плакат A3 (PDF)
districts-leaflet = Листовка для территориального управления (PDF)
districts-visit = Что посмотреть
districts-places = Места
districts-persons = Люди, которые здесь жили
districts-voices = Живые голоса микрорайона
districts-items = Фотографии, письма, документы
districts-stories = Экспозиции
districts-events = События
districts-venues = Площадки проекта
districts-venues-lead = Здесь рассказывают о «Летописи», принимают фотографии и письма, проводят встречи.
districts-all = Все: { $what } →
districts-tell = Знаете о человеке, который жил в этом микрорайоне в годы войны? Расскажите музею о нём.
districts-tell-link = Рассказать о герое
districts-count-venue = { $count } { $count ->
    [one] площадка
    [few] площадки
   *[many] площадок
}
# On paper.
districts-print-museum = виртуальный музей памяти 1941–⁠1945
districts-print-invite = Наведите камеру телефона на код: откроется страница микрорайона — люди, которые здесь жили, их голоса, экспозиции и карта.
districts-print-visit = Что посмотреть:
districts-print-venues = Площадки проекта:
districts-print-and-more = и ещё { $count }
districts-print-call = Расскажите о родных, которые воевали, работали в тылу или пережили войну детьми: фотографии, письма, воспоминания.
districts-print-footer = «Летопись» — портал памяти города · { $year }
districts-leaflet-title = «Летопись» в микрорайоне { $name }
districts-leaflet-subtitle = Для территориального управления: что это за проект и как в нём участвовать
districts-leaflet-what = Что такое «Летопись»
districts-leaflet-what-text = Интерактивный портал и виртуальный музей памяти нашего города в годы Великой Отечественной войны. Его информационную базу постоянно пополняют рабочие группы, волонтёры, которые записывают интервью с ветеранами и очевидцами, и жители, рассказывающие о своих родных. Портал показывают школьникам на экскурсиях и используют на уроках.
districts-leaflet-join = Как принять участие
districts-leaflet-join-tell = Рассказать о герое на сайте: { $address }
districts-leaflet-join-bring = Принести фотографии, письма и документы на одну из площадок микрорайона: их отсканируют и вернут.
districts-leaflet-join-voices = Помочь записать воспоминания ветеранов и очевидцев: волонтёров научат и помогут.
districts-leaflet-join-school = Привести класс на экскурсию в выставочный зал: { $address }
districts-leaflet-no-venues = Площадки в микрорайоне ещё не названы. Библиотека, школа, дом культуры могут стать площадкой проекта: напишите в музей.
districts-leaflet-holds = Что уже есть на портале о микрорайоне
# The kinds of venue (letopis_core::district::VenueKind).
venue-kind-library = библиотека
venue-kind-school = школа
venue-kind-territorial_office = территориальное управление
venue-kind-museum = музей
venue-kind-culture_house = дом культуры
venue-kind-other = другое
error-poster-size = Такого размера плаката нет: «{ $value }». Плакат печатается в форматах A4 (по умолчанию) и A3: добавьте к адресу ?size=a3 или уберите size.
# A list narrowed to a micro-district (`/persons?district=…`) leads to its page, also on paper.
list-district-page = Страница микрорайона «{ $name }»
districts-qr-label = Страница микрорайона на портале
