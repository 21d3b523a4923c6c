/* The numeric dates of timerefs.py in C: what _iso_dates(text) + _us_dates(text) find, ISO dates
 * ("2024-03-05") first, then US dates ("3/5/24", "03/05/2024"), each in text order.
 *
 * It does by hand what timerefs.py does with _ISO_FROM_DASH and _US_FROM_SLASH and the Python
 * code around them, so it must follow their exact semantics, which
 * tests/reading/test_native_dates.py checks against the Python code:
 *   - finditer: after a match the search goes on from its end, after a failed try from the next
 *     character; the look-behinds may look at characters before that point;
 *   - \d is a Unicode decimal, and int() reads it by its decimal value; str.isdigit() (where a
 *     US date starts) and str.isalnum() (_stands_alone) are wider; "19", "20", [01] and [0-3]
 *     are ASCII only;
 *   - [01]?\d and [0-3]?\d are followed by a separator, so the two-digit reading wins where the
 *     separator follows it and the one-digit reading is tried otherwise; the day of an ISO date
 *     ends the pattern, so it is greedy; the US year (?:19|20)?\d\d takes four digits where it
 *     can, and otherwise two.
 * Every check reads the character past either end of the text as NUL, which belongs to no class
 * tested here, just as _stands_alone reads it as a space. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* The scanning helpers are inlined into one copy per string kind (see numeric_dates), so that
 * each reads its code units directly instead of switching on the kind at every character. */
#define ALWAYS_INLINE inline __attribute__((always_inline))

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
} Text;

/* One date found: its span and the numbers read from it. */
typedef struct {
    Py_ssize_t start, end;
    long year, month, day;
} Date;

static PyObject *DATE_CONCEPT; /* "date", shared by every reference */

static ALWAYS_INLINE Py_UCS4 at(const Text *text, Py_ssize_t i) {
    return i < text->length ? PyUnicode_READ(text->kind, text->data, i) : 0;
}

/* The Unicode tables are looked up only outside ASCII, where notes rarely go. */
static ALWAYS_INLINE int is_decimal(Py_UCS4 ch) { /* re's \d */
    return ch < 128 ? ch - '0' < 10 : Py_UNICODE_ISDECIMAL(ch);
}

static ALWAYS_INLINE long decimal_value(Py_UCS4 ch) { /* int() of one \d */
    return ch < 128 ? (long)(ch - '0') : (long)Py_UNICODE_TODECIMAL(ch);
}

static ALWAYS_INLINE int is_digit(Py_UCS4 ch) { /* str.isdigit(): also superscripts and the like */
    return ch < 128 ? ch - '0' < 10 : Py_UNICODE_ISDIGIT(ch);
}

static ALWAYS_INLINE int is_alnum(Py_UCS4 ch) { /* str.isalnum() */
    if (ch < 128) {
        return ch - '0' < 10 || (ch | 0x20) - 'a' < 26;
    }
    return Py_UNICODE_ISALNUM(ch);
}

static ALWAYS_INLINE int is_century(Py_UCS4 first, Py_UCS4 second) { /* (?:19|20) */
    return (first == '1' && second == '9') || (first == '2' && second == '0');
}

/* The next ``ch`` at or after ``from``, or -1; memchr where the text is one byte wide. */
static ALWAYS_INLINE Py_ssize_t find_char(const Text *text, Py_UCS4 ch, Py_ssize_t from) {
    if (text->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *data = text->data;
        const Py_UCS1 *found = memchr(data + from, (int)ch, (size_t)(text->length - from));
        return found != NULL ? found - data : -1;
    }
    for (Py_ssize_t i = from; i < text->length; i++) {
        if (PyUnicode_READ(text->kind, text->data, i) == ch) {
            return i;
        }
    }
    return -1;
}

/* [0-highest]?\d at ``i``, greedy: how many digits it takes (0: no match). */
static ALWAYS_INLINE int number_length(const Text *text, Py_ssize_t i, Py_UCS4 highest) {
    Py_UCS4 first = at(text, i);
    if (first >= '0' && first <= highest && is_decimal(at(text, i + 1))) {
        return 2;
    }
    return is_decimal(first) ? 1 : 0;
}

/* [0-highest]?\d followed by ``separator`` at ``i``: the two-digit reading where the separator
 * follows it, else the one-digit one; how many digits it takes (0: no match). */
static ALWAYS_INLINE int number_length_before(const Text *text, Py_ssize_t i, Py_UCS4 highest, Py_UCS4 separator) {
    int length = number_length(text, i, highest);
    if (length == 2 && at(text, i + 2) != separator) {
        length = 1; /* backtracking: then its second digit would have to be the separator */
    }
    return length > 0 && at(text, i + length) == separator ? length : 0;
}

