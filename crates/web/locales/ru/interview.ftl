# The page of an interview («Живые голоса»): player, transcript, contents, content statement.

interview-narrators = { $count ->
    [one] Рассказчик
   *[other] Рассказчики
}
interview-place = Место записи
interview-listen = Слушать запись
segment-keywords = Ключевые слова
segment-mentions = Упомянуты
transcript-search-label = Найти в расшифровке
transcript-previous = ← Предыдущее
transcript-next = Следующее →
transcript-lines-label = Строки расшифровки; выберите строку, чтобы слушать с этого места
transcript-matches = { $count ->
    [one] Найдено { $count } совпадение
    [few] Найдено { $count } совпадения
   *[many] Найдено { $count } совпадений
}
transcript-no-matches = В расшифровке нет слов «{ $query }».
transcript-no-matches-short = Ничего не найдено.
error-moment = Момент записи указывается в секундах (например, ?t=754) или в минутах и секундах (?t=12:34), а указано «{ $value }».

# The statement before sensitive material (also on item pages).
age-rating-label = Возрастная маркировка
statement-default = Материал может оказаться тяжёлым для восприятия.
statement-age = Возрастное ограничение { $rating }: материал для посетителей от { $years } лет.
statement-choice = Если вы готовы слушать, нажмите «Продолжить».
statement-continue = Продолжить
