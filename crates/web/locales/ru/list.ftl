list-total = Всего:
list-page-empty = На этой странице записей нет.
list-back-to-first = Вернуться к первой странице раздела
list-section-empty = В этом разделе пока нет открытых записей. Загляните позже или откройте другой раздел.
pager-label = Страницы раздела
pager-previous = Предыдущая
pager-next = Следующая
pager-position = Страница { $page } из { $last }
