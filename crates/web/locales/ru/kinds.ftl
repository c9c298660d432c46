# The nine kinds of record: one record, the list's title, and a counted number.

kind-person = Герой
kind-interview = Живой голос
kind-item = Предмет
kind-place = Место
kind-event = Событие
kind-organization = Организация
kind-story = Экспозиция
kind-collection = Подборка
kind-source = Источник

kind-plural-person = Герои
kind-plural-interview = Живые голоса
kind-plural-item = Фонды: фото, письма, документы
kind-plural-place = Места
kind-plural-event = События
kind-plural-organization = Организации
kind-plural-story = Экспозиции
kind-plural-collection = Подборки
kind-plural-source = Источники

count-person = { $count } { $count ->
    [one] герой
    [few] героя
   *[many] героев
}
count-interview = { $count } { $count ->
    [one] живой голос
    [few] живых голоса
   *[many] живых голосов
}
count-item = { $count } { $count ->
    [one] материал
    [few] материала
   *[many] материалов
}
count-place = { $count } { $count ->
    [one] место
    [few] места
   *[many] мест
}
count-event = { $count } { $count ->
    [one] событие
    [few] события
   *[many] событий
}
count-organization = { $count } { $count ->
    [one] организация
    [few] организации
   *[many] организаций
}
count-story = { $count } { $count ->
    [one] экспозиция
    [few] экспозиции
   *[many] экспозиций
}
count-collection = { $count } { $count ->
    [one] подборка
    [few] подборки
   *[many] подборок
}
count-source = { $count } { $count ->
    [one] источник
    [few] источника
   *[many] источников
}
