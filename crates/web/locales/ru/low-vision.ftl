# The version for the visually impaired (ГОСТ Р 52872-2019).

lv-on = Версия для слабовидящих
lv-off = Обычная версия
lv-panel-title = Настройки версии для слабовидящих
lv-apply = Применить
lv-size = Размер шрифта
lv-size-normal = Обычный
lv-size-large = Крупный
lv-size-xlarge = Очень крупный
lv-scheme = Цвета
lv-scheme-bw = Чёрным по белому
lv-scheme-wb = Белым по чёрному
lv-scheme-blue = Тёмно-синим по голубому
lv-scheme-brown = Коричневым по бежевому
lv-scheme-normal = Цвета сайта
lv-images = Изображения
lv-images-on = Показывать
lv-images-off = Не показывать
lv-line = Межстрочный интервал
lv-line-normal = Обычный
lv-line-15 = Полуторный
lv-line-2 = Двойной
lv-letters = Расстояние между буквами
lv-letters-normal = Обычное
lv-letters-wide = Увеличенное
lv-letters-wider = Большое
