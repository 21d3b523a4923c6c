/* The reader's phrase matcher in C: one Aho–Corasick pass that also does what matcher.py's
 * pure-Python path does after its automaton (ahocorasick_rs) pass, so that no Python object is
 * made for a candidate that is thrown away.
 *
 * Per text it
 *   - reads the folded text (same length as the input), or folds ASCII input itself as it reads,
 *     and skips every space that follows a space, so a white-space run matches the single space
 *     of a phrase; a small ring of input offsets maps the collapsed positions of a match straight
 *     back to the input;
 *   - keeps a phrase only where it is word-bounded, and a case-exact variant only where the
 *     input has exactly its letters;
 *   - resolves overlaps leftmost-longest within each layer;
 *   - returns the kept hits as instances of the caller's tuple subclass (matcher.Hit), or keeps
 *     them in a HitIndex that makes them only when asked for (by group of layers, or by range).
 *
 * The rules are those of matcher.py, and tests/reading/test_native_matcher.py checks that both
 * paths return the same hits. The automaton is a full DFA over a small alphabet: the characters
 * that occur in the phrases, plus one class for every other character. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t rank;   /* index into labels: the (layer, payload) of this variant */
    int32_t layer;  /* small integer per layer: overlaps compete within one layer */
    Py_UCS4 *exact; /* the phrase as it must be written, or NULL for any case */
} Variant;

typedef struct {
    int32_t length; /* in code points, white-space runs counted as one */
    int check_left, check_right;
    Py_UCS4 *key;   /* folded phrase: where it has a space, an exact variant needs one too */
    Py_ssize_t first_variant, n_variants;
} Phrase;

typedef struct {
    Py_ssize_t start, end; /* input offsets */
    int32_t rank, layer;
} Candidate;

typedef struct {
    PyObject_HEAD
    int32_t n_classes;
    uint16_t latin1_class[256]; /* the classes of U+0000..U+00FF, looked up without a search */
    Py_UCS4 *wide_chars; /* sorted non-ASCII phrase characters, and their classes */
    uint16_t *wide_classes;
    Py_ssize_t n_wide;
    uint32_t *delta;     /* n_states x n_classes: the next state's row (state x n_classes), shifted
                          * left by one, with the low bit set where a phrase ends at that state or
                          * on its failure chain; so a step is one load and no multiplication */
    int32_t *phrase_at;  /* per state: the phrase that ends there, or -1 */
    int32_t *out_link;   /* per state: the nearest state on its failure chain that ends a phrase, or 0 */
    int32_t n_states;
    Phrase *phrases;
    Py_ssize_t n_phrases;
    Variant *variants;
    Py_ssize_t n_variants;
    int32_t max_length;
    int32_t n_layers;
    int32_t *group_of; /* per layer: the group a HitIndex also lists its hits in, or -1 */
    Py_UCS1 ascii_fold[128]; /* hoguide.folding.fold of each ASCII character, for scans of unfolded text */
    int has_ascii_fold;
    int32_t n_groups;
    PyTypeObject *hit_type;
    PyObject *labels; /* tuple of (layer, payload) per rank */
} Automaton;

static int is_word_char(Py_UCS4 ch) {
    if (ch < 128) {
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    }
    return Py_UNICODE_ISALNUM(ch); /* what str.isalnum() tests */
}

static int compare_ucs4(const void *a, const void *b) {
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

static inline int32_t class_of(const Automaton *self, Py_UCS4 ch) {
    if (ch < 256) {
        return self->latin1_class[ch];
    }
    Py_ssize_t lo = 0, hi = self->n_wide;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (self->wide_chars[mid] < ch) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (lo < self->n_wide && self->wide_chars[lo] == ch) ? self->wide_classes[lo] : 0;
}

/* A str as a freshly allocated UCS4 array (the caller frees it), its length in *length. */
static Py_UCS4 *ucs4_of(PyObject *text, Py_ssize_t *length) {
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "phrases must be str");
        return NULL;
    }
    *length = PyUnicode_GET_LENGTH(text);
    return PyUnicode_AsUCS4Copy(text);
}

static void automaton_free_tables(Automaton *self) {
    if (self->phrases != NULL) {
        for (Py_ssize_t i = 0; i < self->n_phrases; i++) {
            PyMem_Free(self->phrases[i].key);
        }
    }
    if (self->variants != NULL) {
        for (Py_ssize_t i = 0; i < self->n_variants; i++) {
            PyMem_Free(self->variants[i].exact);
        }
    }
    PyMem_Free(self->phrases);
    PyMem_Free(self->variants);
    PyMem_Free(self->wide_chars);
    PyMem_Free(self->wide_classes);
    PyMem_Free(self->delta);
    PyMem_Free(self->phrase_at);
    PyMem_Free(self->out_link);
    PyMem_Free(self->group_of);
    self->group_of = NULL;
    self->phrases = NULL;
    self->variants = NULL;
    self->wide_chars = NULL;
    self->wide_classes = NULL;
    self->delta = NULL;
    self->phrase_at = NULL;
    self->out_link = NULL;
}

