search-title = Поиск
search-title-for = Поиск: «{ $q }»
search-found = { $count ->
    [one] Найдена { $count } запись
    [few] Найдено { $count } записи
   *[many] Найдено { $count } записей
}
search-empty = Введите имя, место, событие или слова из воспоминаний: например, «Иванова Петра Семёновича», «эвакуация завода» или «Сходня 1941».
search-building = Поисковый указатель строится. Результаты появятся через несколько секунд — обновите страницу.
search-nothing = Ничего не найдено. Проверьте написание, уберите часть слов или снимите фильтры.
search-did-you-mean = Возможно, вы имели в виду
search-note-place = Поиск сужен до места: { $place }.
search-note-year = Учтён год: { $year }.
search-note-month = Учтены месяц и год: в { $month } { $year } г.
search-namesakes = { $count ->
    [one] { $count } человек с таким именем
    [few] { $count } человека с таким именем
   *[many] { $count } человек с таким именем
}
search-namesakes-narrow = Уточните, кого вы ищете:
search-note-relaxed = Записей со всеми словами нет; показаны записи, где есть все слова, кроме одного.
search-facet-kind = Раздел
search-sort-relevance = по соответствию
search-sort-date = по дате
search-sort-name = по алфавиту
search-pager-label = Страницы результатов
search-moment-listen = Слушать с
search-bad-param = Параметр «{ $name }» со значением «{ $value }» не распознан. Уберите его из адреса или выберите значение в фильтрах на странице поиска.
search-suggestions = Подсказки
search-similar = Возможно, вы искали