static ALWAYS_INLINE long value_of(const Text *text, Py_ssize_t start, Py_ssize_t end) {
    long value = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        value = 10 * value + decimal_value(at(text, i));
    }
    return value;
}

/* _stands_alone: not part of a longer token. */
static ALWAYS_INLINE int stands_alone(const Text *text, Py_ssize_t start, Py_ssize_t end) {
    Py_UCS4 before = start > 0 ? at(text, start - 1) : 0, after = at(text, end);
    return !(is_alnum(before) || before == '/' || before == '-' || before == '.' || is_alnum(after) || after == '/'
             || after == '-');
}

/* _ISO_FROM_DASH tried at the "-" at ``dash``: -(?<=(?:19|20)\d\d-)[01]?\d-[0-3]?\d. Fills in
 * ``date`` and returns 1 on a match. */
static ALWAYS_INLINE int iso_at(const Text *text, Py_ssize_t dash, Date *date) {
    if (dash < 4 || !is_century(at(text, dash - 4), at(text, dash - 3)) || !is_decimal(at(text, dash - 2))
        || !is_decimal(at(text, dash - 1))) {
        return 0;
    }
    int month = number_length_before(text, dash + 1, '1', '-');
    if (month == 0) {
        return 0;
    }
    Py_ssize_t second_dash = dash + 1 + month;
    int day = number_length(text, second_dash + 1, '3');
    if (day == 0) {
        return 0;
    }
    date->start = dash - 4; /* the year the look-behind checked */
    date->end = second_dash + 1 + day;
    date->year = value_of(text, dash - 4, dash);
    date->month = value_of(text, dash + 1, second_dash);
    date->day = value_of(text, second_dash + 1, date->end);
    return 1;
}

/* _US_FROM_SLASH tried at the "/" at ``slash``: /(?<=\d/)[0-3]?\d/(?:19|20)?\d\d, then where
 * _us_dates starts the date. Fills in ``date`` and returns 1 on a match; a kept date is one
 * whose month is one digit or starts with 0 or 1. */
static ALWAYS_INLINE int us_at(const Text *text, Py_ssize_t slash, Date *date, int *kept) {
    if (slash < 1 || !is_decimal(at(text, slash - 1))) {
        return 0;
    }
    int day = number_length_before(text, slash + 1, '3', '/');
    if (day == 0) {
        return 0;
    }
    Py_ssize_t year = slash + 2 + day;
    Py_ssize_t end;
    if (is_century(at(text, year), at(text, year + 1)) && is_decimal(at(text, year + 2))
        && is_decimal(at(text, year + 3))) {
        end = year + 4;
    } else if (is_decimal(at(text, year)) && is_decimal(at(text, year + 1))) {
        end = year + 2; /* also "19" or "20" followed by no two digits */
    } else {
        return 0;
    }
    Py_ssize_t start = slash >= 2 && is_digit(at(text, slash - 2)) ? slash - 2 : slash - 1;
    Py_UCS4 first = at(text, start);
    *kept = start == slash - 1 || first == '0' || first == '1';
    date->start = start;
    date->end = end;
    if (*kept) { /* a kept month is read by int(): all its characters are decimals */
        date->month = value_of(text, start, slash);
        date->day = value_of(text, slash + 1, slash + 1 + day);
        date->year = value_of(text, year, end) + (end - year == 2 ? 2000 : 0);
    }
    return 1;
}