static void automaton_dealloc(Automaton *self) {
    automaton_free_tables(self);
    Py_XDECREF(self->hit_type);
    Py_XDECREF(self->labels);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Read the phrases: a sequence of (key, check_left, check_right, variants), where variants is a
 * sequence of (rank, layer, exact or None). */
static int read_phrases(Automaton *self, PyObject *phrases, Py_ssize_t n_labels) {
    PyObject *seq = PySequence_Fast(phrases, "phrases must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    self->phrases = PyMem_Calloc(n > 0 ? n : 1, sizeof(Phrase));
    if (self->phrases == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    self->n_phrases = n;
    Py_ssize_t capacity = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key, *variants;
        int check_left, check_right;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "UppO;a phrase is (key, check_left, check_right, variants)",
                              &key, &check_left, &check_right, &variants)) {
            goto fail;
        }
        Phrase *phrase = &self->phrases[i];
        Py_ssize_t length;
        phrase->key = ucs4_of(key, &length);
        if (phrase->key == NULL) {
            goto fail;
        }
        if (length == 0 || length > INT32_MAX / 2) {
            PyErr_SetString(PyExc_ValueError, "a phrase must not be empty");
            goto fail;
        }
        phrase->length = (int32_t)length;
        phrase->check_left = check_left;
        phrase->check_right = check_right;
        if (phrase->length > self->max_length) {
            self->max_length = phrase->length;
        }
        PyObject *vseq = PySequence_Fast(variants, "variants must be a sequence");
        if (vseq == NULL) {
            goto fail;
        }
        Py_ssize_t nv = PySequence_Fast_GET_SIZE(vseq);
        if (self->n_variants + nv > capacity) {
            Py_ssize_t grown = (self->n_variants + nv) * 2;
            Variant *more = PyMem_Realloc(self->variants, grown * sizeof(Variant));
            if (more == NULL) {
                Py_DECREF(vseq);
                PyErr_NoMemory();
                goto fail;
            }
            self->variants = more;
            capacity = grown;
        }
        phrase->first_variant = self->n_variants;
        for (Py_ssize_t k = 0; k < nv; k++) {
            int rank, layer;
            PyObject *exact;
            Variant *variant = &self->variants[self->n_variants];
            if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(vseq, k), "iiO;a variant is (rank, layer, exact)",
                                  &rank, &layer, &exact)) {
                Py_DECREF(vseq);
                goto fail;
            }
            if (rank < 0 || rank >= n_labels || layer < 0) {
                PyErr_SetString(PyExc_ValueError, "a variant's rank or layer is out of range");
                Py_DECREF(vseq);
                goto fail;
            }
            variant->rank = rank;
            variant->layer = layer;
            variant->exact = NULL;
            if (exact != Py_None) {
                Py_ssize_t exact_length;
                variant->exact = ucs4_of(exact, &exact_length);
                if (variant->exact == NULL) {
                    Py_DECREF(vseq);
                    goto fail;
                }
                if (exact_length != length) {
                    PyErr_SetString(PyExc_ValueError, "a case-exact phrase must be as long as its key");
                    self->n_variants++; /* so that its copy is freed */
                    Py_DECREF(vseq);
                    goto fail;
                }
            }
            if (layer >= self->n_layers) {
                self->n_layers = layer + 1;
            }
            self->n_variants++;
        }
        phrase->n_variants = nv;
        Py_DECREF(vseq);
    }
    Py_DECREF(seq);
    return 0;
fail:
    Py_DECREF(seq);
    return -1;
}

/* The alphabet: one class per distinct phrase character, class 0 for all others. */
static int build_alphabet(Automaton *self) {
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < self->n_phrases; i++) {
        total += self->phrases[i].length;
    }
    Py_UCS4 *wide = PyMem_Malloc((total > 0 ? total : 1) * sizeof(Py_UCS4));
    if (wide == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n_wide = 0;
    int32_t next_class = 1;
    for (Py_ssize_t i = 0; i < self->n_phrases; i++) {
        for (int32_t j = 0; j < self->phrases[i].length; j++) {
            Py_UCS4 ch = self->phrases[i].key[j];
            if (ch < 128) {
                if (self->latin1_class[ch] == 0) {
                    self->latin1_class[ch] = (uint16_t)next_class++;
                }
            } else {
                wide[n_wide++] = ch;
            }
        }
    }
    qsort(wide, n_wide, sizeof(Py_UCS4), compare_ucs4);
    Py_ssize_t unique = 0;
    for (Py_ssize_t i = 0; i < n_wide; i++) {
        if (unique == 0 || wide[unique - 1] != wide[i]) {
            wide[unique++] = wide[i];
        }
    }
    self->wide_chars = wide;
    self->n_wide = unique;
    self->wide_classes = PyMem_Malloc((unique > 0 ? unique : 1) * sizeof(uint16_t));
    if (self->wide_classes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < unique; i++) {
        self->wide_classes[i] = (uint16_t)next_class++;
    }
    if (next_class > UINT16_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many distinct characters in the phrases");
        return -1;
    }
    for (Py_ssize_t i = 0; i < unique && wide[i] < 256; i++) {
        self->latin1_class[wide[i]] = self->wide_classes[i];
    }
    self->n_classes = next_class;
    return 0;
}

