# Labels of the values core defines, keyed by their codes.

## Fate
fate-returned = returned from the front
fate-killed = killed in action
fate-missing = missing in action
fate-died-of-wounds = died of wounds
fate-died-in-captivity = died in captivity
fate-survived = survived the war

## PersonRole
role-soldier = front-line soldier
role-officer = officer
role-partisan = partisan
role-militia = militiaman
role-medic = medic
role-home-front = home-front worker
role-child-of-war = child of war
role-evacuee = evacuee
role-eyewitness = eyewitness

## PlaceType
place-type-settlement = settlement
place-type-street = street
place-type-factory = factory
place-type-hospital = hospital
place-type-school = school
place-type-station = station
place-type-defence-line = line of defence
place-type-memorial = memorial
place-type-cemetery = burial site
place-type-airfield = airfield
place-type-other = other

## EventType
event-type-battle = fighting
event-type-evacuation = evacuation
event-type-air-raid = air raid
event-type-production = production
event-type-mobilization = mobilisation
event-type-liberation = liberation
event-type-commemoration = commemoration
event-type-other = event

## OrgType
org-type-military-unit = military unit
org-type-militia = people's militia
org-type-partisan-unit = partisan unit
org-type-factory = enterprise
org-type-school = school
org-type-hospital = hospital
org-type-administration = institution
org-type-other = organisation

## ItemType
item-type-photo = photograph
item-type-letter = letter
item-type-document = document
item-type-newspaper = newspaper
item-type-artifact = object
item-type-drawing = drawing
item-type-audio = audio recording
item-type-video = video recording

## SourceType
source-type-archive = archival document
source-type-database = database
source-type-publication = publication
source-type-website = website
source-type-oral = oral testimony
source-type-family = family archive

## ExternalDb
external-db-memorial = OBD "Memorial"
external-db-pamyat-naroda = "Memory of the People"
external-db-podvig-naroda = "Feat of the People"

## RelationType, from the subject
relation-participated-in = took part in
relation-served-in = served in
relation-worked-at = worked at
relation-studied-at = studied at
relation-born-in = born in
relation-lived-in = lived in
relation-died-at = killed / died at
relation-buried-at = buried at
relation-relative-of = relative
relation-comrade-of = comrade-in-arms
relation-narrator-of = narrator in the interview
relation-recorded-at = recorded at
relation-depicts = depicts
relation-author-of = author of
relation-mentions = mentions
relation-took-place-at = place of the event
relation-located-at = was located at
relation-part-of = part of
relation-source-of = source of information on
relation-related-to = related to

## RelationType, from the object
relation-inverse-participated-in = participants
relation-inverse-served-in = served here
relation-inverse-worked-at = worked here
relation-inverse-studied-at = studied here
relation-inverse-born-in = born here
relation-inverse-lived-in = lived here
relation-inverse-died-at = killed / died here
relation-inverse-buried-at = buried here
relation-inverse-relative-of = relative
relation-inverse-comrade-of = comrade-in-arms
relation-inverse-narrator-of = narrator
relation-inverse-recorded-at = recorded here
relation-inverse-depicts = depicted in
relation-inverse-author-of = author
relation-inverse-mentions = mentioned in
relation-inverse-took-place-at = events here
relation-inverse-located-at = located here
relation-inverse-part-of = includes
relation-inverse-source-of = sources
relation-inverse-related-to = related to
