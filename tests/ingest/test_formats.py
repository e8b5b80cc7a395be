import json

from ingest.formats import RawRecord, RejectedRecord, read_records

HTML = """<html><head><title>Road reopens | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times">
<meta property="article:published_time" content="2021-03-04T08:00:00Z">
<link rel="canonical" href="https://harbor.example/road">
<script>var tracking = "Subscribe now";</script></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Road reopens</h1><p>The ministry said the road reopened.</p><p>Trucks crossed at noon.</p></article>
<footer>All rights reserved</footer></body></html>"""


def records(name, data):
    return list(read_records(name, data))


def test_plain_text_is_one_record_whose_lines_are_the_files():
    [record] = records("a.txt", b"Title\n\nBody line.")
    assert isinstance(record, RawRecord)
    assert (record.source_format, record.first_line, record.lines_follow_file) == ("text", 1, True)


def test_markdown_is_read_as_text():
    [record] = records("notes.md", b"# Title\n\nBody.")
    assert record.source_format == "markdown"


def test_html_drops_scripts_and_navigation_and_reads_meta_tags():
    [record] = records("page.html", HTML.encode())
    assert "The ministry said the road reopened." in record.text
    assert "tracking" not in record.text and "Home | World" not in record.text
    assert "All rights reserved" not in record.text
    assert record.fields == {"title": "Road reopens | Harbor Times", "outlet": "Harbor Times",
                             "published": "2021-03-04T08:00:00Z", "url": "https://harbor.example/road"}
    assert record.first_line is None


def test_json_object_and_list_of_objects():
    one = {"headline": "A", "body": "The ministry said the road reopened.", "source": {"name": "Harbor Times"}}
    [record] = records("one.json", json.dumps(one).encode())
    assert record.text == one["body"] and record.fields["outlet"] == "Harbor Times"
    many = records("many.json", json.dumps([one, {"text": "Second article text."}]).encode())
    assert [r.record_index for r in many] == [0, 1]


def test_json_without_text_is_rejected_with_the_keys_it_looked_for():
    [rejected] = records("x.json", json.dumps({"title": "only a title"}).encode())
    assert isinstance(rejected, RejectedRecord)
    assert "has no text" in rejected.reason and "body" in rejected.reason


def test_jsonl_keeps_good_lines_and_rejects_the_malformed_one():
    lines = [json.dumps({"text": "First article."}), "{not json", "", json.dumps({"text": "Third article."})]
    out = records("feed.jsonl", "\n".join(lines).encode())
    loaded = [r for r in out if isinstance(r, RawRecord)]
    rejected = [r for r in out if isinstance(r, RejectedRecord)]
    assert [r.first_line for r in loaded] == [1, 4]
    assert len(rejected) == 1 and rejected[0].record_index == 2 and "line 2" in rejected[0].reason


def test_malformed_json_file_is_rejected():
    [rejected] = records("broken.json", b'{"text": "unterminated')
    assert "malformed JSON" in rejected.reason


def test_unsupported_file_type_says_which_types_are_supported():
    [rejected] = records("scan.pdf", b"%PDF-1.7")
    assert "unsupported file type '.pdf'" in rejected.reason and ".txt" in rejected.reason
