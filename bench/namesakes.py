#!/usr/bin/env python3
"""Search quality among namesakes (issue #21): a base of persons with a realistic frequency of
surnames and given names and planted near-namesakes, and name queries in classes (inflection,
gender, every «о» heard as «а», one and two slips of hearing of any kind, typos, maiden names, initials, Latin, reordering, with a
year, with a place), each with the one person it means.

    bench/namesakes.py gen --persons N --out DIR [--per-class Q] [--seed S]
        writes DIR/persons.csv (for `letopis import persons`) and DIR/queries.tsv
    bench/namesakes.py run --persons N [--bin PATH] [--per-class Q] [--work DIR]
        generates, imports into a fresh base, serves it, asks every query through
        /api/v1/search, and prints recall@10, «first» and latency per class, plus the server's
        peak resident memory; also writes DIR/result.json and DIR/misses.tsv; with --check,
        fails unless every class reaches recall@10 >= 0.95 and first >= 0.9 (the CI smoke)

Every query's intended person is unique for what the query says (its full name, or its name
with the year or the place asked), so «first» is always well defined; namesakes who differ in
one part (another patronymic, a son, an indeclinable surname with the same given name and
patronymic, men of a woman's maiden surname) are planted beside each one. Deterministic for a
seed. Standard library only.
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict

# Surnames, most frequent first (frequency falls off as 1/rank, as in real name lists): Russian
# possessive and adjectival ones, indeclinable ones (-ых/-их, -енко, -ук), Ukrainian, Belarusian,
# Polish and Tatar ones — the mix of a Moscow-region memory book.
SURNAMES = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров
Морозов Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев
Макаров Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев
Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин
Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов
Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов
Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин
Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышёв Быков Маслов
Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров
Наумов Потапов Журавлёв Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров
Емельянов Никифоров Грачёв Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов
Моисеев Румянцев Акимов Кондратьев Бирюков Горбунов Анисимов Ерёмин Тихомиров Галкин
Лукьянов Михеев Скворцов Юдин Белоусов Нестеров Симонов Прокофьев Харитонов Князев Цветков
Левин Митрофанов Воронов Аксёнов Софронов Мальцев Логинов Горшков Савин Краснов Майоров
Демидов Елисеев Рыбаков Сафонов Плотников Дёмин Хохлов Жданов Носов Колосов Богомолов
Горохов Корнилов Головин Лобов Доронин Осокин Рогов Золотов Кошелев Молчанов Поздняков
Черных Седых Долгих Белых Кривошеих Шевченко Коваленко Бондаренко Ткаченко Кравченко
Бойко Шевчук Ковальчук Мельник Ковальов Гордиенко Литвиненко Савченко Руденко Марченко
Лысенко Ковалевич Жук Новик Карпович Ковальский Вишневский Ясинский Островский Покровский
Успенский Вознесенский Троицкий Введенский Соколовский Жилинский Хабибуллин Гайнутдинов
Галимзянов Абдуллин Мухаметшин Сафин Валиев Гарипов Хайруллин Закиров Шарипов Ахметов
Нуриев Мингазов Фаттахов Латыпов Ким Цой Ли Пак""".split()

# The long tail: rarer surnames made from the common ones' stems (Морозов → Морозкин,
# Морозихин, Морозенков…), as real name lists have thousands — and near-namesakes with them.
TAIL_SUFFIXES = ["кин", "ихин", "енков", "ников", "ушкин", "атов", "цев", "ский"]
SURNAMES += [s[:-2] + suffix for s in SURNAMES if s.endswith(("ов", "ев", "ин"))
             for suffix in TAIL_SUFFIXES]

MALE = """Иван Николай Василий Михаил Александр Алексей Пётр Сергей Фёдор Дмитрий Андрей
Григорий Павел Степан Яков Егор Тимофей Илья Никита Семён Константин Владимир Борис Виктор
Анатолий Леонид Георгий Кузьма Матвей Филипп Захар Тихон Лев Фома Лука Гавриил Евгений Роман""".split()

