"""The public surface is deliberate: this test pins it."""

import hoguide


def test_all_is_pinned() -> None:
    assert sorted(hoguide.__all__) == sorted([
        "Answer", "Assessment", "Case", "ContextResult", "Fact", "Finding", "Grade", "HoguideError", "InputError",
        "KnowledgeBase", "KnowledgeError", "Mimic", "PatientAnswers", "Reading", "RedFlag", "Section", "Trigger",
        "__version__", "assess", "assess_context", "build_case", "explain", "load_knowledge", "read", "read_bytes",
    ])
    for name in hoguide.__all__:
        assert hasattr(hoguide, name), name


def test_read_returns_a_typed_reading() -> None:
    reading = hoguide.read("IMPRESSION: Brooker class III heterotopic ossification about the right hip.")
    assert isinstance(reading, hoguide.Reading)
    [finding] = reading.findings
    assert (finding.status, finding.sites, finding.laterality) == ("present", ("hip",), "right")
    assert finding.grade is not None and (finding.grade.system, finding.grade.value) == ("brooker", "III")


def test_import_loads_nothing() -> None:
    # Loading the knowledge base is an explicit, cached call, never a side effect of import.
    import importlib
    import subprocess
    import sys

    code = (
        "import hoguide, hoguide.knowledge.loader as l; "
        "print(l.load_knowledge.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
    importlib.import_module("hoguide")
