"""Whatever bytes arrive, the reader returns an Article or raises InputError; the pipeline never crashes."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import article_from_bytes
from sitrep.models import Article

NEWSY = st.lists(
    st.sampled_from([
        "Taliban fighters attacked", "the city of", "Kunduz", "on Monday", ",", ".", "police said", "killing",
        "at least", "12", "civilians", "Qala-i-Naw", "(Badghis)", "protesters", "were dispersed", "\n\n", "last Thursday",
        "Al Shabaab", "shelled", "near", "Mogadishu", "—", "“", "”", "'s", "Iran hosted talks", "the capital of", "province",
    ]),
    min_size=0, max_size=60,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_reader_on_arbitrary_bytes(data):
    try:
        article = article_from_bytes(data, name="fuzz")
    except InputError as exc:
        assert str(exc).startswith("fuzz:")
    else:
        assert article.text.strip() and article.content_hash


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(NEWSY, st.text(max_size=400)))
def test_pipeline_on_arbitrary_text(pipeline, text):
    result = pipeline(Article(text=text or " ", published=dt.date(2021, 7, 7)))
    for ev in result.events:
        for span in [*ev.evidence, *ev.field_evidence.values()]:
            assert (text or " ")[span.start : span.end] == span.text


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_html_like_garbage(body):
    try:
        article_from_bytes(f"<html><body><p>{body}</p><div><p><span>".encode("utf-8", "surrogatepass"), name="page")
    except InputError:
        pass