FEMALE = """Мария Анна Александра Евдокия Екатерина Татьяна Прасковья Клавдия Валентина Нина
Антонина Зинаида Ольга Елена Вера Надежда Любовь Пелагея Агафья Анастасия Лидия Евгения
Ксения Софья""".split()

# Given name → patronymic stem, masculine and feminine patronymic, genitive.
PATRONYMIC = {
    "Илья": ("Ильич", "Ильинична"), "Никита": ("Никитич", "Никитична"),
    "Кузьма": ("Кузьмич", "Кузьминична"), "Фома": ("Фомич", "Фоминична"),
    "Лука": ("Лукич", "Лукинична"), "Лев": ("Львович", "Львовна"),
    "Павел": ("Павлович", "Павловна"), "Михаил": ("Михайлович", "Михайловна"),
    "Пётр": ("Петрович", "Петровна"), "Яков": ("Яковлевич", "Яковлевна"),
    "Гавриил": ("Гаврилович", "Гавриловна"),
}
GIVEN_GENITIVE = {
    "Илья": "Ильи", "Никита": "Никиты", "Кузьма": "Кузьмы", "Фома": "Фомы", "Лука": "Луки",
    "Лев": "Льва", "Павел": "Павла", "Пётр": "Петра",
    "Мария": "Марии", "Евдокия": "Евдокии", "Прасковья": "Прасковьи", "Пелагея": "Пелагеи",
    "Агафья": "Агафьи", "Анастасия": "Анастасии", "Лидия": "Лидии", "Евгения": "Евгении",
    "Ксения": "Ксении", "Софья": "Софьи", "Любовь": "Любови", "Ольга": "Ольги",
}
PLACES = ["Сходня", "Химки", "Подрезково", "Никольское", "Куркино", "Фирсановка", "Черкизово",
          "Клушино", "Ржавки", "Воскресенское", "Новоподрезково", "Планерная", "Спас", "Лобня",
          "Дедовск", "Зеленоград", "Крюково", "Лунёво", "Тушино", "Красногорск"]
FATES = ["погиб", "пропал без вести", "вернулся", "умер от ран"]
UNITS = ["{n}-я стрелковая дивизия", "{n}-й стрелковый полк", "{n}-я танковая бригада",
         "{n}-й отдельный сапёрный батальон"]
INDECLINABLE = [s for s in SURNAMES if s.endswith(("ых", "их", "ко", "ук", "ик", "ич", "ов"))
                and not s.endswith("ов")] + ["Черных", "Седых", "Долгих", "Шевченко"]

CLASSES = ["exact", "inflection", "gender", "akanye", "sound1", "sound2", "typo", "maiden",
           "initials", "latin", "order", "year", "place"]


def weighted(items, rnd, s=1.0):
    weights = [1 / (i + 1) ** s for i in range(len(items))]
    return lambda: rnd.choices(items, weights)[0]


def patronymic(father, female):
    if father in PATRONYMIC:
        return PATRONYMIC[father][1 if female else 0]
    if father in ("Дмитрий", "Георгий"):
        return father[:-1] + ("евна" if female else "евич")
    if father.endswith("ий"):
        return father[:-2] + ("ьевна" if female else "ьевич")
    if father.endswith("й"):
        return father[:-1] + ("евна" if female else "евич")
    return father + ("овна" if female else "ович")


def feminine(surname):
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    if surname.endswith(("ский", "цкий")):
        return surname[:-2] + "ая"
    return surname


def genitive_surname(s, female):
    if female:
        if s.endswith("ая"):
            return s[:-2] + "ой"
        if s.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return s[:-1] + "ой"
        return s
    if s.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return s + "а"
    if s.endswith(("ский", "цкий")):
        return s[:-2] + "ого"
    if s.endswith(("ук", "ик", "ич", "ок")) or s in ("Жук", "Мельник", "Новик", "Ким", "Пак"):
        return s + "а"
    return s


