"""Names of local entities: how they are shown, sorted and searched.

IDESCAT writes names in sort form, with the article after a comma ("Hospitalet de Llobregat,
l'"); people write and read them in display form ("l'Hospitalet de Llobregat").
"""

import unicodedata

# Catalan articles, plus Aranese "es" ("Es Bòrdes", which IDESCAT sorts as "Bòrdes, Es").
ARTICLES = frozenset({"el", "la", "l'", "els", "les", "es"})
# The typewriter and typographic apostrophes, and the look-alikes keyboards produce.
APOSTROPHES = "'’\u02bc`\u00b4"


def fold(text):
    """Lower case without accents or cedillas: "Lluçanès" → "llucanes"; "ŀ" loses its dot."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalise_search_key(text):
    """The letters and digits of `text`, folded, with nothing between them.

    Dropping spaces, apostrophes, hyphens and middle dots along with everything else that is
    not a letter or a digit makes "L'Hospitalet", "l’hospitalet", "lhospitalet" and
    "Hospitalet" all substrings of the key of "l'Hospitalet de Llobregat", and "col.legi",
    "col·legi" and "collegi" one and the same, with a plain `contains` on any database.
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())


def sort_key(text):
    """A folded key that orders names the Catalan way, word by word.

    Apostrophes join ("d'Albars" sorts as "dalbars"); any other punctuation separates words,
    so "Sant Andreu" comes before "Santa Coloma".
    """
    folded = fold(text)
    for apostrophe in APOSTROPHES:
        folded = folded.replace(apostrophe, "")
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def _article(word):
    word = word.strip()
    for apostrophe in APOSTROPHES:
        word = word.replace(apostrophe, "'")
    return word.lower() in ARTICLES


def split_sort_form(name):
    """(base, article) for a name in sort form such as "Masó, la"; None for any other name.

    A comma that is not followed by an article is part of the name: "Castell d'Aro, Platja
    d'Aro i s'Agaró".
    """
    base, comma, article = name.rpartition(",")
    if comma and base.strip() and _article(article):
        return base.strip(), article.strip()
    return None


def display_name(name):
    """The name as it is read: "Hospitalet de Llobregat, l'" → "l'Hospitalet de Llobregat"."""
    parts = split_sort_form(name)
    if parts is None:
        return " ".join(name.split())
    base, article = parts
    joiner = "" if article[-1] in APOSTROPHES else " "
    return f"{article}{joiner}{base}"


def sort_name(name):
    """The name as IDESCAT sorts it: "l'Hospitalet de Llobregat" → "Hospitalet de Llobregat, l'".

    A name already in sort form, or one that starts without an article, is returned as it is.
    """
    name = " ".join(name.split())
    if split_sort_form(name) is not None:
        return name
    if len(name) > 2 and name[1] in APOSTROPHES and name[0] in "lL":
        return f"{name[2:]}, {name[:2]}"
    first, _space, rest = name.partition(" ")
    if rest and _article(first):
        return f"{rest}, {first}"
    return name


def search_key_for(*names):
    """The stored search key of an entity: each of its names (display and sort form) normalised.

    A space separates them, and a normalised query never contains one, so a match never
    straddles two names.
    """
    keys = []
    for name in names:
        key = normalise_search_key(name)
        if key and key not in keys:
            keys.append(key)
    return " ".join(keys)