/* _valid_date: the ISO form of the date, or None when there is no such day. */
static PyObject *date_value(const Date *date) {
    static const long days_in_month[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    long year = date->year, month = date->month, day = date->day;
    int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    if (!(1 <= month && month <= 12 && 1 <= day && day <= days_in_month[month]) || (month == 2 && day == 29 && !leap)) {
        Py_RETURN_NONE;
    }
    /* Years are 1900-2099 (a 19xx or 20xx, or two digits after 2000): always four digits. */
    PyObject *value = PyUnicode_New(10, 127);
    if (value == NULL) {
        return NULL;
    }
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(value);
    const long digits[8] = {year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10,
                            month / 10, month % 10, day / 10, day % 10};
    const int places[8] = {0, 1, 2, 3, 5, 6, 8, 9};
    for (int k = 0; k < 8; k++) {
        out[places[k]] = (Py_UCS1)('0' + digits[k]);
    }
    out[4] = out[7] = '-';
    return value;
}

/* TimeReference("date", start, end, value), made as the tuple it is (the type adds no fields). */
static int append_date(PyObject *found, PyTypeObject *type, const Date *date) {
    PyObject *start = PyLong_FromSsize_t(date->start);
    PyObject *end = PyLong_FromSsize_t(date->end);
    PyObject *value = date_value(date);
    PyObject *reference = type->tp_alloc(type, 4);
    if (start == NULL || end == NULL || value == NULL || reference == NULL) {
        Py_XDECREF(start);
        Py_XDECREF(end);
        Py_XDECREF(value);
        Py_XDECREF(reference);
        return -1;
    }
    Py_INCREF(DATE_CONCEPT);
    PyTuple_SET_ITEM(reference, 0, DATE_CONCEPT);
    PyTuple_SET_ITEM(reference, 1, start);
    PyTuple_SET_ITEM(reference, 2, end);
    PyTuple_SET_ITEM(reference, 3, value);
    PyObject_GC_UnTrack(reference); /* strings, ints and None: no reference cycle can go through it */
    int status = PyList_Append(found, reference);
    Py_DECREF(reference);
    return status;
}

/* _iso_dates, then _us_dates. Always inlined, so that each call in numeric_dates with a constant
 * kind becomes a scan of its own. */
static ALWAYS_INLINE int find_dates_of_kind(const int kind, const void *data, Py_ssize_t length, PyTypeObject *type,
                                            PyObject *found) {
    const Text text = {kind, data, length};
    Date date;
    Py_ssize_t dash;
    for (Py_ssize_t from = 0; (dash = find_char(&text, '-', from)) >= 0;) {
        if (!iso_at(&text, dash, &date)) {
            from = dash + 1;
            continue;
        }
        if (stands_alone(&text, date.start, date.end) && append_date(found, type, &date) < 0) {
            return -1;
        }
        from = date.end;
    }
    Py_ssize_t slash;
    for (Py_ssize_t from = 0; (slash = find_char(&text, '/', from)) >= 0;) {
        int kept;
        if (!us_at(&text, slash, &date, &kept)) {
            from = slash + 1;
            continue;
        }
        if (kept && stands_alone(&text, date.start, date.end) && append_date(found, type, &date) < 0) {
            return -1;
        }
        from = date.end;
    }
    return 0;
}

static int find_dates(const Text *text, PyTypeObject *type, PyObject *found) {
    switch (text->kind) {
    case PyUnicode_1BYTE_KIND:
        return find_dates_of_kind(PyUnicode_1BYTE_KIND, text->data, text->length, type, found);
    case PyUnicode_2BYTE_KIND:
        return find_dates_of_kind(PyUnicode_2BYTE_KIND, text->data, text->length, type, found);
    default:
        return find_dates_of_kind(PyUnicode_4BYTE_KIND, text->data, text->length, type, found);
    }
}

PyDoc_STRVAR(numeric_dates_doc,
             "numeric_dates(text, reference_type)\n\n"
             "The numeric dates of text as timerefs._iso_dates(text) + timerefs._us_dates(text) finds\n"
             "them: reference_type(\"date\", start, end, value) for each, ISO dates first. reference_type\n"
             "is a tuple subclass without fields of its own (timerefs.TimeReference).");

static PyObject *numeric_dates(PyObject *module, PyObject *const *args, Py_ssize_t n_args) {
    (void)module;
    if (n_args != 2 || !PyUnicode_Check(args[0]) || !PyType_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "numeric_dates(text: str, reference_type: type)");
        return NULL;
    }
    PyObject *string = args[0];
    PyTypeObject *type = (PyTypeObject *)args[1];
    /* References are filled in as plain tuples of four items. */
    if (!PyType_IsSubtype(type, &PyTuple_Type) || type->tp_basicsize != PyTuple_Type.tp_basicsize) {
        PyErr_SetString(PyExc_TypeError, "reference_type must be a tuple subclass without fields of its own");
        return NULL;
    }
    if (PyUnicode_READY(string) < 0) {
        return NULL;
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    Text text = {PyUnicode_KIND(string), PyUnicode_DATA(string), PyUnicode_GET_LENGTH(string)};
    if (find_dates(&text, type, found) < 0) {
        Py_DECREF(found);
        return NULL;
    }
    return found;
}

static PyMethodDef dates_methods[] = {
    {"numeric_dates", (PyCFunction)(void (*)(void))numeric_dates, METH_FASTCALL, numeric_dates_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef dates_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "hoguide.reading._dates",
    .m_doc = "The numeric date finder in C (see timerefs.py for the patterns it follows).",
    .m_size = -1,
    .m_methods = dates_methods,
};

PyMODINIT_FUNC PyInit__dates(void) {
    if (DATE_CONCEPT == NULL && (DATE_CONCEPT = PyUnicode_InternFromString("date")) == NULL) {
        return NULL;
    }
    return PyModule_Create(&dates_module);
}
