"""Messages of the GIP-MDS reader: French and English, each with a hint to fix the file.

``code: (French message, French hint, English message, English hint)``; placeholders are
filled from the issue (``value``, ``column``) and its ``params``. The French texts are
written with ordinary spaces; the reader puts the no-break spaces of French typography.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Mapping

MESSAGES: Final[Mapping[str, tuple[str, str, str, str]]] = {
    # code: (French message, French hint, English message, English hint)
    "unreadable": (
        "Impossible de lire le fichier : {detail}.",
        "Vérifiez le chemin et les droits d'accès.",
        "The file cannot be read: {detail}.",
        "Check the path and the access rights.",
    ),
    "not_text": (
        "Ce n'est pas un fichier texte (octets nuls).",
        "Fournissez le fichier CSV transmis par le GIP-MDS, pas un classeur ni une archive.",
        "This is not a text file (NUL bytes).",
        "Give the CSV file sent by GIP-MDS, not a workbook or an archive.",
    ),
    "encoding": (
        "Encodage illisible : ni UTF-8 ni Windows-1252.",
        "Enregistrez le fichier en UTF-8 (CSV UTF-8 dans le tableur).",
        "Unreadable encoding: neither UTF-8 nor Windows-1252.",
        "Save the file as UTF-8 (CSV UTF-8 in the spreadsheet).",
    ),
    "too_few_lines": (
        "Le fichier compte {count} ligne(s), moins de 4 lignes.",
        "Un fichier GIP-MDS commence par deux lignes de métadonnées et l'en-tête des "
        "colonnes, puis une ligne par entreprise : vérifiez qu'il n'est pas tronqué.",
        "The file has {count} line(s), fewer than 4 lines.",
        "A GIP-MDS file starts with two metadata lines and the column header, then one "
        "line per company: check that it is not truncated.",
    ),
    "bad_metadata_header": (
        "La ligne 1 n'est pas l'en-tête de métadonnées attendu.",
        "Elle doit être exactement « destinataire;projet;horodatage;date_debut;date_fin;"
        "nb_lignes » : est-ce bien un fichier GIP-MDS, séparé par des points-virgules ?",
        "Line 1 is not the expected metadata header.",
        "It must be exactly 'destinataire;projet;horodatage;date_debut;date_fin;"
        "nb_lignes': is this a GIP-MDS file, separated by semicolons?",
    ),
    "bad_date": (
        "Date illisible « {value} » dans « {column} ».",
        "Écrivez la date au format AAAA-MM-JJ (horodatage : AAAA-MM-JJTHH:MM:SS).",
        "Unreadable date '{value}' in '{column}'.",
        "Write the date as YYYY-MM-DD (horodatage: YYYY-MM-DDTHH:MM:SS).",
    ),
    "missing_siren_column": (
        "L'en-tête des colonnes (ligne 3) n'a pas de colonne « SIREN ».",
        "Ne renommez ni ne supprimez les colonnes du fichier du GIP-MDS.",
        "The column header (line 3) has no 'SIREN' column.",
        "Do not rename or delete the columns of the GIP-MDS file.",
    ),
    "not_a_number": (
        "Valeur non numérique « {value} » dans « {column} » : laissée vide.",
        "Écrivez un nombre, par exemple 35000,00 ou 0,0500, ou laissez la cellule vide.",
        "Not a number '{value}' in '{column}': left empty.",
        "Write a number such as 35000.00 or 0.0500, or leave the cell empty.",
    ),
    "bad_siren": (
        "SIREN invalide « {value} » : ligne ignorée.",
        "Un SIREN compte 9 chiffres, sans espace ni lettre.",
        "Invalid SIREN '{value}': line skipped.",
        "A SIREN has 9 digits, no space or letter.",
    ),
    "duplicate_siren": (
        "SIREN « {value} » déjà présent plus haut : ligne ignorée.",
        "Gardez une seule ligne par entreprise.",
        "SIREN '{value}' already appears above: line skipped.",
        "Keep one line per company.",
    ),
    "too_many_fields": (
        "La ligne a {count} champs pour {expected} colonnes : les champs en trop sont ignorés.",
        "Un point-virgule dans une valeur décale les colonnes : retirez-le.",
        "The line has {count} fields for {expected} columns: the extra ones are ignored.",
        "A semicolon inside a value shifts the columns: remove it.",
    ),
    "siren_padded": (
        "SIREN « {value} » complété par des zéros à gauche : {siren}.",
        "Un tableur supprime les zéros de tête : importez la colonne SIREN comme texte.",
        "SIREN '{value}' left-padded with zeros: {siren}.",
        "Spreadsheets drop leading zeros: import the SIREN column as text.",
    ),
    "encoding_cp1252": (
        "Le fichier n'est pas en UTF-8 : lu en Windows-1252.",
        "Vérifiez les accents des en-têtes ; enregistrez de préférence en UTF-8.",
        "The file is not UTF-8: read as Windows-1252.",
        "Check the accents of the headers; prefer saving as UTF-8.",
    ),
    "row_count_mismatch": (
        "nb_lignes annonce {declared} lignes, le fichier en compte {found}.",
        "Le fichier est peut-être incomplet : demandez un nouvel envoi au GIP-MDS.",
        "nb_lignes announces {declared} lines, the file holds {found}.",
        "The file may be incomplete: ask GIP-MDS to send it again.",
    ),
}
