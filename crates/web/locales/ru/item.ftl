# The page of an item: the zoomable scan and the transcription beside it.

item-scan-title = Изображение
item-open-full = Открыть файл целиком
statement-choice-item = Если вы готовы смотреть, нажмите «Продолжить».
zoom-label = Изображение с увеличением
zoom-help = Масштаб: колесо мыши, кнопки «+» и «−» или клавиши + и −. Сдвиг: перетаскивание или стрелки. Клавиша 0 возвращает исходный вид.
zoom-in = Увеличить
zoom-out = Уменьшить
zoom-home = Исходный вид
zoom-full-page = Во весь экран
zoom-rotate-left = Повернуть влево
zoom-rotate-right = Повернуть вправо
zoom-next-page = Следующая страница
zoom-previous-page = Предыдущая страница

## The portal's IIIF viewer (/iiif/viewer).
iiif-viewer-title = «{ $title }» в просмотрщике IIIF
iiif-viewer-lead = Так запись видят другие музеи и библиотеки, открывая её по открытому стандарту IIIF: изображения, аудио и видео с расшифровкой и оглавлением.
iiif-viewer-record = Страница записи
iiif-viewer-manifest = Манифест IIIF
iiif-viewer-part = Часть
iiif-viewer-transcript = Расшифровка
iiif-viewer-index = Оглавление
iiif-viewer-loading = Загрузка…
iiif-viewer-failed = Не удалось открыть манифест. Обновите страницу или откройте страницу записи.
iiif-viewer-noscript = Просмотрщик работает с включённым JavaScript. Всё то же самое есть на странице записи.
iiif-viewer-open = Открыть в просмотрщике IIIF
iiif-viewer-bad-manifest = В адресе нужен манифест этого музея: /iiif/viewer?manifest=/iiif/interviews/1/manifest.
