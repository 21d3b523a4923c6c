"""A voice-dictated report with its spoken commands left in is read as the written report it stands for."""

from __future__ import annotations

from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.dictation import spoken_commands
from hoguide.reading.reader import reader_for

DICTATED = ("Comparison colon previous radiographs 03/06/2026 full stop new paragraph\n"
            "There is Broker class 3 scratch that class 2 heterotopic ossification comma mature full stop "
            "Appearances are unchanged compared with 03/06/2026 full stop new paragraph\n"
            "Conclusion colon new paragraph\n"
            "1 full stop Mature Broker class 2 heterotopic ossification right hip comma unchanged full stop\n")


def test_spoken_commands_become_their_marks_in_place() -> None:
    mended = spoken_commands(DICTATED)
    assert len(mended) == len(DICTATED)  # every offset still points into what was pasted
    assert "full stop" not in mended and "comma" not in mended and "scratch that" not in mended
    assert " ".join(mended.split()).startswith("Comparison: previous radiographs 03/06/2026. There is Broker class "
                                               "class 2 heterotopic ossification, mature.")


def test_an_ordinary_report_keeps_its_words() -> None:
    text = "The comma-shaped density is not HO. Full stop at the colon."
    assert spoken_commands(text) == text


def test_the_reader_takes_the_corrected_grade_and_the_stable_course() -> None:
    reading = reader_for(load_knowledge()).read(DICTATED)
    graded = [f for f in reading.findings if f.grade is not None]
    assert {f.grade.value for f in graded if f.grade} == {"II"}
    assert reading.ho_status == "present"
