"""Extraction: entities (spaCy NER + rules, acronyms, canonicalisation) and relations."""