def genitive_given(g, female):
    if g in GIVEN_GENITIVE:
        return GIVEN_GENITIVE[g]
    if female:
        if g.endswith("а"):
            return g[:-1] + ("и" if g[-2] in "кгхжшчщ" else "ы")
        if g.endswith("я"):
            return g[:-1] + "и"
        return g
    if g.endswith("й"):
        return g[:-1] + "я"
    return g + "а"


def genitive_patronymic(p):
    if p.endswith("на"):
        return p[:-1] + "ы"
    return p + "а"


LAT = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
       "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
       "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
       "ъ": "", "ы": "y", "ь": "", "э": "e"}
READABLE = {"й": "y", "ю": "yu", "я": "ya"}
PASSPORT = {"й": "i", "ю": "iu", "я": "ia"}


def latin(text, passport):
    extra = PASSPORT if passport else READABLE
    out = []
    for c in text:
        low = c.lower()
        t = extra.get(low, LAT.get(low))
        if t is None:
            out.append(c)
        else:
            out.append(t.capitalize() if c != low else t)
    return "".join(out)


VOWELS = "аеёиоуыэюя"


def slips(surname, rnd, n):
    """`surname` as a clerk might have written it by ear, with `n` slips of different kinds."""
    kinds = ["akanye", "ikanye", "devoice", "double", "yo"]
    rnd.shuffle(kinds)
    s = surname
    made = 0
    for kind in kinds:
        if made == n:
            break
        lower = s.lower()
        if kind == "akanye":
            # An «о» after «ь» or «й» is the sound ё, which no one hears as «а».
            spots = [i for i, c in enumerate(lower) if c == "о" and i > 0 and lower[i - 1] not in "ьй"]
            if spots:
                i = rnd.choice(spots)
                s = s[:i] + "а" + s[i + 1:]
                made += 1
        elif kind == "ikanye":
            spots = [i for i, c in enumerate(lower) if c == "е" and i > 0]
            if spots:
                i = rnd.choice(spots)
                s = s[:i] + "и" + s[i + 1:]
                made += 1
        elif kind == "devoice":
            pairs = {"в": "ф", "д": "т", "б": "п", "з": "с", "г": "к", "ж": "ш"}
            if lower[-1] in pairs:
                s = s[:-1] + pairs[lower[-1]]
                made += 1
        elif kind == "double":
            spots = [i for i in range(1, len(lower)) if lower[i] == lower[i - 1]
                     and lower[i] not in VOWELS]
            if spots:
                i = rnd.choice(spots)
                s = s[:i] + s[i + 1:]
                made += 1
            else:
                spots = [i for i, c in enumerate(lower) if c in "лнмрс" and 1 < i < len(lower) - 2]
                if spots:
                    i = rnd.choice(spots)
                    s = s[:i] + s[i] + s[i:]
                    made += 1
        elif kind == "yo":
            if "ё" in lower:
                i = lower.index("ё")
                s = s[:i] + "о" + s[i + 1:]
                made += 1
    return s if made == n else None


KEYS_NEAR = {"а": "ов", "о": "ал", "е": "кн", "и": "мт", "н": "ег", "р": "кп", "л": "до",
             "в": "аы", "с": "чм", "к": "уе", "т": "ьи", "м": "си", "у": "кц", "д": "лж"}


def typo(surname, rnd):
    s = surname
    low = s.lower()
    kind = rnd.choice(["swap", "drop", "near", "extra"])
    i = rnd.randrange(1, len(s) - 1)
    if kind == "swap" and low[i] != low[i + 1]:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if kind == "drop":
        return s[:i] + s[i + 1:]
    if kind == "near" and low[i] in KEYS_NEAR:
        return s[:i] + rnd.choice(KEYS_NEAR[low[i]]) + s[i + 1:]
    c = rnd.choice("аоеинрлвст")
    return s[:i] + c + s[i:]


class Person:
    __slots__ = ("n", "surname", "given", "patronymic", "female", "maiden", "year", "place",
                 "fate", "unit")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)

    def full(self):
        return f"{self.surname} {self.given} {self.patronymic}"


