"""The language of every piece of text on a page, as a screen reader would take it (WCAG 3.1.2).

``language_runs(html)`` reads the ``<body>`` and returns its visible text in runs: stretches
of consecutive text that share the same nearest ``lang``. A highlighted title
(``<a lang="nl">Eenzaamheid bij <mark>ouderen</mark></a>``) is one run, so tests can look for
whole record titles. Framework-free: the standard library's HTML parser is enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements without an end tag: they never enter the stack.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
#: Elements whose text is not read as page text.
SILENT = {"script", "style", "template", "head", "title"}


@dataclass
class Run:
    lang: str
    text: str


class _LanguageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # (tag, lang, silent)
        self.runs: list[Run] = []

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def _silent(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        lang = attributes.get("lang") or attributes.get("xml:lang") or self._lang()
        # Hidden text is not read; nor is the inside of an image (role="img": a chart's labels
        # are presentational, its name comes from its title).
        hidden = (
            "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or attributes.get("role") == "img"
        )
        self.stack.append((tag, lang, self._silent() or tag in SILENT or hidden))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching element; a stray end tag closes nothing.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._silent() or not self.stack:
            return
        lang = self._lang()
        if self.runs and self.runs[-1].lang == lang:
            self.runs[-1].text += data
        elif data.strip():
            self.runs.append(Run(lang, data))


def language_runs(html: str) -> list[Run]:
    """The page's visible text as runs of one language each, whitespace squeezed."""
    parser = _LanguageParser()
    parser.feed(html)
    parser.close()
    return [Run(r.lang, " ".join(r.text.split())) for r in parser.runs if r.text.strip()]


def text_in(runs: list[Run], lang: str) -> list[str]:
    """The runs of one language."""
    return [r.text for r in runs if r.lang == lang]
