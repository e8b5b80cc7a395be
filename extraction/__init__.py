"""Extraction: sentences, entities, claim and event mentions from article text, with spaCy and rules.

Bump RULES_VERSION whenever a rule changes what is extracted: every article is then extracted again on the next
run. The extractor's version also holds a digest of the reference data and word lists the rules read
(`claimhouse.reference.reference_digest`), so editing those extracts every article again by itself.
"""

RULES_VERSION = "0.8.17"
# How much of an article's beginning is read for its dateline (as received: ingest takes it out of the text)
DATELINE_CHARS = 600