def family(surname):
    """A rough family key for uniqueness checks: masculine form, lower case, ё as е."""
    s = surname.lower().replace("ё", "е")
    if s.endswith("ая"):
        return s[:-2] + "ий"
    if s.endswith(("ова", "ева", "ина", "ына")):
        return s[:-1]
    return s


def generate(persons, seed):
    rnd = random.Random(seed)
    surname = weighted(SURNAMES, rnd, 0.6)
    male = weighted(MALE, rnd, 0.8)
    female_name = weighted(FEMALE, rnd, 0.8)
    base = []

    def person(**kw):
        p = Person(n=len(base), **kw)
        base.append(p)
        return p

    def random_person(female=None):
        female = rnd.random() < 0.12 if female is None else female
        s = surname()
        return dict(
            surname=feminine(s) if female else s,
            given=female_name() if female else male(),
            patronymic=patronymic(male(), female),
            female=female,
            maiden=(feminine(surname()) if female and rnd.random() < 0.5 else ""),
            year=rnd.randint(1890, 1927),
            place=rnd.choice(PLACES),
            fate=rnd.choice(FATES),
            unit=rnd.choice(UNITS).format(n=rnd.randint(1, 400)),
        )

    while len(base) < persons:
        p = person(**random_person())
        # Near-namesakes beside about one person in eight: what makes real lists hard.
        if rnd.random() < 0.125:
            kw = random_person(False)
            kind = rnd.randrange(4)
            if p.female:
                # Men of her maiden surname (or her surname) with other given names.
                kw["surname"] = family(p.maiden or p.surname).capitalize()
                person(**kw)
            elif kind == 0:
                kw.update(surname=p.surname, given=p.given)  # another patronymic
                person(**kw)
            elif kind == 1:
                kw.update(surname=rnd.choice(INDECLINABLE), given=p.given, patronymic=p.patronymic)
                person(**kw)
            elif kind == 2:
                kw.update(surname=p.surname, patronymic=patronymic(p.given, False))  # a son
                person(**kw)
            else:
                kw.update(surname=p.surname, patronymic=p.patronymic)  # a brother
                person(**kw)
    return base[:persons]


