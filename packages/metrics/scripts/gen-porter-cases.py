#!/usr/bin/env python3
"""Generates fixtures/porter-nltk.json: NLTK's PorterStemmer (NLTK_EXTENSIONS) on words built to hit every rule.

Regenerate (Debian 12: apt-get install python3-nltk, which is NLTK 3.8, the version rouge-score was run with):
    /usr/bin/python3 packages/metrics/scripts/gen-porter-cases.py > packages/metrics/fixtures/porter-nltk.json
Words are roots x suffixes (every suffix of Porter's steps 1-5 and NLTK's extensions), NLTK's irregular
forms, short and mixed-case words. Deterministic: no randomness.
"""
import json

import nltk
from nltk.stem.porter import PorterStemmer

ROOTS = [
    "relat", "condit", "ration", "valen", "hesit", "digit", "conform", "radic", "differ", "vile", "analog",
    "vietnam", "predic", "oper", "feud", "decis", "hope", "callous", "formal", "sensit", "sensib", "tripl",
    "electr", "good", "reviv", "allow", "infer", "airlin", "gyroscop", "adjust", "defens", "irrit", "replac",
    "depend", "adopt", "homolog", "commun", "activ", "angular", "effect", "bowdler", "probat", "ceas", "control",
    "rol", "hop", "tann", "fall", "hiss", "fizz", "fail", "fil", "happ", "sk", "agre", "fe", "plaster", "bl",
    "motor", "s", "conflat", "troubl", "siz", "cat", "pon", "caress", "t", "enjo", "spy", "fly", "tr", "geolog",
    "beauti", "care", "use", "run", "swim", "stud", "univers", "nation", "gener", "abl", "ident", "ax", "box",
]
SUFFIXES = [
    "", "s", "es", "ies", "ied", "ed", "ing", "eed", "y", "sses", "ss", "ational", "tional", "enci", "anci",
    "izer", "bli", "abli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism", "iveness",
    "fulness", "ousness", "aliti", "iviti", "biliti", "fulli", "logi", "icate", "ative", "alize", "iciti",
    "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    "ion", "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "ly", "ally", "fully",
    "ings", "edly", "ations", "izing", "ified",
]
EXTRA = [
    "sky", "skies", "dying", "lying", "tying", "news", "innings", "inning", "outings", "outing", "cannings",
    "canning", "howe", "proceed", "exceed", "succeed", "a", "is", "as", "by", "ies", "ied", "dies", "died",
    "lies", "ties", "Skies", "SKY", "Running", "CARESSES", "yy", "y", "ay", "oy", "syzygy", "toy", "quiet",
    "queue", "rhythm", "crwth", "zzz", "2019", "10th", "abc123ing",
]

def main():
    stemmer = PorterStemmer()  # mode NLTK_EXTENSIONS, as rouge-score uses it
    words = sorted({r + s for r in ROOTS for s in SUFFIXES} | set(EXTRA))
    cases = [{"word": w, "stem": stemmer.stem(w)} for w in words]
    head = {
        "generator": "packages/metrics/scripts/gen-porter-cases.py",
        "reference": f"nltk {nltk.__version__} PorterStemmer(mode=NLTK_EXTENSIONS).stem(word)",
        "count": len(cases),
    }
    lines = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases)
    print(json.dumps(head, ensure_ascii=False)[:-1] + ', "cases": [\n' + lines + "\n]}")

if __name__ == "__main__":
    main()
