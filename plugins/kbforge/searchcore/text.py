"""Words as the search index and the query see them, the same in Python and
in the browser (assets/kbforge/kbsearch.js mirrors every function here).

- ``words(text)``: lower-case NFC runs of letters and digits.
- ``fold(word)``: without diacritics, and with the letters that have no
  decomposition spelt in ASCII (ł, đ, ø, æ, ß), as a reader types them
  without a Polish, Vietnamese or Norwegian keyboard.
- ``Language.stem(word)``: Snowball for nb, es and pl; Vietnamese syllables
  are not inflected. Stems are only computed here, at build time: the
  browser looks a typed word up in the index's lexicon, which maps every word
  of the knowledge base to its stem (see searchcore/lexicon.py).
- ``Language.stop``: question words, pronouns, auxiliaries and filler
  ("how do I", "làm thế nào để", "hvordan kan jeg", "¿cómo puedo?", "jak
  mogę"): they are not indexed and do not decide the ranking. Compared
  without diacritics ("jak moge"), except in Vietnamese (EXACT_STOP).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

WORD = re.compile(r"[^\W_]+")  # JS: /[\p{L}\p{N}]+/gu
# Letters without a Unicode decomposition, spelt as readers type them without them.
LETTERS = {"ł": "l", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ð": "d", "þ": "th", "ı": "i"}
STEMMERS = {"nb": "norwegian", "es": "spanish", "pl": "polish"}

# Words that carry no subject in a customer's question. Written per language,
# folded when compared, so "jak moge" drops like "jak mogę".
STOP = {
    "vi": """
        à ạ ai anh ấy bạn bao bằng bị bởi cả các cách cái cần chỉ cho chị chứ chúng có của cùng cũng
        đã đang đây để đến đi điều đó được gì giúp hả hãy hay hoặc hơn khi không là làm lại lên
        mà mình muốn một nào này nên nếu nhé như nhưng những nhỉ nó ơi ở phải qua ra rằng rồi
        sao sẽ tại thể thế thì tôi trong từ và vào vậy về vì với
    """,
    "nb": """
        à alle av da de dem den denne der dere det dette du eller en er et for fra få får gjør
        gjøre går han har hen hva hvem hvilken hvilke hvis hvor hvordan hvorfor i jeg kan kunne
        man med meg men min mine mitt må noe når og om oss på seg selv sin skal slik som så til
        ved vi vil ville å
    """,
    "es": """
        a al algo alguien como cómo con cual cuál cuando cuándo de debo del donde dónde el él
        en es esta está este esto estoy ha hacer hago hay la las le lo los me mi mis mí muy no
        o para pero por porque puedo puede qué que quien quién se si sí sin su sus te tengo
        tiene tu tus un una uno unos y ya yo
    """,
    "pl": """
        a aby albo ale bo by być co czy dla do gdy gdzie i ich im jak jaki jakie jest jestem
        jeśli już ja mi mnie moge mogę moja moje mój może można na nie o od oraz po przez się
        są ta tak te to tu w we z za że żeby
    """,
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, in order."""
    return WORD.findall(nfc(text).lower())


def fold(word: str) -> str:
    """``word`` without diacritics: "hóa đơn" -> "hoa don", "hasło" -> "haslo"."""
    plain = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return "".join(LETTERS.get(c, c) for c in plain)


@lru_cache(maxsize=200_000)  # a pure function of its argument: nothing leaks between builds
def _fold_cached(word: str) -> str:
    return fold(word)


def has_marks(word: str) -> bool:
    return fold(word) != word


# Vietnamese tones tell words apart: "tu" typed without them may be "tử", not
# the filler "từ". There a filler word must be typed as it is spelt.
EXACT_STOP = {"vi"}


@dataclass
class Language:
    code: str
    stop: frozenset[str] = field(init=False)  # as compared: folded, or as spelt (EXACT_STOP)
    _stems: dict[str, str] = field(init=False, default_factory=dict)

    def __post_init__(self):
        spelt = STOP.get(self.code, "").split()
        self.stop = frozenset(spelt if self.fold_stop is False else (fold(w) for w in spelt))

    @property
    def fold_stop(self) -> bool:
        return self.code not in EXACT_STOP

    @cached_property
    def _stemmer(self):
        if self.code not in STEMMERS:
            return None
        import snowballstemmer  # build time only

        return snowballstemmer.stemmer(STEMMERS[self.code])

    def stem(self, word: str) -> str:
        if self._stemmer is None or len(word) < 4 or word.isdigit():
            return word
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    def is_stop(self, word: str) -> bool:
        return (_fold_cached(word) if self.fold_stop else word) in self.stop

    def content(self, tokens: list[str]) -> list[str]:
        """The words that say what a query is about; all of them if every word is filler."""
        kept = [w for w in tokens if not self.is_stop(w)]
        return kept or tokens