def queries(base, per_class, seed):
    rnd = random.Random(seed + 1)
    # A maiden name is a name too: a query by it is unique only if no one else has it either way.
    full = Counter()
    for p in base:
        for s in {family(p.surname), family(p.maiden)} - {""}:
            full[(s, p.given, p.patronymic)] += 1
    by_initials, by_year, by_place = Counter(), Counter(), Counter()
    for p in base:
        for s in {family(p.surname), family(p.maiden)} - {""}:
            by_initials[(s, p.given[0], p.patronymic[0])] += 1
            by_year[(s, p.given, p.year)] += 1
            by_place[(s, p.given, p.place)] += 1
    by_maiden = Counter()
    for p in base:
        for s in {family(p.surname), family(p.maiden)} - {""}:
            by_maiden[(s, p.given)] += 1
    surnames_known = {family(p.surname) for p in base} | {family(p.maiden) for p in base}
    order = list(range(len(base)))
    rnd.shuffle(order)
    out = []
    counts = Counter()

    def add(cls, q, p):
        out.append((cls, q, p.n))
        counts[cls] += 1

    for i in order:
        if all(counts[c] >= per_class for c in CLASSES):
            break
        p = base[i]
        unique = full[(family(p.surname), p.given, p.patronymic)] == 1
        cls = min(CLASSES, key=lambda c: (counts[c], rnd.random()))
        if counts[cls] >= per_class:
            continue
        if cls == "exact" and unique:
            add(cls, p.full(), p)
        elif cls == "inflection" and unique:
            add(cls, f"{genitive_surname(p.surname, p.female)} {genitive_given(p.given, p.female)} "
                     f"{genitive_patronymic(p.patronymic)}", p)
        elif cls == "gender" and unique and feminine(family(p.surname).capitalize()) != family(p.surname).capitalize():
            other = family(p.surname).capitalize() if p.female else feminine(p.surname)
            add(cls, f"{other} {p.given} {p.patronymic}", p)
        elif cls == "akanye" and unique and "о" in p.surname[1:]:
            # Every «о» written as heard (as in «Марозов», «Валкав»), the «ё» sound aside.
            heard = p.surname[0] + "".join(
                "а" if c == "о" and p.surname[i] not in "ьй" else c
                for i, c in enumerate(p.surname[1:]))
            if family(heard) not in surnames_known:
                add(cls, f"{heard} {p.given} {p.patronymic}", p)
        elif cls in ("sound1", "sound2") and unique:
            slipped = slips(p.surname, rnd, 1 if cls == "sound1" else 2)
            if slipped and family(slipped) not in surnames_known:
                add(cls, f"{slipped} {p.given} {p.patronymic}", p)
        elif cls == "typo" and unique and len(p.surname) >= 6:
            t = typo(p.surname, rnd)
            if family(t) not in surnames_known:
                add(cls, f"{t} {p.given} {p.patronymic}", p)
        elif cls == "maiden" and p.female and p.maiden and by_maiden[(family(p.maiden), p.given)] == 1:
            add(cls, f"{p.maiden} {p.given}", p)
        elif cls == "initials" and by_initials[(family(p.surname), p.given[0], p.patronymic[0])] == 1:
            add(cls, f"{p.surname} {p.given[0]}. {p.patronymic[0]}.", p)
        elif cls == "latin" and unique:
            add(cls, latin(p.full(), rnd.random() < 0.5), p)
        elif cls == "order" and unique:
            add(cls, f"{p.given} {p.patronymic} {p.surname}", p)
        elif cls == "year" and by_year[(family(p.surname), p.given, p.year)] == 1:
            add(cls, f"{p.surname} {p.given} {p.year}", p)
        elif cls == "place" and by_place[(family(p.surname), p.given, p.place)] == 1:
            add(cls, f"{p.surname} {p.given} {p.place}", p)
    return out


def died(p):
    """Every person is deceased (those who came back died long ago), so the working group's
    public-interest decision publishes them all; a living person would stay out of search."""
    if p.fate == "вернулся":
        return str(1960 + p.n % 40)
    return str(1941 + p.n % 5)


def write(base, qs, out):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "persons.csv"), "w", encoding="utf-8") as f:
        f.write("id;Фамилия;Имя;Отчество;Девичья фамилия;Пол;Год рождения;Дата смерти;"
                "Место рождения;Судьба;Часть;Биография\n")
        for p in base:
            bio = f"Родился в {p.place}, воевал в составе части «{p.unit}»."
            f.write(";".join([f"N-{p.n}", p.surname, p.given, p.patronymic, p.maiden,
                              "ж" if p.female else "м", str(p.year), died(p), p.place, p.fate,
                              p.unit,
                              bio]) + "\n")
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f:
        f.write("class\tquery\tperson\n")
        for cls, q, n in qs:
            f.write(f"{cls}\t{q}\tN-{n}\n")


