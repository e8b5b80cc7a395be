"""Fixtures that run the extraction rules on a text of a test's own."""

from datetime import date

import pytest

from extraction.claims import extract_claims
from extraction.dating import ArticleContext
from extraction.events import extract_events

# The article a test text is read as, unless the test gives another.
CONTEXT = ArticleContext(published_date=date(2021, 5, 14), outlet="Harbor Times")


@pytest.fixture
def claims(nlp):
    def run(text, context=CONTEXT):
        return extract_claims(nlp(text), context)
    return run


@pytest.fixture
def events(nlp):
    def run(text, context=CONTEXT):
        return extract_events(nlp(text), context)
    return run