/* The trie, then the failure links filled in breadth first so every state has every transition. */
static int build_automaton(Automaton *self) {
    Py_ssize_t bound = 1;
    for (Py_ssize_t i = 0; i < self->n_phrases; i++) {
        bound += self->phrases[i].length;
    }
    int32_t classes = self->n_classes;
    if (bound > INT32_MAX / 2 / classes) { /* rows shifted left by one must fit in 32 bits */
        PyErr_SetString(PyExc_ValueError, "the phrases are too many for one automaton");
        return -1;
    }
    /* Built with plain state numbers; encoded as rows with an output bit once complete. */
    int32_t *delta = PyMem_Calloc((size_t)bound * classes, sizeof(int32_t));
    self->phrase_at = PyMem_Malloc(bound * sizeof(int32_t));
    self->out_link = PyMem_Calloc(bound, sizeof(int32_t));
    int32_t *fail = PyMem_Calloc(bound, sizeof(int32_t));
    int32_t *queue = PyMem_Malloc(bound * sizeof(int32_t));
    self->delta = (uint32_t *)delta;
    if (delta == NULL || self->phrase_at == NULL || self->out_link == NULL || fail == NULL || queue == NULL) {
        PyMem_Free(fail);
        PyMem_Free(queue);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < bound; s++) {
        self->phrase_at[s] = -1;
    }
    int32_t n_states = 1; /* state 0 is the root, never a child: 0 means "no child" while building */
    for (Py_ssize_t i = 0; i < self->n_phrases; i++) {
        int32_t state = 0;
        for (int32_t j = 0; j < self->phrases[i].length; j++) {
            int32_t *next = &delta[(size_t)state * classes + class_of(self, self->phrases[i].key[j])];
            if (*next == 0) {
                *next = n_states++;
            }
            state = *next;
        }
        if (self->phrase_at[state] != -1) {
            PyErr_SetString(PyExc_ValueError, "a phrase is given twice");
            PyMem_Free(fail);
            PyMem_Free(queue);
            return -1;
        }
        self->phrase_at[state] = (int32_t)i;
    }
    Py_ssize_t head = 0, tail = 0;
    for (int32_t c = 0; c < classes; c++) {
        if (delta[c] != 0) {
            queue[tail++] = delta[c];
        }
    }
    while (head < tail) {
        int32_t state = queue[head++];
        int32_t *row = &delta[(size_t)state * classes];
        const int32_t *fallback = &delta[(size_t)fail[state] * classes];
        for (int32_t c = 0; c < classes; c++) {
            if (row[c] != 0) {
                int32_t child = row[c], link = fallback[c];
                fail[child] = link;
                self->out_link[child] = self->phrase_at[link] >= 0 ? link : self->out_link[link];
                queue[tail++] = child;
            } else {
                row[c] = fallback[c];
            }
        }
    }
    PyMem_Free(fail);
    self->n_states = n_states;
    /* Renumber the states breadth first (the queue's order), so that the shallow states, where the
     * automaton spends most of its time, share a few cache lines instead of spreading over the table. */
    int32_t *renumbered = queue; /* old number -> new, built in place of the queue's order */
    int32_t *order = PyMem_Malloc((size_t)n_states * sizeof(int32_t));
    uint32_t *encoded = PyMem_Malloc((size_t)n_states * classes * sizeof(uint32_t));
    int32_t *phrase_at = PyMem_Malloc((size_t)n_states * sizeof(int32_t));
    int32_t *out_link = PyMem_Malloc((size_t)n_states * sizeof(int32_t));
    if (order == NULL || encoded == NULL || phrase_at == NULL || out_link == NULL) {
        PyMem_Free(queue);
        PyMem_Free(order);
        PyMem_Free(encoded);
        PyMem_Free(phrase_at);
        PyMem_Free(out_link);
        PyErr_NoMemory();
        return -1;
    }
    order[0] = 0;
    memcpy(order + 1, queue, (size_t)(n_states - 1) * sizeof(int32_t));
    for (int32_t k = 0; k < n_states; k++) {
        renumbered[order[k]] = k;
    }
    for (int32_t k = 0; k < n_states; k++) {
        int32_t old = order[k];
        phrase_at[k] = self->phrase_at[old];
        out_link[k] = renumbered[self->out_link[old]];
    }
    for (int32_t k = 0; k < n_states; k++) {
        const int32_t *row = &delta[(size_t)order[k] * classes];
        for (int32_t c = 0; c < classes; c++) {
            int32_t next = renumbered[row[c]];
            uint32_t ends = phrase_at[next] >= 0 || out_link[next] != 0;
            encoded[(size_t)k * classes + c] = ((uint32_t)next * (uint32_t)classes) << 1 | ends;
        }
    }
    PyMem_Free(queue);
    PyMem_Free(order);
    PyMem_Free(delta);
    PyMem_Free(self->phrase_at);
    PyMem_Free(self->out_link);
    self->delta = encoded;
    self->phrase_at = phrase_at;
    self->out_link = out_link;
    return 0;
}

