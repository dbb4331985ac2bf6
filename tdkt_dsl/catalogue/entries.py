"""The shape of one catalogue entry: a `Code` and its default `Severity`."""


import enum
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def word(self, lang: str) -> str:
        return _SEVERITY_WORDS["en" if lang == "en" else "vi"][self]


_SEVERITY_WORDS = {
    "vi": {Severity.ERROR: "lỗi", Severity.WARNING: "cảnh báo", Severity.INFO: "ghi chú"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"},
}

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class Code(NamedTuple):
    """One kind of thing tdkt tells a user: the documentation of one kind of mistake.

    ``vi`` and ``en`` are `str.format` templates over the diagnostic's params.
    """

    code: str
    name: str
    severity: Severity
    vi: str
    en: str
    fixable: bool = False  # `tdkt check --fix` has a safe fix for it
    usage: bool = False  # the command cannot run on this input or output at all: exit 2
    doc: str = ""  # longer user documentation (vi), where the message alone is not enough
    section: str = ""  # the section of a Markdown report it is listed in (catalogue/reports.py)

    def template(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Wording(NamedTuple):
    """Words a user reads, in both languages: a fix's description, a hint, a related note, or a
    diagnostic parameter that is itself wording (resolved in the diagnostic's language)."""

    vi: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi
