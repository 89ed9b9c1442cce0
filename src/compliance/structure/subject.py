"""Who wrote the report: the issuer named in the title or publisher, and the subject type it implies."""

from __future__ import annotations

import re

from ..messages import text
from ..model import Document, Text
from .fold import fold

# A zone's management committee written out (青溪高新技术产业开发区管理委员会, 某风景区管理委员会) is, like its
# short form 管委会, the body governing the zone for the city, not a department: it reports as a government.
_REGION = re.compile(r"(省|自治区|市|州|盟|区|县|旗|特区|新区|开发区|管委会|区管理委员会|人民政府|政府)$")
_TOWNSHIP = re.compile(r"(街道办事处|街道|镇人民政府|乡人民政府|镇|乡|苏木)$")
_DEPARTMENT = re.compile(
    r"(局|厅|委员会|委|办公室|办|中心|署|院|所|队|站|总队|支队|监狱|管理处|银行|海关|税务局)$"
)
_TITLE_SUBJECT = re.compile(r"^(?:关于)?(.*?)(?:关于|(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}年|年度|法治)")


def issuer_of(document: Document) -> str | None:
    """Who issued the report, for pairing it with the same body's report of another year: the title's
    issuer (南昌市西湖区), else the publisher."""
    if document.title:
        match = _TITLE_SUBJECT.match(fold(document.title))
        if match and match.group(1).strip():
            return match.group(1).strip()
    publisher = document.metadata.get("publisher")
    return fold(publisher.value).strip() or None if publisher else None


def subject_of(title: str | None, publisher: str | None) -> tuple[str | None, Text | None]:
    """government / department / township, from the title's issuer and then the publisher."""
    candidates = []
    if title:
        match = _TITLE_SUBJECT.match(fold(title))
        if match and match.group(1).strip():
            candidates.append(("title", match.group(1).strip()))
    if publisher:
        candidates.append(("publisher", fold(publisher).strip()))
    for source, name in candidates:
        if _TOWNSHIP.search(name):
            kind = "township"
        elif name.endswith(("人民政府", "政府")) or _REGION.search(name):
            kind = "government"
        elif _DEPARTMENT.search(name):
            kind = "department"
        else:
            continue
        label = text(f"subject.{kind}")
        return kind, text(f"subject.from_{source}", name=name, subject_zh=label.zh, subject_en=label.en)
    return None, None
