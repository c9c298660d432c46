## Exports (/export).
export-title = Data export
export-lead = The open part of the museum's base in full — for libraries, schools, researchers and other museums. The files are made as you download them and hold exactly what the site shows.
export-caption = The museum's sections and file formats
export-section = Section
export-records = Records
export-files = Files
export-spreadsheet = Spreadsheet (Excel)
export-formats = Formats
export-spreadsheet-note = CSV in UTF-8 with a byte order mark and semicolons: opens in Excel and LibreOffice as it is. The columns of “Heroes” are the import's, so a corrected file can be imported back.
export-csv-note = Plain CSV in UTF-8 with commas: for programs.
export-jsonl-note = One record a line, as the API (/api/v1) gives it, with its relations.
export-dc-note = Each record's Dublin Core description (oai_dc), as OAI-PMH harvesters get it.
export-harvest = Metadata harvesters are better served by OAI-PMH:
export-note = Data about living people, closed stretches of interviews and health data are left out unless their publication was consented to.
