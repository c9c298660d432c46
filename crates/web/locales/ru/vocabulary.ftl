# Labels of the values core defines, keyed by their codes (the serde names, `_` as `-`).
# core keeps its own Russian labels for the command line; the site uses these.

## Fate — Fate: what became of a person in the war.
fate-returned = вернулся с фронта
fate-killed = погиб
fate-missing = пропал без вести
fate-died-of-wounds = умер от ран
fate-died-in-captivity = погиб в плену
fate-survived = пережил войну

## PersonRole — Who a person was in the war years.
role-soldier = фронтовик
role-officer = офицер
role-partisan = партизан
role-militia = ополченец
role-medic = медик
role-home-front = труженик тыла
role-child-of-war = ребёнок войны
role-evacuee = эвакуированный
role-eyewitness = очевидец

## PlaceType
place-type-settlement = населённый пункт
place-type-street = улица
place-type-factory = завод
place-type-hospital = госпиталь
place-type-school = школа
place-type-station = станция
place-type-defence-line = рубеж обороны
place-type-memorial = памятник
place-type-cemetery = захоронение
place-type-airfield = аэродром
place-type-other = другое

## EventType
event-type-battle = бои
event-type-evacuation = эвакуация
event-type-air-raid = авианалёт
event-type-production = производство
event-type-mobilization = мобилизация
event-type-liberation = освобождение
event-type-commemoration = память
event-type-other = событие

## OrgType
org-type-military-unit = воинская часть
org-type-militia = ополчение
org-type-partisan-unit = партизанский отряд
org-type-factory = предприятие
org-type-school = школа
org-type-hospital = госпиталь
org-type-administration = учреждение
org-type-other = организация

## ItemType
item-type-photo = фотография
item-type-letter = письмо
item-type-document = документ
item-type-newspaper = газета
item-type-artifact = предмет
item-type-drawing = рисунок
item-type-audio = аудиозапись
item-type-video = видеозапись

## SourceType
source-type-archive = архивный документ
source-type-database = база данных
source-type-publication = публикация
source-type-website = сайт
source-type-oral = устное свидетельство
source-type-family = семейный архив

## ExternalDb — National memorial databases.
external-db-memorial = ОБД «Мемориал»
external-db-pamyat-naroda = «Память народа»
external-db-podvig-naroda = «Подвиг народа»

## RelationType — How a relation reads from its subject: «участвовал в» (an event).
relation-participated-in = участвовал в
relation-served-in = служил в
relation-worked-at = работал в
relation-studied-at = учился в
relation-born-in = родился в
relation-lived-in = жил в
relation-died-at = погиб / умер в
relation-buried-at = похоронен в
relation-relative-of = родственник
relation-comrade-of = однополчанин
relation-narrator-of = рассказчик в интервью
relation-recorded-at = записано в
relation-depicts = изображает
relation-author-of = автор
relation-mentions = упоминает
relation-took-place-at = место события
relation-located-at = располагалось в
relation-part-of = часть
relation-source-of = источник сведений о
relation-related-to = связано с

## RelationType — How a relation reads from its object: «участники».
relation-inverse-participated-in = участники
relation-inverse-served-in = служили здесь
relation-inverse-worked-at = работали здесь
relation-inverse-studied-at = учились здесь
relation-inverse-born-in = родились здесь
relation-inverse-lived-in = жили здесь
relation-inverse-died-at = погибли / умерли здесь
relation-inverse-buried-at = похоронены здесь
relation-inverse-relative-of = родственник
relation-inverse-comrade-of = однополчанин
relation-inverse-narrator-of = рассказчик
relation-inverse-recorded-at = записано здесь
relation-inverse-depicts = изображён на
relation-inverse-author-of = автор
relation-inverse-mentions = упоминается в
relation-inverse-took-place-at = события здесь
relation-inverse-located-at = здесь располагались
relation-inverse-part-of = включает
relation-inverse-source-of = источники
relation-inverse-related-to = связано с