def gen(args):
    base = generate(args.persons, args.seed)
    qs = queries(base, args.per_class, args.seed)
    write(base, qs, args.out)
    return base, qs


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def run(args):
    work = args.work or tempfile.mkdtemp(prefix="namesakes-")
    args.out = work
    t0 = time.time()
    gen(args)
    print(f"generated {args.persons} persons in {time.time() - t0:.1f} s → {work}", file=sys.stderr)
    data = os.path.join(work, "data")
    if not os.path.exists(os.path.join(data, "letopis.db")):
        t0 = time.time()
        subprocess.run([args.bin, "import", "persons", os.path.join(work, "persons.csv"), "--data",
                        data, "--publish", "--public-interest", "Бенчмарк однофамильцев"],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"imported in {time.time() - t0:.1f} s", file=sys.stderr)
    db = sqlite3.connect(os.path.join(data, "letopis.db"))
    ids = dict(db.execute("SELECT external_id, id FROM records WHERE external_id LIKE 'N-%'"))
    db.close()
    port = free_port()
    server = subprocess.Popen([args.bin, "serve", "--data", data, "--bind", f"127.0.0.1:{port}"],
                              stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "/healthz"):
                    break
            except OSError:
                time.sleep(0.1)
        # Wait until the index answers (a fresh base is indexed on start).
        while True:
            with urllib.request.urlopen(url + "/api/v1/search?q=" + urllib.parse.quote("Иванов")) as r:
                if json.load(r)["total"] > 0:
                    break
            time.sleep(0.5)
        qs = [line.rstrip("\n").split("\t") for line in open(os.path.join(work, "queries.tsv"),
                                                              encoding="utf-8")][1:]
        per = defaultdict(lambda: {"n": 0, "top10": 0, "first": 0, "ms": []})
        misses = []
        for cls, q, ext in qs:
            want = ids[ext]
            t = time.perf_counter()
            with urllib.request.urlopen(url + "/api/v1/search?per_page=10&q=" + urllib.parse.quote(q)) as r:
                items = json.load(r)["items"]
            ms = (time.perf_counter() - t) * 1000
            got = [it["id"] for it in items]
            s = per[cls]
            s["n"] += 1
            s["ms"].append(ms)
            s["top10"] += want in got
            s["first"] += bool(got) and got[0] == want
            if not got or got[0] != want:
                misses.append(f"{cls}\t{q}\t{want}\t{[it['title'] for it in items[:3]]}")
        hwm = kb(server.pid, "VmHWM")
        rss = kb(server.pid, "VmRSS")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    allms = sorted(m for s in per.values() for m in s["ms"])
    result = {"persons": args.persons, "queries": len(qs), "peak_rss_mb": round(hwm / 1024),
              "rss_mb": round(rss / 1024),
              "p95_ms": round(allms[int(len(allms) * 0.95) - 1], 1),
              "p50_ms": round(statistics.median(allms), 1), "classes": {}}
    print(f"\n{args.persons} persons, {len(qs)} queries; p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms; server peak {result['peak_rss_mb']} MB\n")
    print("| class | queries | recall@10 | first | p95 ms |")
    print("|---|---:|---:|---:|---:|")
    for cls in CLASSES:
        s = per.get(cls)
        if not s:
            continue
        ms = sorted(s["ms"])
        row = {"n": s["n"], "recall10": round(s["top10"] / s["n"], 3),
               "first": round(s["first"] / s["n"], 3), "p95_ms": round(ms[int(len(ms) * 0.95) - 1], 1)}
        result["classes"][cls] = row
        print(f"| {cls} | {row['n']} | {row['recall10']:.3f} | {row['first']:.3f} | {row['p95_ms']} |")
    with open(os.path.join(work, "result.json"), "w") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
    with open(os.path.join(work, "misses.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(misses) + "\n")
    return result


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--persons", type=int, required=True)
    g.add_argument("--out", required=True)
    r = sub.add_parser("run")
    r.add_argument("--persons", type=int, required=True)
    r.add_argument("--bin", default="target/release/letopis")
    r.add_argument("--work")
    r.add_argument("--check", action="store_true",
                   help="exit 1 unless recall@10 >= 0.95 and first >= 0.9 in every class")
    for a in (g, r):
        a.add_argument("--per-class", type=int, default=100)
        a.add_argument("--seed", type=int, default=1941)
    args = p.parse_args()
    if args.cmd == "gen":
        base, qs = gen(args)
        print(f"{len(base)} persons, {len(qs)} queries → {args.out}", file=sys.stderr)
    else:
        result = run(args)
        if args.check:
            failed = [f"{cls}: recall@10 {row['recall10']}, first {row['first']}"
                      for cls, row in result["classes"].items()
                      if row["recall10"] < 0.95 or row["first"] < 0.9]
            if failed:
                print("below the bar (recall@10 >= 0.95, first >= 0.9):", *failed, sep="\n  ")
                sys.exit(1)
            print("every class at recall@10 >= 0.95 and first >= 0.9")


if __name__ == "__main__":
    main()
