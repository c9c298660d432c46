# Error pages and API error messages. Keys follow the API's error codes.

error-not-found-title = Страница не найдена
error-not-found-message = Такой страницы нет.
error-not-found-advice = Проверьте адрес страницы. Возможно, запись ещё готовится к публикации или её сняли. Попробуйте найти нужное через поиск или разделы ниже.
error-bad-request-title = Неверный запрос
error-bad-request-message = Запрос составлен неверно.
error-bad-request-advice = Проверьте адрес страницы или вернитесь на главную и откройте нужный раздел.
error-method-not-allowed-title = Запрос не принимается
error-method-not-allowed-message = Такой запрос по этому адресу не принимается: сайт открыт только для чтения.
error-method-not-allowed-advice = Откройте страницу обычной ссылкой.
error-unavailable-title = Музей временно недоступен
error-unavailable-message = Музей временно недоступен: хранилище не отвечает.
error-unavailable-advice = Обновите страницу через минуту. Если ошибка повторяется, сообщите сотрудникам музея, когда и на какой странице она случилась.
error-internal-title = Ошибка на сервере
error-internal-message = На сервере произошла ошибка. Подробности записаны в журнал сервера.
error-internal-advice = Обновите страницу через минуту. Если ошибка повторяется, сообщите сотрудникам музея, когда и на какой странице она случилась.
error-status = Код ошибки: { $status }.
error-home-link = На главную страницу
error-search-label = Поиск по музею

# Why a request was refused ($value is what the visitor wrote).
error-bad-request-generic = Запрос составлен неверно.
error-query-string = Параметры адреса (после «?») записаны неверно. Проверьте, что каждый указан один раз, или откройте страницу без них.
error-page-number = Номер страницы должен быть целым положительным числом (например, ?page=2), а указано «{ $value }».
error-per-page = Параметр per_page должен быть целым числом от 1 до { $max }, а указано «{ $value }».
error-record-id = Номер записи должен быть целым числом, а указано «{ $value }».
error-page-too-large = Номер страницы «{ $value }» слишком велик: в разделах музея не больше { $max } страниц. Откройте первую страницу раздела.
error-sort = Порядок «{ $value }» неизвестен. Можно: sort=name (по алфавиту), sort=date (по дате), sort=new (новые).
error-filter = Фильтр { $name }=«{ $value }» неизвестен для этого раздела.
error-too-many-filters = Слишком много фильтров сразу: не больше { $max }.

# The studio (back office).
error-forbidden-title = Нет доступа
error-forbidden-message = У вашей учётной записи нет прав на это действие, или форма устарела.
error-forbidden-advice = Если форма была открыта давно, обновите страницу и повторите. Если вам нужны права, обратитесь к администратору портала.
error-studio-link = Ссылка недействительна: она уже использована или срок её действия истёк. Попросите администратора прислать новое приглашение или восстановите пароль на странице входа.
