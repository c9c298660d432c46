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
