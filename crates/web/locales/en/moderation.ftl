# Reasons a moderator declines a resident's story, as the contributor reads them in a letter.
decline-reason-not_about_war = the story is not about the town and the war of 1941–1945
decline-reason-cannot_verify = we could not confirm the facts
decline-reason-no_consent = there is no lawful ground to publish the hero's personal data
decline-reason-inappropriate = the text or the files break the portal's rules
decline-reason-duplicate = this story is already in the museum
decline-reason-other = another reason
