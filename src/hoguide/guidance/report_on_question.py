"""The report's own words on a question the patient asked: the sentence that shares the most telling words with it.

Our knowledge answers a few kinds of question ("You asked about running ..."); the rest go to the list of questions for
the doctor. Yet a report often speaks to them itself ("Will it stop me running?" beside "Continue running, no
restriction."; "Is this because I banged my head?" beside "CT head: no injury"): round 28's reviewers found ten such
questions listed with no pointer to the words that answer them. The sentence is quoted, never reworded, so nothing is
said that the report does not say. A word is telling when it is no common word and few of the report's sentences hold
it ("hip" in a hip report points nowhere).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from hoguide.guidance.next_steps import in_title
from hoguide.guidance.red_flags import HO_NAMED
from hoguide.guidance.report_plan import AVOID_LEAD, BULLET, SHORT_LEAD_WORDS
from hoguide.guidance.view import CaseView

WORD = re.compile(r"[a-z]+")
MIN_LETTERS = 3
# words that say nothing of what a question is about: its grammar, and the words every report on HO shares
COMMON_WORDS = """
    about after again also always an and any anything are because been before being but can cant could did didnt
    does doesnt doing done dont for from get gets getting going got had has have having her hers him his how into
    its just like may might more most much must need needs not now off only other our out over really said says
    see seen she should shouldnt since some still such than that the their them then there these they thing things
    this those too very want was way were what when where which while who why will with without wont would you
    your yours ever already make made mean means meant know tell told ask asked anyone someone something
    ho bone bones heterotopic ossification extra report reports scan doctor doctors surgeon team xray ray
    wrong right left side sides problem problems okay normal bad good worse better sure worry worried
    stop start take keep come back cause day week month year time first last next new old help able put use lot bit
    look looks thought think feel felt say still even well any many each part parts
    hospital service clinic department unit trust centre center consultant radiologist surgeon registrar
    change changes sound sounds read online google googled internet forum mate friend friends person people lad lads
    cousin wife husband partner mum dad mother father son daughter brother sister neighbour
    """
COMMON = frozenset(COMMON_WORDS.split())
# the lines that name the patient, the writer or the study: no answer to a question (round 28: "Will it stop my rehab?"
# found "Consultant: Dr S. Achterberg (Spinal Rehab)")
HEADER_LINE = re.compile(r"\b(?:DOB|D\.O\.B|MRN|NHS\s*(?:No|number)|Hosp(?:ital)?\s*No|Referr(?:er|ed by)|Typed|"
                         r"Dictated|Date of (?:exam|study|birth|scan)|Accession|Consultant:|Patient:|cc:)",
                         re.IGNORECASE)
# a report's line that tells of the question ("He asked whether he can take ibuprofen."): quoted with the line after it,
# which most often answers it
TELLS_OF_A_QUESTION = re.compile(r"\b(?:asked|asks|asking|wondered|wonders|question(?:s|ed)?|queried|enquired)\b",
                                 re.IGNORECASE)
# the story and the lists of a report: what it says there tells of the past, not what to do now
BACKGROUND_SECTIONS = frozenset({"history", "history_of_present_illness", "past_medical_history",
                                 "past_surgical_history", "family_history", "social_history", "medications",
                                 "allergies", "comparison", "technique", "grading_key", "keywords"})
# a question or a line about what caused something: the words are too common to pick a line, but they rank equals
CAUSAL = re.compile(r"\b(?:because|caus\w*|due to|result of|related to|from the)\b", re.IGNORECASE)
# ... and a line whose next one goes on about it ("The usual medicines to stop HO forming are NSAIDs such as ibuprofen.
# These are NOT safe for him": round 29, 535's question on ibuprofen gel was given the first alone)
GOES_ON = re.compile(r"(?:these|this|they|those|it)\s+(?:is|are|was|were|would|will|should|must|can|cannot|do|does)\b",
                     re.IGNORECASE)
MAX_SHARE = 0.2  # a word in more than a fifth of the report's sentences tells nothing of which one answers
MIN_SHARED = 2  # ... though in a short note, a word may be in two ("long runs", "Continue running")
LONGEST = 400  # characters: a longer "sentence" is a table or a form run together
CAPITALS_SHARE = 0.6  # a line mostly in capitals is a letterhead or a heading ("CHILDREN'S NEUROREHAB SERVICE")
MAX_QUOTE = 240  # characters: a table row or a run-on line is cut, with "..."
# one word shared is enough if it is this long and in at most two sentences ("Can I take ibuprofen?"), or if it is the
# question's only telling word ("Will it stop me running?"); else a short one points at any line that names it ("Can I
# take anti-inflammatories with one kidney?": "Right kidney normal")
LONE_WORD_LETTERS = 7
# "chemo" finds "chemotherapy": the question's word the start of the report's, at least this long, and the report's
# longer by at least ``PREFIX_MORE`` ("tablet" is no "table", "pressing" no "pressure", "definitely" no "defined")
LINE_REACH = 200  # characters before a sentence looked through for its line's start
MIN_WORDS_ALONE = 6  # words of a line that shares a single word with the question
LABEL = re.compile(r"^[A-Za-z ]{1,25}:\s*")  # "Findings: ", a line's own label
PREFIX_LETTERS = 5
PREFIX_MORE = 4


def stem(word: str) -> str:
    """The word without its common endings ("running" -> "run", "tablets" -> "tablet", "lifted" -> "lift")."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_LETTERS:
            word = word[: -len(ending)]
            break
    if len(word) > MIN_LETTERS and word[-1] == word[-2] and word[-1] not in "ls":
        word = word[:-1]  # "runn" -> "run", but "ball" and "less" stay
    return word