/* Read the groups: a tuple with, per layer index, the index of its group (below n_groups) or -1;
 * the layers past its end are in no group. */
static int read_groups(Automaton *self, PyObject *groups, int n_groups) {
    Py_ssize_t n = self->n_layers > 0 ? self->n_layers : 1;
    if (n_groups < 0 || n_groups > INT16_MAX) {
        PyErr_SetString(PyExc_ValueError, "n_groups must be a small whole number");
        return -1;
    }
    self->n_groups = n_groups;
    self->group_of = PyMem_Malloc(n * sizeof(int32_t));
    if (self->group_of == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t layer = 0; layer < n; layer++) {
        long group = -1;
        if (groups != NULL && layer < PyTuple_GET_SIZE(groups)) {
            group = PyLong_AsLong(PyTuple_GET_ITEM(groups, layer));
            if (group == -1 && PyErr_Occurred()) {
                return -1;
            }
            if (group < -1 || group >= n_groups) {
                PyErr_SetString(PyExc_ValueError, "a group index must be -1 or below n_groups");
                return -1;
            }
        }
        self->group_of[layer] = (int32_t)group;
    }
    return 0;
}

static int automaton_init(Automaton *self, PyObject *args, PyObject *kwargs) {
    static char *keywords[] = {"phrases", "hit_type", "labels", "groups", "n_groups", "ascii_fold", NULL};
    PyObject *phrases, *hit_type, *labels, *groups = NULL, *ascii_fold = NULL;
    int n_groups = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO!O!|O!iU:Automaton", keywords, &phrases, &PyType_Type,
                                     &hit_type, &PyTuple_Type, &labels, &PyTuple_Type, &groups, &n_groups,
                                     &ascii_fold)) {
        return -1;
    }
    if (ascii_fold != NULL) {
        /* Folding must map ASCII to ASCII, and a word character to a word character and no other
         * (the word bounds are read from the unfolded text). */
        if (PyUnicode_GET_LENGTH(ascii_fold) != 128 || !PyUnicode_IS_ASCII(ascii_fold)) {
            PyErr_SetString(PyExc_ValueError, "ascii_fold must be 128 ASCII characters");
            return -1;
        }
        for (Py_UCS4 ch = 0; ch < 128; ch++) {
            Py_UCS4 folded_ch = PyUnicode_READ_CHAR(ascii_fold, ch);
            if (is_word_char(folded_ch) != is_word_char(ch)) {
                PyErr_SetString(PyExc_ValueError, "ascii_fold must keep word characters apart from the others");
                return -1;
            }
            self->ascii_fold[ch] = (Py_UCS1)folded_ch;
        }
        self->has_ascii_fold = 1;
    }
    PyTypeObject *type = (PyTypeObject *)hit_type;
    /* Hits are filled in as plain tuples of four items, so the type must add no fields of its own. */
    if (!PyType_IsSubtype(type, &PyTuple_Type) || type->tp_basicsize != PyTuple_Type.tp_basicsize) {
        PyErr_SetString(PyExc_TypeError, "hit_type must be a tuple subclass without fields of its own");
        return -1;
    }
    Py_ssize_t n_labels = PyTuple_GET_SIZE(labels);
    for (Py_ssize_t i = 0; i < n_labels; i++) {
        PyObject *label = PyTuple_GET_ITEM(labels, i);
        if (!PyTuple_Check(label) || PyTuple_GET_SIZE(label) != 2) {
            PyErr_SetString(PyExc_TypeError, "each label is a (layer, payload) tuple");
            return -1;
        }
    }
    if (self->delta != NULL) {
        PyErr_SetString(PyExc_RuntimeError, "an Automaton is built once");
        return -1;
    }
    Py_INCREF(hit_type);
    Py_INCREF(labels);
    Py_XSETREF(self->hit_type, type);
    Py_XSETREF(self->labels, labels);
    if (read_phrases(self, phrases, n_labels) < 0 || read_groups(self, groups, n_groups) < 0 || build_alphabet(self) < 0 ||
        build_automaton(self) < 0) {
        automaton_free_tables(self);
        return -1;
    }
    return 0;
}

