# Reasons a moderator declines a resident's story, as the contributor reads them in a letter.
decline-reason-not_about_war = история не связана с городом и войной 1941–1945 годов
decline-reason-cannot_verify = сведения не удалось подтвердить
decline-reason-no_consent = нет законного основания публиковать данные героя
decline-reason-inappropriate = текст или файлы нарушают правила портала
decline-reason-duplicate = этот рассказ уже есть в музее
decline-reason-other = другая причина
