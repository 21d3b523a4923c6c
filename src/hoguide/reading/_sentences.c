/* The sentence splitter of sentences.py in C: where the blank-line blocks of a text start, and
 * where the sentences of one block start.
 *
 * It does by hand what sentences.py does with its regular expressions, so it must follow their
 * exact semantics, which tests/reading/test_native_sentences.py checks against the Python code:
 *   - a look-behind and \b may look at characters before the block (re's pos), a look-ahead never
 *     past the block's end (re's endpos);
 *   - \b and \s are Unicode-aware: a word character is alphanumeric or "_", white space is what
 *     str.isspace() says; \d is a Unicode decimal, str.isdigit() a Unicode digit (wider);
 *   - the abbreviations are matched as re's (?i:...) does: ASCII case, plus "i" for U+0130 and
 *     U+0131 and "s" for U+017F (found by trying every code point against re);
 *   - none of the patterns can succeed after backtracking where its greedy reading failed (each
 *     repeated set is followed by a character outside it), so one forward reading decides. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SENTENCE_CHARS 1000
/* The scanning helpers are inlined into one copy per string kind (see find_starts), so that each
 * reads its code units directly instead of switching on the kind at every character. */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define BULLET 0x2022

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

static ALWAYS_INLINE Py_UCS4 at(const Text *text, Py_ssize_t i) {
    return PyUnicode_READ(text->kind, text->data, i);
}

/* The sorted, growing list of sentence starts of one block. */
typedef struct {
    Py_ssize_t *items;
    Py_ssize_t count, capacity;
} Offsets;

static int push(Offsets *offsets, Py_ssize_t value) {
    if (offsets->count == offsets->capacity) {
        Py_ssize_t capacity = offsets->capacity ? 2 * offsets->capacity : 64;
        Py_ssize_t *items = PyMem_Realloc(offsets->items, (size_t)capacity * sizeof(Py_ssize_t));
        if (items == NULL) {
            return -1;
        }
        offsets->items = items;
        offsets->capacity = capacity;
    }
    offsets->items[offsets->count++] = value;
    return 0;
}

static ALWAYS_INLINE int is_word(Py_UCS4 ch) { /* re's \w (and so \b) for str patterns */
    return ch == '_' || Py_UNICODE_ISALNUM(ch);
}

