"""The analyst's notes (``notes.toml`` beside ``curation.toml``): a star on an entity, a
relation or an excerpt, with a note. ``entries`` reads and checks the file, ``edit`` writes it
(under the curation lock, atomically), ``match`` finds what each note points to in a
database after any rebuild. Nothing is imported here, so that readers never load the writer."""
