"""Lines → Document: the only code that knows Chinese official-document conventions.

It finds page chrome, the disclosure-page metadata block, the title (one or two lines), the reporting
year, the publication date, the subject type and the section tree from Chinese numbering.
Matching runs on `fold()`ed text (full-width → half-width, one character for one, so columns hold);
the Document keeps the original lines for quoting.
"""

from __future__ import annotations

from .dates import parse_date, years_in
from .document import build
from .fold import fold
from .header import METADATA_LABELS
from .numerals import small_number
from .subject import issuer_of, subject_of

__all__ = ["METADATA_LABELS", "build", "fold", "issuer_of", "parse_date", "small_number", "subject_of", "years_in"]
