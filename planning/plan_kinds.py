"""What kind of document a plan is, read from its number: "01-ĐA/HU" is an Đề án, "02-NQ/HU" a Nghị quyết.

The kind decides the word a report calls the plan by and which body issued it: a Nghị quyết, Đề án or
Chương trình is adopted by the Ban Chấp hành (the party committee in full), a Kế hoạch or Chỉ thị by its
Ban Thường vụ (cadre.committees.plan_issuing_body).
"""
from __future__ import annotations

from cadre.vietnamese import search_key

PLAN_KINDS = (("ĐA", "Đề án"), ("NQ", "Nghị quyết"), ("KH", "Kế hoạch"), ("CTR", "Chương trình"), ("CT", "Chỉ thị"))
DEFAULT_KIND = "KH"


def plan_kind(code: str) -> str:
    """"01-ĐA/HU" -> "ĐA"; a number of no known kind -> "KH"."""
    kind = code.split("-", 1)[1].split("/", 1)[0].upper() if "-" in code else ""
    return kind if kind in dict(PLAN_KINDS) else DEFAULT_KIND


def plan_word(code: str) -> str:
    """"01-ĐA/HU" -> "Đề án"; "02-NQ/HU" -> "Nghị quyết"."""
    return dict(PLAN_KINDS)[plan_kind(code)]


def plan_about(code: str, title: str) -> str:
    """The plan's subject as it follows its reference: "Đề án về xây dựng đội ngũ…" -> "về xây dựng đội ngũ…";
    a title that does not start with "về" gets it ("Nâng cao chất lượng…" -> "về nâng cao chất lượng…")."""
    text = " ".join(title.split()).strip("“”\"")
    word = plan_word(code)
    for prefix in (word, *(name for _, name in PLAN_KINDS)):
        if search_key(text).startswith(search_key(prefix) + " "):
            text = text[len(prefix):].strip()
            break
    if not text:
        return ""
    if search_key(text).startswith("ve "):
        return "về" + text[2:]
    words = text.split(" ", 2)
    proper = len(words) > 1 and words[1][:1].isupper() or (len(words[0]) > 1 and words[0].isupper())
    return "về " + (text if proper else text[:1].lower() + text[1:])
