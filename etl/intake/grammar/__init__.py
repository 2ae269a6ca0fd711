"""The intake's grammar: how figures, their units, directions, periods and subjects are written
in English, Russian and Ukrainian news and commentary.

Each module reads one thing from a sentence and its paragraph, by rules written from the
languages (how numbers, units, dates and subjects are written), never from one document's
words; each works on a bounded window around a figure, so reading a text stays linear in its
length:

- ``language``: which of the three languages a text is in (or none);
- ``quantities``: numerals (digits in any format, compound amounts, numbers in words, fractions,
  multipliers) with their scale and unit;
- ``modifiers``: a figure's direction (its sign) and qualifier (bound, approximation, forecast);
- ``periods``: the period a figure is about, from its sentence, its paragraph and the document's
  date;
- ``subjects``: what a figure is about — reporter, partner, indicator, flow, measure.
"""
