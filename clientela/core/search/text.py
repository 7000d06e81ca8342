"""How text becomes search tokens, the same way for the index and for queries.

Both backends search a document that Python has already normalised: lower case, accents
folded (so `lodz` finds `Łódź`), split into word tokens, each CJK character a token of its own
(so any substring of a Chinese name is a phrase of adjacent tokens), and phone numbers also
indexed as the suffixes of their digits (so a prefix query on them is a substring search).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters that Unicode does not decompose into a base letter plus an accent.
_EXTRA_FOLDS = str.maketrans({
    "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "ŀ": "l", "þ": "th",
    "ß": "ss", "æ": "ae", "œ": "oe",
})
_WORD = re.compile(r"[^\W_]+")
_CJK = re.compile(
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
# Phone suffixes shorter than this would match almost any number.
MIN_DIGITS = 3
PHONE_MIN_DIGITS = 5
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8


def fold(value: str) -> str:
    """Return `value` in lower case with accents removed."""
    if value.isascii():
        return value.lower()
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return stripped.translate(_EXTRA_FOLDS)


def has_cjk(value: str) -> bool:
    """Return whether `value` contains a Chinese, Japanese or Korean character."""
    return bool(_CJK.search(value))


def tokens(value: str) -> list[str]:
    """Return the word tokens of `value`, each CJK character a token of its own."""
    found: list[str] = []
    for word in _WORD.findall(fold(value)):
        if has_cjk(word):
            found.extend(part for part in re.split(f"({_CJK.pattern})", word) if part)
        else:
            found.append(word)
    return found


def phone_digits(value: str) -> str:
    """Return the digits of `value` when it looks like a phone number, else ''."""
    if not _PHONE.match(value.strip()):
        return ""
    digits = re.sub(r"\D", "", value)
    return digits if len(digits) >= PHONE_MIN_DIGITS else ""


def document(values: list[object]) -> str:
    """Return the token document indexed for a record's searchable values."""
    words: list[str] = []
    for value in values:
        if value in (None, ""):
            continue
        text = str(value)
        words.extend(tokens(text))
        digits = phone_digits(text)
        words.extend(digits[start:] for start in range(len(digits) - MIN_DIGITS + 1))
    return " ".join(words)


@dataclass(frozen=True)
class Term:
    """One word of a query: adjacent tokens, the last one matched as a prefix."""

    tokens: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


def query_terms(query: str) -> list[Term]:
    """Return the terms of a query: one per whitespace-separated word that has tokens."""
    terms: list[Term] = []
    for word in query[:MAX_QUERY_LENGTH].split():
        # A number typed with or without separators matches the indexed digit suffixes.
        digits = re.sub(r"\D", "", word) if _PHONE.match(word) else ""
        found = (digits,) if len(digits) >= MIN_DIGITS else tuple(tokens(word))
        if found and Term(found) not in terms:
            terms.append(Term(found))
    return terms[:MAX_TERMS]


def query_error(query: str) -> str | None:
    """Return why `query` cannot be searched, or None when it can.

    A query needs two characters, or one when it contains a CJK character: one Latin letter
    matches most of the index and tells the user nothing.
    """
    stripped = query.strip()
    if not stripped:
        return "empty"
    if len(stripped) > MAX_QUERY_LENGTH:
        return "too_long"
    if not query_terms(stripped):
        return "no_words"
    if len(stripped) < 2 and not has_cjk(stripped):
        return "too_short"
    return None
