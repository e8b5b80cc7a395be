import codecs

import pytest

from ingest.decode import UnreadableInput, decode_bytes

SENTENCE = "Officials in Gyumri said the convoy reached the border crossing at dawn."


def test_utf8_is_read_as_it_is():
    text, encoding = decode_bytes(("Füzuli — " + SENTENCE).encode("utf-8"))
    assert text.startswith("Füzuli — ")
    assert encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_byte_order_marks_choose_the_encoding(encoding):
    data = SENTENCE.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    text, _ = decode_bytes(data)
    assert text == SENTENCE


def test_latin1_is_detected():
    text, encoding = decode_bytes(("Le ministère a précisé que les dégâts étaient légers. " * 5).encode("latin-1"))
    assert "ministère" in text and "dégâts" in text
    assert encoding != "utf-8"


def test_windows_1252_is_not_mistaken_for_an_asian_encoding():
    text, _ = decode_bytes("Der Minister äußerte sich über die Lage. “Wir prüfen es” – sagte er.".encode("cp1252"))
    assert text == "Der Minister äußerte sich über die Lage. “Wir prüfen es” – sagte er."


def test_windows_1251_is_detected():
    russian = "Министерство обороны сообщило о новых обстрелах позиций вдоль линии соприкосновения. " * 5
    text, _ = decode_bytes(russian.encode("cp1251"))
    assert "Министерство обороны" in text


@pytest.mark.parametrize("data", [b"", b"   \n\t \n"])
def test_empty_input_says_it_is_empty(data):
    with pytest.raises(UnreadableInput, match="empty"):
        decode_bytes(data)


def test_binary_input_says_it_is_binary():
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(UnreadableInput, match="binary"):
        decode_bytes(png_like)
