"""I18N-01 and I18N-05: the French catalogue is complete, compiled and typographically right."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"
# An ordinary space before ; : ! ? % € » or after « is wrong in French (platform §12.1).
BAD_SPACE = re.compile(r" [;:!?»]| [%€](?!\()|« ")


def typography_errors(catalogue: polib.POFile) -> list[str]:
    errors = []
    for entry in catalogue:
        texts = [entry.msgstr, *entry.msgstr_plural.values()]
        errors += [
            f"{entry.msgid!r}: {text!r}" for text in texts if BAD_SPACE.search(text)
        ]
    return errors


def test_I18N_01_french_catalogue_is_complete() -> None:
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_compiled_catalogue_matches_its_source() -> None:
    """The .mo file is committed (make run needs no gettext): it must be up to date."""

    def texts(catalogue: polib._BaseFile) -> dict[str, object]:
        return {
            e.msgid: e.msgstr or tuple(sorted(e.msgstr_plural.items()))
            for e in catalogue
            if e.msgid
        }

    compiled = texts(polib.mofile(str(LOCALE / "django.mo")))
    assert compiled == texts(polib.pofile(str(LOCALE / "django.po")))


def test_I18N_05_french_typography() -> None:
    assert typography_errors(polib.pofile(str(LOCALE / "django.po"))) == []


def test_I18N_05_negative_control() -> None:
    bad = polib.POFile()
    bad.append(polib.POEntry(msgid="Warning: error", msgstr="Attention : erreur"))
    assert typography_errors(bad) == ["'Warning: error': 'Attention : erreur'"]


@pytest.mark.parametrize("path", ["/login/", "/signup/"])
def test_pages_speak_french_by_default(client: object, path: str, db: None) -> None:
    from django.test import Client  # noqa: PLC0415

    page = Client().get(path)
    assert 'lang="fr"' in page.content.decode()
    assert "Adresse e-mail" in page.content.decode()
