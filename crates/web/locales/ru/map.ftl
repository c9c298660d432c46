# The map (/map), the small maps of record pages, and the timeline (/timeline).

map-title = Карта памяти
map-lead = Места нашего города, связанные с войной: улицы и деревни, заводы и госпитали, рубежи обороны, памятники и захоронения. Нажмите на отметку, чтобы открыть страницу места.
map-label = Карта мест
map-small-label = Места на карте
map-zoom-in = Приблизить
map-zoom-out = Отдалить
map-cluster = Группа мест, нажмите, чтобы приблизить. Мест в группе:
map-open-place = Открыть страницу места
map-no-tiles = Карта без подложки: показаны только отметки мест.
map-no-tiles-hint = Для администратора: укажите файл подложки в разделе [map] файла letopis.toml (ключ mbtiles); как сделать такой файл для своего города — в README, раздел «Карта».
map-layers = Слои карты
map-layer-today = Сегодня
map-filter-type = Тип места
map-filter-district = Микрорайон
map-filter-period = Период (места событий этих лет)
map-filter-from = с
map-filter-to = по
map-filter-any = Все
map-filter-apply = Показать
map-filter-reset = Сбросить фильтры
map-found = Найдено:
map-off-map = без координат: { $count } (только в списке)
map-not-on-map = нет на карте
map-list-title = Места по микрорайонам
map-no-district = Микрорайон не указан
map-nothing-found = Таких мест не нашлось. Попробуйте изменить или сбросить фильтры.
map-error-type = Неизвестный тип места «{ $value }». Выберите тип из списка на странице карты.
map-error-year = Год «{ $value }» не похож на год. Укажите год числом, например 1942.

timeline-title = Лента времени
timeline-filter-kind = Что показать
timeline-kind-all = События и документы
timeline-kind-event = События
timeline-kind-item = Документы, письма и фотографии
timeline-kind-person = Даты гибели и смерти героев
timeline-count = { $count } { $count ->
    [one] запись
    [few] записи
   *[many] записей
}
timeline-whole-year = В течение года и дольше
timeline-whole-month = В течение месяца и дольше
timeline-day = { $day } { $month }
timeline-death = Дата гибели или смерти
timeline-months-label = Месяцы года
timeline-pager-label = Соседние периоды
timeline-empty = За этот период записей пока нет.
timeline-error-year = Лента времени охватывает 1941–1945 годы, а «{ $value }» — не один из них.
timeline-error-month = Месяц «{ $value }» указан неверно: нужен номер от 1 до 12.
timeline-error-month-without-year = Укажите год вместе с месяцем, например ?year=1941&month=11.
timeline-error-kind = Неизвестный вид записей «{ $value }». Выберите из списка на странице.

month-1 = Январь
month-2 = Февраль
month-3 = Март
month-4 = Апрель
month-5 = Май
month-6 = Июнь
month-7 = Июль
month-8 = Август
month-9 = Сентябрь
month-10 = Октябрь
month-11 = Ноябрь
month-12 = Декабрь
month-genitive-1 = января
month-genitive-2 = февраля
month-genitive-3 = марта
month-genitive-4 = апреля
month-genitive-5 = мая
month-genitive-6 = июня
month-genitive-7 = июля
month-genitive-8 = августа
month-genitive-9 = сентября
month-genitive-10 = октября
month-genitive-11 = ноября
month-genitive-12 = декабря
