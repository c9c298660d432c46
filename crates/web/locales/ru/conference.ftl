# The conference (issue #18): `/conference`, `/conference/submit`, the confirmation link.
conference-title = Конференция
conference-kicker = Краеведческая конференция
conference-none = Конференция пока не объявлена. Следите за новостями музея.
conference-dates = Даты
conference-place = Место
conference-organizers = Организаторы
conference-contents = Разделы страницы
conference-call = Приглашение к участию
conference-sections = Секции
conference-deadline = Заявки с докладами принимаются до { $date } включительно.
conference-submit-link = Подать доклад
conference-closed = Приём докладов закончен.
conference-programme = Программа
conference-programme-none = Программа появится, когда программный комитет рассмотрит заявки.
conference-proceedings = Труды конференции
conference-proceedings-none = Труды конференции будут опубликованы после её окончания.
conference-proceedings-lead = Доклады опубликованы в информационной базе музея: их можно найти поиском по сайту, они связаны с героями, местами и документами, о которых рассказывают.
conference-back = К странице конференции
conference-submit-title = Подать доклад на конференцию
conference-submit-lead = Заполните форму и приложите текст доклада в PDF. Мы пришлём письмо: откройте ссылку из него, чтобы подтвердить адрес. Решение программного комитета придёт на тот же адрес.
conference-problems = Проверьте, пожалуйста:
conference-limit = С этого адреса сегодня уже отправлено несколько заявок. Попробуйте завтра или напишите организаторам.
conference-paper-title = Название доклада
conference-paper-section = Секция
conference-paper-section-choose = — выберите секцию —
conference-paper-authors = Авторы
conference-paper-authors-hint = Фамилия, имя и отчество полностью. Если докладчик — школьник, заявку подаёт его научный руководитель, указав себя первым автором.
conference-paper-author = Автор { $n }: фамилия, имя, отчество
conference-paper-affiliation = Автор { $n }: место работы или учёбы
conference-paper-email = Электронная почта
conference-paper-email-hint = На неё придёт письмо для подтверждения и решение комитета. На сайте адрес не публикуется.
conference-paper-abstract = Аннотация
conference-paper-abstract-hint = О чём доклад, на каких источниках он основан — до { $max } знаков.
conference-paper-file = Текст доклада (PDF)
conference-paper-file-hint = Только PDF, не больше { $max }.
conference-paper-consent = Мне исполнилось 18 лет. Я согласен (согласна) на обработку моих персональных данных (имя, место работы или учёбы, адрес почты) оргкомитетом конференции для рассмотрения заявки (152-ФЗ). Согласие можно отозвать письмом организаторам.
conference-paper-publish = Если доклад примут, я разрешаю опубликовать в программе его название, имена и места работы авторов, а в трудах конференции на портале — текст доклада по лицензии CC BY 4.0.
conference-paper-send = Отправить доклад
conference-sent = Заявка отправлена. Мы прислали письмо на указанный адрес: откройте ссылку из него в течение недели, чтобы подтвердить заявку. Без подтверждения комитет её не увидит.
conference-error-form = Форма пришла неполной. Заполните её ещё раз и отправьте.
conference-error-title = Укажите название доклада.
conference-error-section = Выберите секцию из списка.
conference-error-author = Укажите хотя бы одного автора.
conference-error-email = Укажите адрес электронной почты, например ivanova@mail.ru: на него придёт письмо для подтверждения.
conference-error-abstract = Напишите аннотацию: о чём доклад и на чём он основан.
conference-error-abstract-long = Аннотация длиннее { $max } знаков. Сократите её.
conference-error-file = Приложите текст доклада в PDF.
conference-error-file-big = Файл больше { $max }. Сожмите иллюстрации или приложите текст без них.
conference-error-file-type = Это не PDF. Сохраните текст доклада как PDF (в Word: «Файл» → «Сохранить как» → PDF) и приложите снова.
conference-error-consent = Без согласия на обработку персональных данных мы не можем рассмотреть заявку.
conference-error-publish = Отметьте согласие на публикацию: без него доклад не войдёт в программу и труды.
conference-confirmed-title = Подтверждение заявки
conference-confirmed = Спасибо! Заявка № { $number } подтверждена и передана программному комитету. Решение придёт письмом.
conference-confirm-stale = Эта ссылка уже использована или устарела. Если заявка подтверждена, решение придёт письмом; если прошло больше недели, отправьте доклад ещё раз.
conference-letter-confirm-subject = { $site }: подтвердите заявку № { $number } на конференцию
conference-letter-confirm-body =
    Здравствуйте!

    Мы получили заявку № { $number } на конференцию «{ $conference }»: «{ $title }».

    Чтобы подтвердить адрес и передать заявку программному комитету, откройте ссылку:

    { $confirm }

    Ссылка действует неделю. Если вы ничего не отправляли, просто удалите письмо: без подтверждения заявка будет удалена.
conference-letter-decision-subject = { $site }: решение по докладу № { $number }
conference-footer = Краеведческая конференция
conference-confirm-ask = Нажмите кнопку, чтобы подтвердить заявку и передать её программному комитету.
conference-confirm-button = Подтвердить заявку