def _stems(text: str) -> set[str]:
    return {s for w in WORD.findall(text.lower()) if len(w) >= MIN_LETTERS and w not in COMMON
            and (s := stem(w)) not in COMMON}


# a signature: a name and a role ("Dr J. Haverkamp, Consultant Anaesthetist, GMC 7080122": round 32, 596's question on
# stopping apixaban "the anaesthetist said" was shown it)
SIGNATURE = re.compile(r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?\s+[A-Z][\w.' -]{0,40},\s*(?:Consultant|Specialist|Registrar|"
                       r"Senior|Clinical|Associate|Staff|Attending|Resident|Fellow)\b")


def _may_answer(sentence: str) -> bool:
    """A sentence, not a header, a letterhead in capitals, a table run into one line ("Test Result Units ...") or a
    question."""
    letters = [c for c in sentence if c.isalpha()]
    # (nor a question: "3. Can I still have my knee done in February?" pasted under the report is no answer to itself)
    return (bool(letters) and len(sentence) <= LONGEST and not HEADER_LINE.search(sentence)
            and not SIGNATURE.match(sentence)
            and not sentence.rstrip(" )\"'").endswith("?")
            and sum(c.isupper() for c in letters) <= CAPITALS_SHARE * len(letters))


def _same(asked: str, word: str) -> bool:
    """The question's word is the report's, or a short form of it ("chemo" of "chemotherapy")."""
    return asked == word or (len(asked) >= PREFIX_LETTERS and len(word) - len(asked) >= PREFIX_MORE
                             and word.startswith(asked))


class _Line(NamedTuple):
    """A sentence of the report that may answer a question, with what ranks it among equals."""

    said: str  # its words, on one line
    reading: int
    background: bool  # in the story or the lists (``BACKGROUND_SECTIONS``)
    of_ho: bool  # names the HO
    causal: bool  # speaks of a cause


def _lines(view: CaseView) -> list[_Line]:
    """The report's sentences that may answer a question: superseded text, titles, headers, tables and questions left
    out."""
    lines = []
    for reading, case_reading in enumerate(view.case.readings):
        text = case_reading.text
        sections = sorted(case_reading.sections, key=lambda section: section.start)
        starts = [section.start for section in sections]
        lead = ""  # a short lead-in of what to avoid, over the bullets that follow it ("Things to avoid")
        for start, end in view.sentences(reading).spans():
            said = " ".join(text[start:end].split())
            # (looked for within ``LINE_REACH`` before it: a text with no line breaks stays linear)
            line = text.rfind("\n", max(0, start - LINE_REACH), start) + 1
            at_line_start = (line > 0 or start <= LINE_REACH) and not text[line:start].strip()
            if (bullet := BULLET.match(said)) is not None and lead:
                # (round 30, 556: "Can they just cut the bone out?" was shown "- Operations to cut the bone out.", as if
                # advised)
                said = f"{lead}: {said[bullet.end():]}"
            elif at_line_start and bullet is None:
                lead = said.rstrip(":") if len(said.split()) <= SHORT_LEAD_WORDS and AVOID_LEAD.search(said) else ""
            if _may_answer(said) and not in_title(text, start) and not view.superseded(reading, start):
                at = bisect_right(starts, start) - 1
                lines.append(_Line(said, reading,
                                   at >= 0 and start < sections[at].end and sections[at].id in BACKGROUND_SECTIONS,
                                   HO_NAMED.search(said) is not None, CAUSAL.search(said) is not None))
    return lines


def _thin(line: _Line, telling: int) -> bool:
    """A line one shared word is too little to tie to a question: the story's ("Will it need cutting out?" beside
    "Medial knee pain 3/12, worse cutting and kneeling", round 30, 547), or, where the question has other telling
    words (``telling`` of them), a label of a few words ("Is the replacement failing?" beside "Findings: Right total
    ankle replacement (fixed-bearing).", 546)."""
    return line.background or (telling > 1 and len(LABEL.sub("", line.said).split()) < MIN_WORDS_ALONE)


def report_words_on(questions: Iterable[str], view: CaseView) -> dict[str, str]:
    """For each question the report speaks to, the sentence of the report (superseded text left out) that holds the
    most of its telling words. Of equals: one that speaks of a cause where the question asks one ("Is the extra bone
    because of the infection?": "It is not caused by the infection", round 29, 531); one outside the story and lists
    (``BACKGROUND_SECTIONS``); one that names the HO (the questions are the patient's about it: "does 'resolved' mean
    it can't come back?" in a problem list of three resolved problems); and the last, as a report's conclusion and plan
    come last ("on apixaban 5 mg bd" in the history, "Please avoid NSAIDs - on apixaban" in the plan). Clipped to
    ``MAX_QUOTE``."""
    questions = list(questions)
    if not questions:
        return {}
    lines = _lines(view)
    holding: dict[str, list[int]] = defaultdict(list)  # a telling word's stem -> the lines that hold it
    for i, line in enumerate(lines):
        for word in _stems(line.said):
            holding[word].append(i)
    most = max(MIN_SHARED, MAX_SHARE * len(lines))
    found: dict[str, str] = {}
    for question in questions:
        asks_why = CAUSAL.search(question) is not None
        hits_of: list[tuple[str, set[int]]] = []  # each telling word of the question, with the lines that hold it
        for asked in _stems(question):
            named = [where for word, where in holding.items() if _same(asked, word)]
            hits = {i for where in named if len(where) <= most for i in where}
            if not (named and not hits):  # ("tendon" in a report on a tendon: it neither picks a line nor counts)
                hits_of.append((asked, hits))
        telling = len(hits_of)  # the question's words that are no word of most of the report's lines
        score: dict[int, int] = defaultdict(int)
        matched: dict[int, int] = defaultdict(int)
        for asked, hits in hits_of:
            for i in hits:
                matched[i] += 1
                # a long rare word counts as two: one is enough ("Can I take my naproxen?"), a short one is not
                score[i] += 2 if len(asked) >= LONE_WORD_LETTERS and len(hits) <= 2 else 1
        ranked = sorted(score, key=lambda i: (-score[i], asks_why and not lines[i].causal, lines[i].background,
                                              not lines[i].of_ho, -i))
        if ranked and (score[best_at := ranked[0]] >= 2 or matched[best_at] == telling) \
                and not (matched[best_at] == 1 and _thin(lines[best_at], telling)):
            best = lines[best_at].said
            after = best_at + 1
            if after < len(lines) and lines[after].reading == lines[best_at].reading and (
                    TELLS_OF_A_QUESTION.search(best) or GOES_ON.match(lines[after].said)):
                best += " " + lines[after].said
            found[question] = best if len(best) <= MAX_QUOTE else best[:MAX_QUOTE].rsplit(" ", 1)[0] + " ..."
    return found
