# Sharing a record: links to the networks, the embed code, embeds and oEmbed (src/share/).
share-title = Поделиться
share-vk = ВКонтакте
share-telegram = Telegram
share-ok = Одноклассники
share-email = Письмом
share-embed = Встроить на свой сайт
share-embed-code = Код для вставки на сайт школы, библиотеки или учреждения
share-embed-note = Встроенная карточка не ставит файлов cookie и показывает только то, что открыто всем. Картинка для публикаций:
share-card = карточка 1200×630
embed-open = Открыть в музее
embed-listen-whole = Слушать всю запись в музее
embed-not-found = Этой записи нет среди открытых материалов музея: её могли закрыть или перенести.
embed-t-bad = Отрывок указывается как t=начало,конец — в секундах или минутах: t=95,140 или t=1:35,2:20.
embed-t-only-interviews = Отрывок (t=…) можно указать только для «Живого голоса».
embed-t-beyond = Отрывок начинается после конца записи: её длина { $length }.
oembed-no-url = Укажите адрес страницы музея в параметре url, например /oembed?url=https://…/persons/…
oembed-bad-size = maxwidth и maxheight — целые числа пикселей, не меньше 120.
oembed-json-only = Музей отвечает на oEmbed только в формате JSON (format=json).
