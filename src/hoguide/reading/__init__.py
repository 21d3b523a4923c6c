"""Reports to Readings: sections, sentences, lexicon hits, ConText and attributes (no guidance here)."""
