# Reasons a moderator declines a resident's story, as the contributor reads them in a letter.
decline-reason-not_about_war = The story is not about the town and the war of 1941–1945.
decline-reason-cannot_verify = The details could not be confirmed.
decline-reason-no_consent = There is no lawful ground to publish the hero's details.
decline-reason-inappropriate = The text or files break the portal's rules.
decline-reason-duplicate = The museum already has this story.
decline-reason-other = Another reason.
