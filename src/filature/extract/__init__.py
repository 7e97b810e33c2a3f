"""Extraction: entities (spaCy NER + rules, acronyms, canonicalisation, curation)."""