static ALWAYS_INLINE int is_ascii_letter(Py_UCS4 ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* ASCII sets only; for the rare characters after a stop. */
static ALWAYS_INLINE int in_set(Py_UCS4 ch, const char *set) {
    for (; *set != '\0'; set++) {
        if (ch == (Py_UCS4)(unsigned char)*set) {
            return 1;
        }
    }
    return 0;
}

/* The sets tried at every character, spelled out (the loop above does not unroll). */
static ALWAYS_INLINE int is_stop(Py_UCS4 ch) { /* [.!?] */
    return ch == '.' || ch == '!' || ch == '?';
}

static ALWAYS_INLINE int is_blank(Py_UCS4 ch) { /* [ \t] */
    return ch == ' ' || ch == '\t';
}

/* The same list as sentences._ABBREVIATIONS; the tests check that they agree. */
typedef struct {
    const char *text;
    Py_ssize_t length;
} Abbreviation;
#define ABBREVIATION(text) {text, sizeof(text) - 1}
static const Abbreviation ABBREVIATIONS[] = {
    ABBREVIATION("dr"), ABBREVIATION("mr"), ABBREVIATION("mrs"), ABBREVIATION("ms"), ABBREVIATION("vs"),
    ABBREVIATION("no"), ABBREVIATION("nos"), ABBREVIATION("fig"), ABBREVIATION("approx"), ABBREVIATION("appt"),
    ABBREVIATION("st"), ABBREVIATION("pt"), ABBREVIATION("pts"), ABBREVIATION("hx"), ABBREVIATION("dx"),
    ABBREVIATION("tx"), ABBREVIATION("sx"), ABBREVIATION("etc"), ABBREVIATION("incl"), ABBREVIATION("cf"),
    ABBREVIATION("al"), ABBREVIATION("e.g"), ABBREVIATION("i.e"), ABBREVIATION("a.m"), ABBREVIATION("p.m"),
    ABBREVIATION("b.i.d"), ABBREVIATION("t.i.d"), ABBREVIATION("q.i.d"), ABBREVIATION("q.d"), ABBREVIATION("p.o"),
    ABBREVIATION("u.s"), ABBREVIATION("inc"), ABBREVIATION("jr"), ABBREVIATION("sr"),
};
#define N_ABBREVIATIONS (sizeof(ABBREVIATIONS) / sizeof(ABBREVIATIONS[0]))

/* Does ``ch`` match the abbreviation character ``want`` (a lower-case ASCII letter or ".") under
 * re's (?i:...)? */
static ALWAYS_INLINE int matches_ignoring_case(Py_UCS4 ch, char want) {
    if (want == '.') {
        return ch == '.';
    }
    if (ch == (Py_UCS4)want || ch == (Py_UCS4)(want - 'a' + 'A')) {
        return 1;
    }
    return (want == 'i' && (ch == 0x130 || ch == 0x131)) || (want == 's' && ch == 0x17f);
}

static ALWAYS_INLINE int word_starts_at(const Text *text, Py_ssize_t i) { /* \b before a word character */
    return i == 0 || !is_word(at(text, i - 1));
}

/* The look-behinds of _AFTER_STOP: is the "." at ``dot`` the end of an abbreviation or of an initial? */
static ALWAYS_INLINE int after_abbreviation(const Text *text, Py_ssize_t dot) {
    /* Every abbreviation, and an initial, ends with a letter: most stops ("2.5", "hip).") end here. */
    Py_UCS4 last = dot >= 1 ? at(text, dot - 1) : 0;
    if (!is_ascii_letter(last) && last != 0x130 && last != 0x131 && last != 0x17f) {
        return 0;
    }
    for (size_t a = 0; a < N_ABBREVIATIONS; a++) {
        const char *abbreviation = ABBREVIATIONS[a].text;
        Py_ssize_t length = ABBREVIATIONS[a].length, first = dot - length;
        if (first < 0) {
            continue;
        }
        Py_ssize_t k = 0;
        while (k < length && matches_ignoring_case(at(text, first + k), abbreviation[k])) {
            k++;
        }
        if (k == length && word_starts_at(text, first)) {
            return 1;
        }
    }
    return dot >= 1 && is_ascii_letter(at(text, dot - 1)) && word_starts_at(text, dot - 1);
}

static ALWAYS_INLINE int may_start_sentence(Py_UCS4 ch) { /* _END_TAIL's look-ahead [A-Z0-9"'(\[•*?-] */
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || in_set(ch, "\"'([*?-") || ch == BULLET;
}

/* _END (or _END_AT_DOT) tried at the stop ``stop``: where the next sentence starts, or -1. */
static ALWAYS_INLINE Py_ssize_t end_at(const Text *text, Py_ssize_t stop, Py_ssize_t end) {
    if (at(text, stop) == '.' && after_abbreviation(text, stop)) {
        return -1;
    }
    Py_ssize_t i = stop + 1;
    while (i < end && is_stop(at(text, i))) {
        i++;
    }
    while (i < end && in_set(at(text, i), "\"')]")) {
        i++;
    }
    Py_ssize_t spaces = i;
    while (spaces < end && is_blank(at(text, spaces))) {
        spaces++;
    }
    if (spaces > i && spaces < end && may_start_sentence(at(text, spaces))) {
        return spaces; /* [ \t]+ */
    }
    i = spaces; /* [ \t]*\r?\n[ \t]* */
    if (i < end && at(text, i) == '\r') {
        i++;
    }
    if (i >= end || at(text, i) != '\n') {
        return -1;
    }
    i++;
    while (i < end && is_blank(at(text, i))) {
        i++;
    }
    return i < end && may_start_sentence(at(text, i)) ? i : -1;
}

/* _is_list_number: the "1." of a numbered list item ends no sentence. */
static ALWAYS_INLINE int is_list_number(const Text *text, Py_ssize_t dot) {
    Py_ssize_t line_start = 0;
    if (dot > 5) {
        Py_ssize_t i = dot - 1;
        while (i >= dot - 5 && at(text, i) != '\n') {
            i--;
        }
        line_start = i >= dot - 5 ? i + 1 : 0;
    }
    if (!(0 < dot - line_start && dot - line_start <= 4)) {
        return 0;
    }
    Py_ssize_t first = line_start, last = dot; /* str.strip() */
    while (first < last && Py_UNICODE_ISSPACE(at(text, first))) {
        first++;
    }
    while (last > first && Py_UNICODE_ISSPACE(at(text, last - 1))) {
        last--;
    }
    if (first == last) {
        return 0; /* "".isdigit() is False */
    }
    for (Py_ssize_t i = first; i < last; i++) {
        if (!Py_UNICODE_ISDIGIT(at(text, i))) {
            return 0;
        }
    }
    return 1;
}

/* _sentence_ends: re's finditer goes on from the end of each match, and from the next character
 * after a failed try. */
static ALWAYS_INLINE int sentence_ends(const Text *text, Py_ssize_t start, Py_ssize_t end, Offsets *out) {
    Py_ssize_t i = start;
    while (i < end) {
        Py_UCS4 ch = at(text, i);
        /* a "?" after a space, or first in its line, is a hedge ("? haematoma ? DVT", "? HO right hip"), not a
         * question's end */
        Py_UCS4 before = i > 0 ? at(text, i - 1) : '\n';
        int hedge = ch == '?' && (is_blank(before) || before == '\n' || before == '\r');
        Py_ssize_t next = is_stop(ch) && !hedge ? end_at(text, i, end) : -1;
        if (next == -1) {
            i++;
            continue;
        }
        int list_number = i > 0 && Py_UNICODE_ISDIGIT(at(text, i - 1)) && ch == '.' && is_list_number(text, i);
        if (!list_number && push(out, next) < 0) {
            return -1;
        }
        i = next;
    }
    return 0;
}

/* _LIST_ITEM's look-ahead after the "\n" at ``newline``: [ \t]*(?:[-*•]|\d{1,2}[.)])[ \t] */
static ALWAYS_INLINE int list_item_after(const Text *text, Py_ssize_t newline, Py_ssize_t end) {
    Py_ssize_t i = newline + 1;
    while (i < end && is_blank(at(text, i))) {
        i++;
    }
    if (i >= end) {
        return 0;
    }
    Py_UCS4 ch = at(text, i);
    if (in_set(ch, "-*") || ch == BULLET) {
        i++;
    } else {
        Py_ssize_t digits = 0;
        while (digits < 2 && i + digits < end && Py_UNICODE_ISDECIMAL(at(text, i + digits))) {
            digits++;
        }
        if (digits == 0) {
            return 0;
        }
        i += digits;
        if (i >= end || !in_set(at(text, i), ".)")) {
            return 0;
        }
        i++;
    }
    return i < end && is_blank(at(text, i));
}

/* _in_parentheses: is the semicolon at ``semi`` between a "(" and a ")" of one short parenthesis, each
 * within PAREN_REACH characters of it, with none of either between? */
#define PAREN_REACH 80
static ALWAYS_INLINE int in_parentheses(const Text *text, Py_ssize_t semi, Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t lower = semi - PAREN_REACH > start ? semi - PAREN_REACH : start;
    Py_ssize_t upper = semi + PAREN_REACH < end ? semi + PAREN_REACH : end;
    int opened = 0;
    for (Py_ssize_t i = semi - 1; i >= lower; i--) { /* the nearest bracket before decides */
        Py_UCS4 ch = at(text, i);
        if (ch == '(') {
            opened = 1;
            break;
        }
        if (ch == ')') {
            return 0;
        }
    }
    if (!opened) {
        return 0;
    }
    for (Py_ssize_t i = semi; i < upper; i++) { /* ... and the nearest after */
        Py_UCS4 ch = at(text, i);
        if (ch == ')') {
            return 1;
        }
        if (ch == '(') {
            return 0;
        }
    }
    return 0;
}

/* _SEMICOLON's look-ahead: the word "or" (any case) at ``i``, not the start of a longer word */
static ALWAYS_INLINE int or_word_at(const Text *text, Py_ssize_t i, Py_ssize_t end) {
    if (i + 1 >= end) {
        return 0;
    }
    Py_UCS4 o = at(text, i), r = at(text, i + 1);
    if ((o != 'o' && o != 'O') || (r != 'r' && r != 'R')) {
        return 0;
    }
    if (i + 2 >= end) {
        return 1;
    }
    Py_UCS4 next = at(text, i + 2);
    return !(Py_UNICODE_ISALNUM(next) || next == '_');
}

/* _breaks: list items, and the clause after each semicolon with the white space it takes (not one inside a short
 * parenthesis); a list item whose "\n" is inside that white space is not a break of its own. */
static ALWAYS_INLINE int breaks(const Text *text, Py_ssize_t start, Py_ssize_t end, Offsets *out) {
    Py_ssize_t clause_start = -1, clause_end = -1; /* the last semicolon's span so far */
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 ch = at(text, i);
        if (ch == ';' && !in_parentheses(text, i, start, end)) {
            Py_ssize_t j = i + 1;
            while (j < end && Py_UNICODE_ISSPACE(at(text, j))) {
                j++;
            }
            if (or_word_at(text, j, end)) { /* "...; OR any tingling": the condition goes on */
                continue;
            }
            clause_start = i;
            clause_end = j;
            if (push(out, j) < 0) {
                return -1;
            }
        } else if (ch == '\n' && list_item_after(text, i, end)) {
            int within = clause_start < i && i < clause_end;
            if (!within && push(out, i + 1) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* _ENUMERATION matched at ``digits``: \d{1,2}\)[ \t]+[A-Za-z] */
static ALWAYS_INLINE int enumeration_at(const Text *text, Py_ssize_t digits, Py_ssize_t end) {
    Py_ssize_t i = digits, n = 0;
    while (n < 2 && i < end && Py_UNICODE_ISDECIMAL(at(text, i))) {
        i++;
        n++;
    }
    if (n == 0 || i >= end || at(text, i) != ')') {
        return 0;
    }
    Py_ssize_t spaces = ++i;
    while (i < end && is_blank(at(text, i))) {
        i++;
    }
    return i > spaces && i < end && is_ascii_letter(at(text, i));
}

/* _after_words */
static ALWAYS_INLINE int after_words(const Text *text, Py_ssize_t digits) {
    Py_ssize_t i = digits;
    while (i > 0 && is_blank(at(text, i - 1))) {
        i--;
    }
    return 0 < i && i < digits && (is_ascii_letter(at(text, i - 1)) || in_set(at(text, i - 1), ",."));
}

/* str.rfind of the ASCII ``needle`` in text[lo:hi] */
static ALWAYS_INLINE int occurs_in(const Text *text, const char *needle, Py_ssize_t lo, Py_ssize_t hi) {
    Py_ssize_t length = (Py_ssize_t)strlen(needle);
    for (Py_ssize_t i = hi - length; i >= lo; i--) {
        Py_ssize_t k = 0;
        while (k < length && at(text, i + k) == (Py_UCS4)(unsigned char)needle[k]) {
            k++;
        }
        if (k == length) {
            return 1;
        }
    }
    return 0;
}

/* _inline_enumerations */
static ALWAYS_INLINE int inline_enumerations(const Text *text, Py_ssize_t start, Py_ssize_t end, Offsets *out) {
    for (Py_ssize_t close = start; close < end; close++) {
        if (at(text, close) != ')') {
            continue;
        }
        Py_ssize_t digits = close >= 2 && Py_UNICODE_ISDIGIT(at(text, close - 2)) ? close - 2 : close - 1;
        if (!(digits >= start && Py_UNICODE_ISDIGIT(at(text, digits)) && enumeration_at(text, digits, end)
              && after_words(text, digits))) {
            continue;
        }
        /* The match ends its digits at ``close``: one or two decimals, int() reads them. */
        long number = 0;
        for (Py_ssize_t i = digits; i < close; i++) {
            number = 10 * number + Py_UNICODE_TODECIMAL(at(text, i));
        }
        char previous[24];
        snprintf(previous, sizeof previous, "%ld)", number - 1);
        if (number > 1 && occurs_in(text, previous, start, digits) && push(out, digits) < 0) {
            return -1;
        }
    }
    return 0;
}

static int compare_offsets(const void *a, const void *b) {
    Py_ssize_t x = *(const Py_ssize_t *)a, y = *(const Py_ssize_t *)b;
    return (x > y) - (x < y);
}

/* sorted(set(...)), then the breaks at the block's end dropped (they start the next block) */
static void sort_unique(Offsets *starts, Py_ssize_t end) {
    qsort(starts->items, (size_t)starts->count, sizeof(Py_ssize_t), compare_offsets);
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < starts->count; i++) {
        if (kept == 0 || starts->items[i] != starts->items[kept - 1]) {
            starts->items[kept++] = starts->items[i];
        }
    }
    while (kept > 1 && starts->items[kept - 1] >= end) {
        kept--;
    }
    starts->count = kept;
}

/* _cap_length: a run-on "sentence" is cut at a space every few hundred characters. */
static int cap_length(const Text *text, const Offsets *starts, Py_ssize_t end, Offsets *out) {
    for (Py_ssize_t k = 0; k < starts->count; k++) {
        Py_ssize_t start = starts->items[k], stop = k + 1 < starts->count ? starts->items[k + 1] : end;
        if (push(out, start) < 0) {
            return -1;
        }
        while (stop - start > MAX_SENTENCE_CHARS) {
            Py_ssize_t cut = start + MAX_SENTENCE_CHARS - 1;
            while (cut >= start + MAX_SENTENCE_CHARS / 2 && at(text, cut) != ' ') {
                cut--;
            }
            start = cut >= start + MAX_SENTENCE_CHARS / 2 ? cut + 1 : start + MAX_SENTENCE_CHARS;
            if (push(out, start) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

static PyObject *to_list(const Offsets *offsets) {
    PyObject *list = PyList_New(offsets->count);
    if (list == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < offsets->count; i++) {
        PyObject *value = PyLong_FromSsize_t(offsets->items[i]);
        if (value == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, i, value);
    }
    return list;
}

/* The extra breaks inside [start, end) become sentence starts. */
static int add_extra(PyObject *extra, Py_ssize_t start, Py_ssize_t end, Offsets *starts) {
    PyObject *items = PySequence_Fast(extra, "extra breaks must be a sequence of int");
    if (items == NULL) {
        return -1;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(items); i++) {
        Py_ssize_t offset = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(items, i));
        if (offset == -1 && PyErr_Occurred()) {
            Py_DECREF(items);
            return -1;
        }
        if (start <= offset && offset < end && push(starts, offset) < 0) {
            Py_DECREF(items);
            PyErr_NoMemory();
            return -1;
        }
    }
    Py_DECREF(items);
    return 0;
}

static ALWAYS_INLINE int find_starts_of_kind(const int kind, const void *data, Py_ssize_t length,
                                             Py_ssize_t start, Py_ssize_t end, Offsets *starts) {
    const Text text = {kind, data, length};
    if (push(starts, start) < 0 || sentence_ends(&text, start, end, starts) < 0
        || breaks(&text, start, end, starts) < 0 || inline_enumerations(&text, start, end, starts) < 0) {
        return -1;
    }
    return 0;
}

static int find_starts(const Text *text, Py_ssize_t start, Py_ssize_t end, Offsets *starts) {
    switch (text->kind) {
    case PyUnicode_1BYTE_KIND:
        return find_starts_of_kind(PyUnicode_1BYTE_KIND, text->data, text->length, start, end, starts);
    case PyUnicode_2BYTE_KIND:
        return find_starts_of_kind(PyUnicode_2BYTE_KIND, text->data, text->length, start, end, starts);
    default:
        return find_starts_of_kind(PyUnicode_4BYTE_KIND, text->data, text->length, start, end, starts);
    }
}

PyDoc_STRVAR(split_block_doc,
             "split_block(text, start, end, extra)\n\n"
             "The sorted sentence starts of the block text[start:end], as SentenceIndex._split_block\n"
             "finds them; extra: the sorted extra breaks (those outside the block are ignored).");

static PyObject *split_block(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *string, *extra;
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "UnnO:split_block", &string, &start, &end, &extra)) {
        return NULL;
    }
    Text text = {PyUnicode_KIND(string), PyUnicode_DATA(string), PyUnicode_GET_LENGTH(string)};
    if (start < 0 || start > end || end > text.length) {
        PyErr_SetString(PyExc_ValueError, "split_block: need 0 <= start <= end <= len(text)");
        return NULL;
    }
    Offsets starts = {NULL, 0, 0}, capped = {NULL, 0, 0};
    PyObject *result = NULL;
    if (find_starts(&text, start, end, &starts) < 0) {
        PyErr_NoMemory();
    } else if (add_extra(extra, start, end, &starts) == 0) {
        sort_unique(&starts, end);
        if (cap_length(&text, &starts, end, &capped) < 0) {
            PyErr_NoMemory();
        } else {
            result = to_list(&capped);
        }
    }
    PyMem_Free(starts.items);
    PyMem_Free(capped.items);
    return result;
}

PyDoc_STRVAR(block_starts_doc,
             "block_starts(text)\n\n"
             "Where the blocks of text start: 0, and the end of every blank-line run inside the text\n"
             "(sentences._BLANK_LINE).");

static PyObject *block_starts(PyObject *module, PyObject *string) {
    (void)module;
    if (!PyUnicode_Check(string)) {
        PyErr_SetString(PyExc_TypeError, "block_starts: text must be str");
        return NULL;
    }
    Text text = {PyUnicode_KIND(string), PyUnicode_DATA(string), PyUnicode_GET_LENGTH(string)};
    Offsets blocks = {NULL, 0, 0};
    int status = push(&blocks, 0);
    Py_ssize_t i = 0;
    while (status == 0 && i < text.length) {
        i = PyUnicode_FindChar(string, '\n', i, text.length, 1); /* memchr where the text is 1 byte wide */
        if (i == -2) {
            PyMem_Free(blocks.items);
            return NULL;
        }
        if (i == -1) {
            break; /* no line end left */
        }
        Py_ssize_t j = i + 1; /* \n[ \t\r]*\n\s* */
        while (j < text.length && in_set(at(&text, j), " \t\r")) {
            j++;
        }
        if (j >= text.length || at(&text, j) != '\n') {
            i++;
            continue;
        }
        j++;
        while (j < text.length && Py_UNICODE_ISSPACE(at(&text, j))) {
            j++;
        }
        if (j < text.length) { /* always past 0 */
            status = push(&blocks, j);
        }
        i = j;
    }
    PyObject *result = status == 0 ? to_list(&blocks) : PyErr_NoMemory();
    PyMem_Free(blocks.items);
    return result;
}

static PyObject *abbreviations(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    PyObject *tuple = PyTuple_New((Py_ssize_t)N_ABBREVIATIONS);
    for (size_t a = 0; tuple != NULL && a < N_ABBREVIATIONS; a++) {
        PyObject *name = PyUnicode_FromString(ABBREVIATIONS[a].text);
        if (name == NULL) {
            Py_CLEAR(tuple);
            break;
        }
        PyTuple_SET_ITEM(tuple, (Py_ssize_t)a, name);
    }
    return tuple;
}

static PyMethodDef sentences_methods[] = {
    {"split_block", split_block, METH_VARARGS, split_block_doc},
    {"block_starts", block_starts, METH_O, block_starts_doc},
    {"abbreviations", abbreviations, METH_NOARGS, "abbreviations()\n\nThe abbreviations the C code knows."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef sentences_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "hoguide.reading._sentences",
    .m_doc = "The sentence splitter in C (see sentences.py for the rules it follows).",
    .m_size = -1,
    .m_methods = sentences_methods,
};

PyMODINIT_FUNC PyInit__sentences(void) {
    return PyModule_Create(&sentences_module);
}
