kind-person = Hero
kind-interview = Living voice
kind-item = Item
kind-place = Place
kind-event = Event
kind-organization = Organisation
kind-story = Exhibition
kind-collection = Collection
kind-source = Source

kind-plural-person = Heroes
kind-plural-interview = Living voices
kind-plural-item = Collection: photos, letters, documents
kind-plural-place = Places
kind-plural-event = Events
kind-plural-organization = Organisations
kind-plural-story = Exhibitions
kind-plural-collection = Selections
kind-plural-source = Sources

count-person = { $count } { $count ->
    [one] hero
   *[other] heroes
}
count-interview = { $count } { $count ->
    [one] living voice
   *[other] living voices
}
count-item = { $count } { $count ->
    [one] item
   *[other] items
}
count-place = { $count } { $count ->
    [one] place
   *[other] places
}
count-event = { $count } { $count ->
    [one] event
   *[other] events
}
count-organization = { $count } { $count ->
    [one] organisation
   *[other] organisations
}
count-story = { $count } { $count ->
    [one] exhibition
   *[other] exhibitions
}
count-collection = { $count } { $count ->
    [one] selection
   *[other] selections
}
count-source = { $count } { $count ->
    [one] source
   *[other] sources
}
