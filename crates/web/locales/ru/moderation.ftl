# Reasons a moderator declines a resident's story, as the contributor reads them in a letter.
decline-reason-not_about_war = История не связана с городом и войной 1941–1945 годов.
decline-reason-cannot_verify = Сведения не удалось подтвердить.
decline-reason-no_consent = Нет законного основания публиковать сведения о герое.
decline-reason-inappropriate = Текст или файлы нарушают правила портала.
decline-reason-duplicate = Этот рассказ уже есть в музее.
decline-reason-other = Другая причина.