static int compare_candidates(const void *a, const void *b) {
    const Candidate *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    if (x->end != y->end) {
        return x->end > y->end ? -1 : 1; /* longest first */
    }
    return (x->rank > y->rank) - (x->rank < y->rank);
}

typedef struct {
    Candidate *items;
    Py_ssize_t count, capacity;
} Candidates;

static int push(Candidates *candidates, Py_ssize_t start, Py_ssize_t end, const Variant *variant) {
    if (candidates->count == candidates->capacity) {
        Py_ssize_t grown = candidates->capacity < 256 ? 256 : candidates->capacity * 2;
        Candidate *more = PyMem_RawRealloc(candidates->items, grown * sizeof(Candidate));
        if (more == NULL) {
            return -1;
        }
        candidates->items = more;
        candidates->capacity = grown;
    }
    Candidate *c = &candidates->items[candidates->count++];
    c->start = start;
    c->end = end;
    c->rank = variant->rank;
    c->layer = variant->layer;
    return 0;
}

/* The phrases that end at input offset i (the automaton is in `row`): checked for word bounds and
 * case-exact variants, and pushed as candidates. Returns -1 when memory runs out. */
static int push_phrases_ending(const Automaton *self, uint32_t row, int kind, const void *data, int original_kind,
                               const void *original, Py_ssize_t i, Py_ssize_t n, Py_ssize_t fed,
                               const Py_ssize_t *ring, Py_ssize_t mask, Candidates *out) {
    int32_t state = (int32_t)(row / (uint32_t)self->n_classes);
    int32_t hit = self->phrase_at[state] >= 0 ? state : self->out_link[state];
    for (; hit != 0; hit = self->out_link[hit]) {
        const Phrase *phrase = &self->phrases[self->phrase_at[hit]];
        Py_ssize_t first = fed - phrase->length;
        Py_ssize_t start = ring[first & mask];
        if (phrase->check_left && start > 0 && is_word_char(PyUnicode_READ(kind, data, start - 1))) {
            continue;
        }
        if (phrase->check_right && i + 1 < n && is_word_char(PyUnicode_READ(kind, data, i + 1))) {
            continue;
        }
        for (Py_ssize_t v = 0; v < phrase->n_variants; v++) {
            const Variant *variant = &self->variants[phrase->first_variant + v];
            if (variant->exact != NULL) {
                int same = 1;
                for (int32_t j = 0; j < phrase->length && same; j++) {
                    Py_UCS4 wanted = variant->exact[j];
                    if (phrase->key[j] == ' ') {
                        same = wanted == ' '; /* any white space run in the input reads as one space */
                    } else {
                        same = PyUnicode_READ(original_kind, original, ring[(first + j) & mask]) == wanted;
                    }
                }
                if (!same) {
                    continue;
                }
            }
            if (push(out, start, i + 1, variant) < 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* The automaton pass; runs without the GIL (it touches no Python object but the two immutable
 * strings the caller holds). Always inlined, so that each call below with a constant `kind` becomes
 * a loop of its own that reads the string's code units directly. Returns -1 when memory runs out. */
static inline __attribute__((always_inline)) int
scan_kind(const Automaton *self, const int kind, const void *data, int original_kind, const void *original,
          Py_ssize_t n, Py_ssize_t *ring, Py_ssize_t mask, Candidates *out, const Py_UCS1 *fold) {
    const uint32_t *delta = self->delta;
    uint32_t row = 0;
    Py_ssize_t fed = 0; /* characters given to the automaton: the input less the collapsed spaces */
    int previous_space = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (fold != NULL) {
            ch = fold[ch]; /* ASCII text read unfolded: fold never turns a word character into another kind */
        }
        int space = ch == ' ';
        if (space && previous_space) {
            continue;
        }
        previous_space = space;
        ring[fed & mask] = i;
        fed++;
        uint32_t step = delta[row + (uint32_t)(kind == PyUnicode_1BYTE_KIND ? self->latin1_class[ch]
                                                                            : class_of(self, ch))];
        row = step >> 1;
        if ((step & 1) &&
            push_phrases_ending(self, row, kind, data, original_kind, original, i, n, fed, ring, mask, out) < 0) {
            return -1;
        }
    }
    return 0;
}

/* `folded` NULL: the original is ASCII and is folded as it is read. */
static int find_candidates(const Automaton *self, int kind, const void *data, int original_kind,
                           const void *original, Py_ssize_t n, Py_ssize_t *ring, Py_ssize_t mask,
                           Candidates *out, int fold) {
    if (fold) {
        return scan_kind(self, PyUnicode_1BYTE_KIND, original, original_kind, original, n, ring, mask, out,
                         self->ascii_fold);
    }
    switch (kind) {
    case PyUnicode_1BYTE_KIND:
        return scan_kind(self, PyUnicode_1BYTE_KIND, data, original_kind, original, n, ring, mask, out, NULL);
    case PyUnicode_2BYTE_KIND:
        return scan_kind(self, PyUnicode_2BYTE_KIND, data, original_kind, original, n, ring, mask, out, NULL);
    default:
        return scan_kind(self, PyUnicode_4BYTE_KIND, data, original_kind, original, n, ring, mask, out, NULL);
    }
}

/* Leftmost-longest within each layer; hits with the same span and layer are all kept. Compacts
 * the kept candidates to the front and returns how many there are. */
static Py_ssize_t resolve_overlaps(Candidates *candidates, Py_ssize_t *last_start, Py_ssize_t *last_end) {
    if (candidates->count > 1) {
        qsort(candidates->items, candidates->count, sizeof(Candidate), compare_candidates);
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < candidates->count; i++) {
        Candidate c = candidates->items[i];
        if (c.start < last_end[c.layer] && (c.start != last_start[c.layer] || c.end != last_end[c.layer])) {
            continue;
        }
        last_start[c.layer] = c.start;
        last_end[c.layer] = c.end;
        candidates->items[kept++] = c;
    }
    return kept;
}

/* One kept candidate as a hit tuple (a new reference, or NULL with an exception set). */
static PyObject *make_hit(const Automaton *self, const Candidate *item) {
    PyObject *label = PyTuple_GET_ITEM(self->labels, item->rank);
    PyObject *start = PyLong_FromSsize_t(item->start);
    PyObject *end = PyLong_FromSsize_t(item->end);
    PyObject *hit = self->hit_type->tp_alloc(self->hit_type, 4);
    if (start == NULL || end == NULL || hit == NULL) {
        Py_XDECREF(start);
        Py_XDECREF(end);
        Py_XDECREF(hit);
        return NULL;
    }
    PyObject *layer = PyTuple_GET_ITEM(label, 0), *payload = PyTuple_GET_ITEM(label, 1);
    Py_INCREF(layer);
    Py_INCREF(payload);
    PyTuple_SET_ITEM(hit, 0, start);
    PyTuple_SET_ITEM(hit, 1, end);
    PyTuple_SET_ITEM(hit, 2, layer);
    PyTuple_SET_ITEM(hit, 3, payload);
    if (!PyObject_GC_IsTracked(payload)) {
        /* Two ints, a str and an untracked payload can form no reference cycle: the collector
         * need not traverse this hit (what it does for such plain tuples on its own). */
        PyObject_GC_UnTrack(hit);
    }
    return hit;
}

/* The candidates items[order[k]] for k in [first, last) (order NULL: items[k]) as a list of hits. */
static PyObject *make_hits(const Automaton *self, const Candidate *items, const Py_ssize_t *order,
                           Py_ssize_t first, Py_ssize_t last) {
    PyObject *hits = PyList_New(last > first ? last - first : 0);
    for (Py_ssize_t k = first; hits != NULL && k < last; k++) {
        PyObject *hit = make_hit(self, &items[order != NULL ? order[k] : k]);
        if (hit == NULL) {
            Py_CLEAR(hits);
            break;
        }
        PyList_SET_ITEM(hits, k - first, hit);
    }
    return hits;
}

PyDoc_STRVAR(scan_doc,
             "scan(folded, original) -> list of hits\n\n"
             "``folded`` is the input folded without changing its length (hoguide.folding.fold), or None for\n"
             "ASCII input the automaton folds as it reads (see ascii_fold); ``original`` the input itself\n"
             "(for case-exact phrases). Hits hold input offsets, sorted by start, longest first.");

/* The kept candidates of one scan (hits sorted by start, longest first), with their count in *kept;
 * NULL with an exception set on failure. The caller frees the array with PyMem_RawFree. */
static Candidate *scan_candidates(Automaton *self, PyObject *args, Py_ssize_t *kept) {
    PyObject *folded, *original;
    if (!PyArg_ParseTuple(args, "OU:scan", &folded, &original)) {
        return NULL;
    }
    if (self->delta == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "the Automaton was not built");
        return NULL;
    }
    int fold = folded == Py_None;
    if (fold && !(self->has_ascii_fold && PyUnicode_IS_ASCII(original))) {
        PyErr_SetString(PyExc_ValueError, "only ASCII text can be scanned unfolded, and only with ascii_fold");
        return NULL;
    }
    if (!fold && !PyUnicode_Check(folded)) {
        PyErr_SetString(PyExc_TypeError, "folded must be str or None");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(original);
    if (!fold && PyUnicode_GET_LENGTH(folded) != n) {
        PyErr_SetString(PyExc_ValueError, "folded and original texts differ in length");
        return NULL;
    }
    Py_ssize_t ring_size = 1;
    while (ring_size <= self->max_length) {
        ring_size *= 2;
    }
    Py_ssize_t *ring = PyMem_Malloc(ring_size * sizeof(Py_ssize_t));
    Py_ssize_t *last = PyMem_Malloc(2 * (self->n_layers > 0 ? self->n_layers : 1) * sizeof(Py_ssize_t));
    /* One element more than needed, so that a scan without hits still returns a valid pointer. */
    Candidates candidates = {PyMem_RawMalloc(sizeof(Candidate)), 0, 1};
    if (ring == NULL || last == NULL || candidates.items == NULL) {
        PyMem_Free(ring);
        PyMem_Free(last);
        PyMem_RawFree(candidates.items);
        PyErr_NoMemory();
        return NULL;
    }
    for (int32_t i = 0; i < 2 * self->n_layers; i++) {
        last[i] = -1;
    }
    int kind = fold ? PyUnicode_1BYTE_KIND : PyUnicode_KIND(folded), original_kind = PyUnicode_KIND(original);
    const void *data = fold ? NULL : PyUnicode_DATA(folded), *original_data = PyUnicode_DATA(original);
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = find_candidates(self, kind, data, original_kind, original_data, n, ring, ring_size - 1, &candidates,
                             fold);
    if (status == 0) {
        *kept = resolve_overlaps(&candidates, last, last + self->n_layers);
    }
    Py_END_ALLOW_THREADS
    PyMem_Free(ring);
    PyMem_Free(last);
    if (status != 0) {
        PyMem_RawFree(candidates.items);
        PyErr_NoMemory();
        return NULL;
    }
    return candidates.items;
}

static PyObject *automaton_scan(Automaton *self, PyObject *args) {
    Py_ssize_t kept = 0;
    Candidate *items = scan_candidates(self, args, &kept);
    if (items == NULL) {
        return NULL;
    }
    PyObject *hits = make_hits(self, items, NULL, 0, kept);
    PyMem_RawFree(items);
    return hits;
}

/* The hits of one scan, kept as C records: a hit becomes a Python object only when asked for.
 * A reader asks for a few groups of layers in full (headers, anchors) and for the rest only in
 * the few sentences it examines, so most hits (ConText triggers, sites) are never made. */
typedef struct {
    PyObject_HEAD
    Automaton *automaton; /* for the labels and the hit type */
    Candidate *items;     /* sorted by start, longest first */
    Py_ssize_t count;
    Py_ssize_t *grouped;  /* indices into items, group after group, each in order */
    Py_ssize_t *group_first; /* n_groups + 1 bounds into grouped */
} HitIndex;

static PyTypeObject HitIndexType;

static void hit_index_dealloc(HitIndex *self) {
    Py_XDECREF(self->automaton);
    PyMem_RawFree(self->items);
    PyMem_Free(self->grouped);
    PyMem_Free(self->group_first);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The first k in [lo, hi) whose item starts at or after `start` (order NULL: items[k]). */
static Py_ssize_t first_from(const Candidate *items, const Py_ssize_t *order, Py_ssize_t lo, Py_ssize_t hi,
                             Py_ssize_t start) {
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (items[order != NULL ? order[mid] : mid].start < start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Hits whose start is in [start, end) among positions [lo, hi) of the given order. */
static PyObject *hits_between(const HitIndex *self, const Py_ssize_t *order, Py_ssize_t lo, Py_ssize_t hi,
                              Py_ssize_t start, Py_ssize_t end) {
    Py_ssize_t first = first_from(self->items, order, lo, hi, start);
    Py_ssize_t last = end > start ? first_from(self->items, order, first, hi, end) : first;
    return make_hits(self->automaton, self->items, order, first, last);
}

static int group_arg(const HitIndex *self, Py_ssize_t group) {
    if (group < 0 || group >= self->automaton->n_groups) {
        PyErr_Format(PyExc_IndexError, "there is no group %zd", group);
        return -1;
    }
    return 0;
}

static PyObject *hit_index_all(HitIndex *self, PyObject *unused) {
    (void)unused;
    return make_hits(self->automaton, self->items, NULL, 0, self->count);
}

static PyObject *hit_index_group(HitIndex *self, PyObject *arg) {
    Py_ssize_t group = PyLong_AsSsize_t(arg);
    if ((group == -1 && PyErr_Occurred()) || group_arg(self, group) < 0) {
        return NULL;
    }
    return make_hits(self->automaton, self->items, self->grouped, self->group_first[group],
                     self->group_first[group + 1]);
}

static PyObject *hit_index_group_between(HitIndex *self, PyObject *args) {
    Py_ssize_t group, start, end;
    if (!PyArg_ParseTuple(args, "nnn:group_between", &group, &start, &end) || group_arg(self, group) < 0) {
        return NULL;
    }
    return hits_between(self, self->grouped, self->group_first[group], self->group_first[group + 1], start, end);
}

static PyObject *hit_index_between(HitIndex *self, PyObject *args) {
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "nn:between", &start, &end)) {
        return NULL;
    }
    return hits_between(self, NULL, 0, self->count, start, end);
}

static Py_ssize_t hit_index_length(HitIndex *self) {
    return self->count;
}

/* A HitIndex over the kept candidates (it takes them over: the caller must not free them). */
static PyObject *new_hit_index(Automaton *automaton, Candidate *items, Py_ssize_t count) {
    HitIndex *index = PyObject_New(HitIndex, &HitIndexType);
    if (index == NULL) {
        PyMem_RawFree(items);
        return NULL;
    }
    Py_INCREF(automaton);
    index->automaton = automaton;
    index->items = items;
    index->count = count;
    int32_t n_groups = automaton->n_groups;
    index->grouped = PyMem_Malloc((count > 0 ? count : 1) * sizeof(Py_ssize_t));
    index->group_first = PyMem_Calloc((size_t)n_groups + 2, sizeof(Py_ssize_t));
    if (index->grouped == NULL || index->group_first == NULL) {
        Py_DECREF(index);
        return PyErr_NoMemory();
    }
    /* Counting sort by group, stable, so each group keeps the order of the items. */
    Py_ssize_t *first = index->group_first;
    for (Py_ssize_t i = 0; i < count; i++) {
        int32_t group = automaton->group_of[items[i].layer];
        if (group >= 0) {
            first[group + 2]++;
        }
    }
    for (int32_t g = 0; g < n_groups; g++) {
        first[g + 2] += first[g + 1];
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        int32_t group = automaton->group_of[items[i].layer];
        if (group >= 0) {
            index->grouped[first[group + 1]++] = i;
        }
    }
    return (PyObject *)index;
}

PyDoc_STRVAR(index_doc,
             "index(folded, original) -> HitIndex\n\n"
             "What scan() finds, kept in C: hits are made only when asked for, per group or per range.");

static PyObject *automaton_index(Automaton *self, PyObject *args) {
    Py_ssize_t kept = 0;
    Candidate *items = scan_candidates(self, args, &kept);
    if (items == NULL) {
        return NULL;
    }
    return new_hit_index(self, items, kept);
}

static PyMethodDef hit_index_methods[] = {
    {"all", (PyCFunction)hit_index_all, METH_NOARGS, "all() -> every hit, sorted by start"},
    {"group", (PyCFunction)hit_index_group, METH_O, "group(g) -> the hits of group g's layers, in order"},
    {"group_between", (PyCFunction)hit_index_group_between, METH_VARARGS,
     "group_between(g, start, end) -> the hits of group g that start in [start, end)"},
    {"between", (PyCFunction)hit_index_between, METH_VARARGS,
     "between(start, end) -> the hits that start in [start, end)"},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods hit_index_as_sequence = {
    .sq_length = (lenfunc)hit_index_length,
};

static PyTypeObject HitIndexType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "hoguide.reading._automaton.HitIndex",
    .tp_doc = "The hits of one scan (Automaton.index); made on demand.",
    .tp_basicsize = sizeof(HitIndex),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_dealloc = (destructor)hit_index_dealloc,
    .tp_methods = hit_index_methods,
    .tp_as_sequence = &hit_index_as_sequence,
};

static PyObject *automaton_states(Automaton *self, void *closure) {
    (void)closure;
    return PyLong_FromLong(self->n_states);
}

static PyMethodDef automaton_methods[] = {
    {"scan", (PyCFunction)automaton_scan, METH_VARARGS, scan_doc},
    {"index", (PyCFunction)automaton_index, METH_VARARGS, index_doc},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef automaton_getset[] = {
    {"states", (getter)automaton_states, NULL, "number of automaton states", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(automaton_doc,
             "Automaton(phrases, hit_type, labels, groups=(), n_groups=0, ascii_fold=None)\n\n"
             "phrases: a sequence of (key, check_left, check_right, variants), variants a sequence of\n"
             "(rank, layer, exact or None); labels: a tuple of (layer, payload) per rank; hit_type: the\n"
             "tuple subclass of four items (start, end, layer, payload) that scan() returns; groups: per\n"
             "layer index, the group (below n_groups) a HitIndex lists its hits in, or -1;\n"
             "ascii_fold: the folded form of each ASCII character, so that ASCII text can be scanned\n"
             "unfolded (folded=None).");

static PyTypeObject AutomatonType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "hoguide.reading._automaton.Automaton",
    .tp_doc = automaton_doc,
    .tp_basicsize = sizeof(Automaton),
    .tp_itemsize = 0,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)automaton_init,
    .tp_dealloc = (destructor)automaton_dealloc,
    .tp_methods = automaton_methods,
    .tp_getset = automaton_getset,
};

static struct PyModuleDef automaton_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "hoguide.reading._automaton",
    .m_doc = "The reader's phrase matcher in C (see matcher.py for the rules it follows).",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__automaton(void) {
    if (PyType_Ready(&AutomatonType) < 0 || PyType_Ready(&HitIndexType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&automaton_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&AutomatonType);
    if (PyModule_AddObject(module, "Automaton", (PyObject *)&AutomatonType) < 0) {
        Py_DECREF(&AutomatonType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
