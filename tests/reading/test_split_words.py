"""Words split across a line end by a hyphen (text copied from a PDF or an OCR scan) are read as one word."""

from __future__ import annotations

import pytest

from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.reader import Reader, reader_for
from hoguide.reading.split_words import mend_split_words

VOCABULARY = frozenset({"ossification", "anti-inflammatory", "anti", "inflammatory", "well", "osteophytes"})


@pytest.fixture(scope="module")
def reader() -> Reader:
    return reader_for(load_knowledge())


@pytest.mark.parametrize(("text", "mended"), [
    # the halves of a word the typesetter split are one word, and the line break stays after it
    ("Heterotopic ossifi-\ncation right hip", "Heterotopic ossification \n right hip"),
    ("large osteo-\nphytes, which", "large osteophytes \n, which"),
    # a hyphenated word keeps its hyphen
    ("any anti-\ninflammatory since", "any anti-inflammatory\n since"),
    ("a well-\ndefined edge", "a well-defined\n edge"),
    # spaces an OCR left after the hyphen, and a Windows line end
    ("ossifi-  \r\ncation seen", "ossification   \r\n seen"),
])
def test_a_word_split_at_a_line_end_is_joined_in_place(text: str, mended: str) -> None:
    assert mend_split_words(text, VOCABULARY) == mended
    assert len(mended) == len(text)  # every offset into the reading is an offset into what was pasted


@pytest.mark.parametrize("text", [
    "opposing bone surfaces -\nBrooker III",  # a dash, not a split word
    "follow-up on 2026-\n12-01",  # a date
    "see the HO-\nBrooker III",  # the next line starts a new word in capitals
    "no line break in ossifi-cation",
])
def test_dashes_that_are_not_split_words_stay(text: str) -> None:
    assert mend_split_words(text, VOCABULARY) == text


def test_the_reader_finds_ho_named_across_a_line_end(reader: Reader) -> None:
    text = "IMPRESSION\nHeterotopic ossifi-\ncation right hip. No bony bridging.\n"
    reading = reader.read(text)
    assert [(f.text, f.status, f.laterality) for f in reading.findings] == [
        ("Heterotopic ossification", "present", "right")]
    finding = reading.findings[0]
    assert (finding.start, finding.end) == (text.index("Heterotopic"), text.index("Heterotopic") + 24)
