"""gesprek handout: what a participant and a facilitator read on the page (the HTML parsed
back), the Markdown for an intranet page, escaping of content, self-containment, print
styles, a held session's results, and the errors."""

from __future__ import annotations

import os
import re
import sqlite3
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from gesprek.content import library
from gesprek.content.models import SESSION_TYPES
from gesprek.content.selection import select
from gesprek.content.text import one_line
from gesprek.export.common import load_session
from gesprek.export.handout import (
    css_string,
    md_escape,
    render_handout,
    selection_handout,
    session_handout,
)
from tests.sessions import record

LIB = library.load()
DAY = date(2025, 3, 14)
KAARTEN = ["lunch-niet-betalen", "datalek-of-niet", "casus-vik", "een-beetje-integer-bestaat-niet"]


# --- reading the page back ------------------------------------------------------------------


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parts: list[str] = []
        self.children: list[Element] = []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if child.tag == tag and (cls is None or cls in child.classes):
                found.append(child)
            found.extend(child.find(tag, cls))
        return found


VOID = {"meta", "br", "hr", "img", "link", "input", "source", "wbr"}


class Page(HTMLParser):
    """The document as a tree of elements with their text; ``<style>`` text apart."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.all: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        self.all.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.parts.append(data)

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return self.root.find(tag, cls)

    def one(self, tag: str, cls: str | None = None) -> Element:
        found = self.find(tag, cls)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls}>"
        return found[0]

    @property
    def css(self) -> str:
        return self.one("style").text

    @property
    def body_text(self) -> str:
        return self.one("body").text

    def items(self) -> dict[str, Element]:
        """The items on the page by their title (the h2 without its number)."""
        return {
            re.sub(r"^\d+\. ", "", article.find("h2")[0].text): article
            for article in self.find("article", "item")
        }


def options(element: Element) -> list[str]:
    """The options of the first option list in ``element``, as a reader sees them."""
    return [
        li.find("span", "optietekst")[0].text for li in element.find("ol", "opties")[0].find("li")
    ]


def clean(text: str) -> str:
    return " ".join(text.split())


def handout(*kaarten: str, leader: bool = False, formaat: str = "html", lib=LIB) -> str:
    selection = select(lib, kaarten)
    return render_handout(
        selection_handout(lib, selection, gespreksleider=leader, vandaag=DAY), formaat
    )


# --- the participant's and the facilitator's version ----------------------------------------


def test_participant_sees_titles_texts_and_options_with_letters():
    page = Page(handout(*KAARTEN))
    assert page.one("html").attrs["lang"] == "nl"
    assert page.one("title").text == "Het goede gesprek · Hand-out voor deelnemers"
    assert page.one("h1").text == "Het goede gesprek"
    assert "14 maart 2025" in page.one("p", "meta").text
    assert page.one("p", "selectie").text.startswith(
        "Selectie: De eigenaar wil niet dat je betaalt; "
    )

    items = page.items()
    assert list(items) == [clean(LIB.items[k].titel) for k in KAARTEN]
    lunch = items["De eigenaar wil niet dat je betaalt"]
    assert lunch.find("p", "kop")[0].text.startswith("Dilemma")
    assert "wuift de eigenaar je geld weg" in lunch.text
    assert lunch.find("p", "vraag")[0].text == "Wat doe je?"
    assert options(lunch) == [
        "A. Ik sta erop om te betalen en leg uit waarom.",
        "B. Ik neem het aanbod aan; één keer kan geen kwaad.",
        "C. Ik neem het aan, maar meld het achteraf bij mijn leidinggevende.",
        "D. Ik laat het bedrag achter als fooi of doe het in de pot voor een goed doel.",
    ]
    assert [s.text for s in lunch.find("span", "letter")] == ["A", "B", "C", "D"]

    stelling = items["Een beetje integer bestaat niet"]
    assert stelling.find("p", "kop")[0].text.startswith("Stelling")
    assert stelling.find("p", "stelling")[0].text == clean(
        LIB.items["een-beetje-integer-bestaat-niet"].stelling
    )
    assert options(stelling) == ["A. Eens", "B. Oneens", "C. Weet niet"]

    casus = LIB.items["casus-vik"]
    shown = items[clean(casus.titel)]
    assert clean(casus.inleiding) in shown.text
    steps = [h3.text for h3 in shown.find("h3")]
    assert steps == [f"Stap {n}: {clean(s.titel)}" for n, s in enumerate(casus.stappen, 1)]
    moments = [s.beslismoment for s in casus.stappen if s.beslismoment]
    lists = shown.find("ol", "opties")
    assert len(lists) == len(moments) >= 2
    first = moments[0]
    assert [li.find("span", "optietekst")[0].text for li in lists[0].find("li")] == [
        f"{chr(65 + i)}. {clean(o.tekst)}" for i, o in enumerate(first.opties)
    ]


def facilitator_texts() -> list[str]:
    """Texts of the chosen items that only the facilitator may see."""
    lunch, datalek, casus = (LIB.items[k] for k in KAARTEN[:3])
    texts = [*lunch.doorvragen, lunch.norm, datalek.uitleg, *datalek.doorvragen, datalek.norm]
    for step in casus.stappen:
        if step.beslismoment and step.beslismoment.uitkomst:
            texts.append(step.beslismoment.uitkomst)
        if step.beslismoment and step.beslismoment.kader:
            texts.append(step.beslismoment.kader)
    assert any(s.beslismoment and s.beslismoment.uitkomst for s in casus.stappen)
    # as a page shows them: list items without their hyphens, on one line
    return [clean(re.sub(r"(?m)^\s*[-•*]\s+", "", t)) for t in texts]


def test_participant_version_has_no_answers_outcomes_or_facilitator_notes():
    page = Page(handout(*KAARTEN))
    text = page.body_text
    for secret in facilitator_texts():
        assert secret[:60] not in text
    assert "✔" not in text
    assert "Uitleg" not in text
    assert "gespreksleider" not in text.lower()
    # Only the closing list of help desks, not the facilitator's per-item loketten.
    assert text.count("Waar kun je terecht") == 1
    assert not page.find("li", "juist")
    assert not page.find("div", "leider")
    assert not page.find("table", "agenda")
    assert "minuten" not in text  # no timing for participants


def test_facilitator_version_adds_answers_outcomes_notes_loketten_and_time():
    page = Page(handout(*KAARTEN, leader=True))
    text = page.body_text
    assert page.one("title").text.endswith("Hand-out voor de gespreksleider")
    for secret in facilitator_texts():
        assert secret[:60] in text

    items = page.items()
    datalek = LIB.items["datalek-of-niet"]
    shown = items[clean(datalek.titel)]
    marked = [li for li in shown.find("li") if "juist" in li.classes]
    assert [li.find("span", "optietekst")[0].text[3:] for li in marked] == [
        clean(o.tekst) for o in datalek.opties if o.juist
    ]
    assert all("✔ juist" in li.text for li in marked)
    assert len(marked) < len(datalek.opties)
    leader = shown.find("div", "leider")
    assert any("Uitleg" in d.text and clean(datalek.uitleg)[:80] in d.text for d in leader)

    lunch = items["De eigenaar wil niet dat je betaalt"]
    block = lunch.find("div", "leider")[0].text
    assert "Tijd: 10 minuten" in block
    assert "Leidinggevende" in block
    assert LIB.naam("loketten", "vik") in block
    for ref in LIB.items["lunch-niet-betalen"].beroepscode:
        assert clean(LIB.items[ref].titel) in block
    assert "Agenda" in page.one("section", "inhoud").text


def test_programme_facilitator_handout_has_an_agenda_with_minutes_and_total():
    programme = LIB.items["jaarlijks-integriteitsgesprek"]
    selection = select(LIB, programma=programme.id)
    html = render_handout(selection_handout(LIB, selection, gespreksleider=True, vandaag=DAY))
    page = Page(html)
    assert page.one("h1").text == programme.titel
    assert clean(programme.beschrijving)[:80] in page.one("header").text
    table = page.one("table", "agenda")
    rows = [[td.text for td in tr.find("td")] for tr in table.find("tbody")[0].find("tr")]
    assert [(r[1], r[3]) for r in rows] == [
        (clean(LIB.items[p.item].titel), f"{p.duur} min") for p in programme.onderdelen
    ]
    total = [td.text for td in table.find("tfoot")[0].find("td")]
    assert total == ["", "Totaal", "", f"{programme.duur} min"]
    # Each item carries its programme time, not the item's own default.
    first = page.find("article", "item")[0]
    assert f"{programme.onderdelen[0].duur} minuten" in first.find("p", "kop")[0].text


def test_participant_programme_handout_lists_the_parts_without_times():
    html = render_handout(
        selection_handout(LIB, select(LIB, programma="jaarlijks-integriteitsgesprek"), vandaag=DAY)
    )
    page = Page(html)
    listed = [li.text for li in page.one("nav", "inhoud").find("li")]
    assert len(listed) == 9
    assert listed[2] == "De eigenaar wil niet dat je betaalt (dilemma)"
    assert "min" not in page.one("nav", "inhoud").text


# --- self-contained, printable, readable on a phone -------------------------------------------


def test_the_page_is_self_contained():
    html = handout(*KAARTEN, leader=True)
    page = Page(html)
    assert not page.find("script")
    assert not page.find("link")
    assert not page.find("img")
    assert not page.find("iframe")
    for element in page.all:
        assert "src" not in element.attrs
        href = element.attrs.get("href")
        assert href is None or href.startswith("#"), href
    assert "src=" not in html
    assert "@import" not in html
    assert "url(" not in html
    assert "@font-face" not in html
    assert "http" not in page.css
    # The anchors of the agenda point at items on this page.
    ids = {e.attrs.get("id") for e in page.all}
    for a in page.find("a"):
        assert a.attrs["href"][1:] in ids


def test_print_styles_for_a4_flowing_items_with_numbered_pages():
    page = Page(handout(*KAARTEN))
    css = page.css
    assert re.search(r"@page\s*{\s*size:\s*A4;\s*margin:", css)
    print_rules = css[css.index("@media print") :]
    # items flow: no forced page break before an item
    assert "break-before: page" not in css and "page-break-before: always" not in css
    # headings stay with what follows, a question with its options
    assert re.search(r"\.itemkop, h1, h2, h3[^{]*{[^}]*break-after: avoid", print_rules)
    assert re.search(r"ol\.opties\s*{[^}]*break-inside: avoid", css)
    # page numbers and the title in the running header
    assert 'content: "Pagina " counter(page) " van " counter(pages)' in css
    assert "@top-left { content: " + css_string("Het goede gesprek") in css
    assert len(page.find("article", "item")) == len(KAARTEN)
    for item in page.find("article", "item"):  # the item's heading in one unbreakable block
        assert item.find("div", "itemkop")[0].find("h2")
    # Readable on a phone: viewport, a maximum width, relative font sizes.
    viewport = [m for m in page.find("meta") if m.attrs.get("name") == "viewport"]
    assert viewport and "width=device-width" in (viewport[0].attrs["content"] or "")
    assert re.search(r"body\s*{[^}]*max-width: 46rem", css)
    screen_css = css[: css.index("@media print")]
    assert not re.search(r"font-size:\s*\d+(\.\d+)?(px|pt)", screen_css)
    assert "@media (max-width" in css


# --- escaping -------------------------------------------------------------------------------

HOSTILE = """\
id: vijandig
type: dilemma
titel: '<b>Vet</b> {{ 7*7 }} & co'
thema: geschenken
situatie: |
  <script>alert(1)</script> staat in de tekst.
  {% raw %}Een sjabloon{% endraw %} en {{ 7*7 }} blijven letterlijk.

  # Geen kop
  - geen lijst
vraag: 'Wat doe je met [een link](http://voorbeeld.nl) en *sterretjes*?'
opties:
  - id: a
    tekst: '<img src=x onerror=alert(1)> plaatje'
  - id: b
    tekst: '{{ config }} en {% if true %}ja{% endif %}'
doorvragen:
  - '<i>schuin</i> doorvragen'
"""


def test_content_markup_and_template_syntax_show_as_text_in_html(pack):
    lib = library.load([pack({"dilemmas/vijandig.yaml": HOSTILE})])
    html = handout("vijandig", leader=True, lib=lib)
    page = Page(html)
    assert not page.find("script")
    assert not page.find("b")
    assert not page.find("i")
    assert not page.find("img")
    item = page.items()["<b>Vet</b> {{ 7*7 }} & co"]
    text = item.text
    assert "<script>alert(1)</script> staat in de tekst." in text
    assert "{% raw %}Een sjabloon{% endraw %} en {{ 7*7 }} blijven letterlijk." in text
    assert options(item) == [
        "A. <img src=x onerror=alert(1)> plaatje",
        "B. {{ config }} en {% if true %}ja{% endif %}",
    ]
    assert "<i>schuin</i> doorvragen" in text
    assert "49" not in html
    assert "&lt;script&gt;" in html


def test_content_cannot_inject_html_or_markdown_structure_into_markdown(pack):
    lib = library.load([pack({"dilemmas/vijandig.yaml": HOSTILE})])
    md = handout("vijandig", leader=True, formaat="md", lib=lib)
    assert "<script" not in md
    assert "<img" not in md
    assert "<b>" not in md
    assert "<i>" not in md
    assert "## 1. &lt;b&gt;Vet&lt;/b&gt; {{ 7\\*7 }} & co" in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; staat in de tekst." in md
    assert "{% raw %}Een sjabloon{% endraw %} en {{ 7\\*7 }} blijven letterlijk." in md
    assert "49" not in md
    # Lines of the text that looked like a heading or a list stay text.
    assert "letterlijk.\n\n\\# Geen kop  \n\\- geen lijst\n" in md
    assert "\\[een link\\](http://voorbeeld.nl) en \\*sterretjes\\*" in md
    assert "- B. {{ config }} en {% if true %}ja{% endif %}" in md


def test_markdown_renders_content_as_text_in_a_commonmark_renderer(pack):
    # markdown-it-py (CommonMark, raw HTML allowed as on many intranets) comes with rich.
    markdown_it = pytest.importorskip("markdown_it")
    lib = library.load([pack({"dilemmas/vijandig.yaml": HOSTILE})])
    md = handout("vijandig", leader=True, formaat="md", lib=lib)
    page = Page(markdown_it.MarkdownIt("commonmark", {"html": True}).render(md))
    for tag in ("script", "img", "b", "i", "a", "h3", "code"):
        assert not page.find(tag), tag
    titles = [h2.text for h2 in page.find("h2")]
    assert "1. <b>Vet</b> {{ 7*7 }} & co" in titles  # the desks section follows it
    texts = [p.text for p in page.find("p")]
    assert (
        "<script>alert(1)</script> staat in de tekst. {% raw %}Een sjabloon{% endraw %} en {{ 7*7 }} blijven letterlijk."
        in texts
    )
    assert "# Geen kop - geen lijst" in texts
    assert "Wat doe je met [een link](http://voorbeeld.nl) en *sterretjes*?" in texts
    assert [li.text for li in page.find("ul")[0].find("li")] == [
        "A. <img src=x onerror=alert(1)> plaatje",
        "B. {{ config }} en {% if true %}ja{% endif %}",
    ]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("gewoon een zin, met 's nachts.", "gewoon een zin, met 's nachts."),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("> citaat", "&gt; citaat"),
        ("# kop", "\\# kop"),
        ("## kop", "\\## kop"),
        ("- lijst", "\\- lijst"),
        ("+ lijst", "\\+ lijst"),
        ("---", "\\---"),
        ("===", "\\==="),
        ("1. genummerd", "1\\. genummerd"),
        ("12) ook", "12\\) ook"),
        ("2025 was een jaar", "2025 was een jaar"),
        ("~~~", "\\~~~"),
        ("    code", "code"),
        ("`code` en *nadruk* en _ook_", "\\`code\\` en \\*nadruk\\* en \\_ook\\_"),
        ("[link](javascript:x) ![img](y)", "\\[link\\](javascript:x) !\\[img\\](y)"),
        ("a | b", "a \\| b"),
        ("a \\ b", "a \\\\ b"),
        ("&lt; en R&D", "&amp;lt; en R&D"),
        ("regel\n# twee", "regel\n\\# twee"),
    ],
)
def test_md_escape(text, escaped):
    assert md_escape(text) == escaped


# --- a held session ---------------------------------------------------------------------------


IDS = ("lunch-niet-betalen", "datalek-of-niet", "ronde-afsluiting")
# Interrupted at the closing round: a note at the first part, an agreement at the second.
HELD = dict(
    items=[LIB.items[k] for k in IDS],
    votes=[[4, 2, 1, 0], [1, 2, 3, 4]],
    notes=[
        (1, "notitie", "Koffie mag, een diner niet"),
        (2, "afspraak", "We melden elk datalek <dezelfde> dag"),
    ],
    minutes=[8, 5, 7],
    omschrijving=", ".join(f"kaart {k}" for k in IDS),
    when="2025-01-10T09:00:00+01:00",
    parts=2,
    finish=False,
)


def test_session_handout_shows_the_results_notes_and_agreements(gesprek, tmp_path):
    sid = record(**HELD)
    target = tmp_path / "verslag.html"
    result = gesprek("handout", "--sessie", str(sid), "-o", str(target))
    assert result.code == 0, result.err
    assert "3 onderdelen" in result.out
    page = Page(target.read_text(encoding="utf-8"))
    meta = page.one("p", "meta").text
    assert meta == f"10 januari 2025 · Team Noord · sessie {sid}, onderbroken"

    lunch = page.items()["De eigenaar wil niet dat je betaalt"]
    rows = lunch.find("ol", "opties")[0].find("li")
    assert [li.find("span", "telling")[0].text for li in rows] == [
        "4 stemmen (57%)",
        "2 stemmen (29%)",
        "1 stem (14%)",
        "0 stemmen (0%)",
    ]
    widths = [li.find("span", "vulling")[0].attrs["style"] for li in rows]
    assert widths == ["width: 57%", "width: 29%", "width: 14%", "width: 0%"]
    assert lunch.find("p", "totaal")[0].text == "Totaal: 7 stemmen"
    # the facilitator's notes are not in the participants' version, in no form
    assert "Koffie mag" not in target.read_text(encoding="utf-8")
    assert "Notities" not in [node.text for node in page.find("p", "label") + page.find("h2")]

    datalek = page.items()["Is dit een datalek?"]
    rows = datalek.find("ol", "opties")[0].find("li")
    assert [li.find("span", "telling")[0].text for li in rows] == [
        "1 stem (10%)",
        "2 stemmen (20%)",
        "3 stemmen (30%)",
        "4 stemmen (40%)",
    ]
    assert not datalek.find("li", "juist")  # participants: counts, no answers
    assert "We melden elk datalek <dezelfde> dag" in datalek.text

    agreements = page.one("section", "afspraken")
    assert "Onze afspraken" in agreements.text
    assert "We melden elk datalek <dezelfde> dag (Is dit een datalek?)" in agreements.text
    ronde = page.items()["Wat neem je mee?"]
    assert not ronde.find("ol", "opties")  # nothing to vote on, no results block


def test_session_handout_for_the_facilitator_marks_answers_and_time(tmp_path):
    db = tmp_path / "eigen.sqlite"
    sid = record(db=db, **HELD)
    view = session_handout(LIB, load_session(db, sid), gespreksleider=True)
    page = Page(render_handout(view))
    lunch = page.items()["De eigenaar wil niet dat je betaalt"]
    assert "Koffie mag, een diner niet" in lunch.find("div", "verslag")[0].text
    datalek = page.items()["Is dit een datalek?"]
    assert len(datalek.find("li", "juist")) == 3
    rows = page.one("table", "agenda").find("tbody")[0].find("tr")
    assert [[td.text for td in tr.find("td")][3] for tr in rows] == ["8 min", "5 min", "7 min"]
    total = [td.text for td in page.one("table", "agenda").find("tfoot")[0].find("td")]
    assert total == ["", "Totaal", "", "20 min", "0 min"]  # planned, spent (fake clock)


def test_a_part_stored_in_an_older_form_still_shows_its_title_and_counts(gesprek, tmp_path):
    db = Path(os.environ["GESPREK_DB"])
    sid = record(db=db, **HELD)
    with sqlite3.connect(db) as raw:  # a snapshot this version's model does not accept
        raw.execute(
            "UPDATE onderdelen SET snapshot = ? WHERE sessie_id = ? AND positie = 1",
            ('{"id": "lunch-niet-betalen", "type": "dilemma", "oud_veld": 1}', sid),
        )
    target = tmp_path / "verslag.html"
    result = gesprek("handout", "--sessie", str(sid), "-o", str(target))
    assert result.code == 0, result.err
    lunch = Page(target.read_text(encoding="utf-8")).items()["De eigenaar wil niet dat je betaalt"]
    assert "oudere vorm" in lunch.text
    rows = lunch.find("ol", "opties")[0].find("li")
    assert [li.find("span", "telling")[0].text for li in rows] == [
        "4 stemmen (57%)",
        "2 stemmen (29%)",
        "1 stem (14%)",
        "0 stemmen (0%)",
    ]


def test_session_handout_in_markdown_has_text_bars(gesprek, tmp_path):
    sid = record(**HELD)
    target = tmp_path / "verslag.md"
    result = gesprek("handout", "--sessie", str(sid), "-o", str(target))
    assert result.code == 0, result.err
    md = target.read_text(encoding="utf-8")
    # The bar follows its option after a hard line break, inside the list item.
    assert "- A. Ik sta erop om te betalen en leg uit waarom.  \n  █" in md
    assert re.search(r"\n  █{11}░{9} 4 \(57%\)\n", md)
    assert re.search(r"\n  █{3}░{17} 1 \(14%\)\n", md)
    assert re.search(r"\n  ░{20} 0 \(0%\)\n", md)
    assert "Totaal: 7 stemmen" in md
    assert "## Onze afspraken" in md
    assert "- We melden elk datalek &lt;dezelfde&gt; dag *(Is dit een datalek?)*" in md
    assert "✔" not in md


def test_markdown_handout_has_the_same_content(gesprek, tmp_path):
    target = tmp_path / "intranet.txt"
    result = gesprek(
        "handout",
        *[a for k in KAARTEN for a in ("--kaart", k)],
        "--formaat",
        "md",
        "-o",
        str(target),
    )
    assert result.code == 0, result.err
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# Het goede gesprek\n\n*Hand-out voor deelnemers* · ")
    assert "## 1. De eigenaar wil niet dat je betaalt\n\n*Dilemma · " in md
    assert (
        "**Wat doe je?**\n\n"
        "- A. Ik sta erop om te betalen en leg uit waarom.\n"
        "- B. Ik neem het aanbod aan; één keer kan geen kwaad.\n"
    ) in md
    assert "### Een beetje integer bestaat niet" not in md  # the statement, not the title
    assert "### Integer ben je helemaal of niet; half integer bestaat niet." in md
    assert "### Stap 1: Nachtdienst op de snelweg" in md
    for secret in facilitator_texts():
        assert md_escape(secret)[:60] not in md
    assert "✔" not in md


# --- errors -----------------------------------------------------------------------------------


def test_an_existing_file_is_kept_without_overschrijf(gesprek, tmp_path):
    target = tmp_path / "handout.html"
    target.write_text("van de trainer", encoding="utf-8")
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", "-o", str(target))
    assert result.code == 2
    assert "bestaat al" in result.err
    assert "--overschrijf" in result.err
    assert "Traceback" not in result.err
    assert target.read_text(encoding="utf-8") == "van de trainer"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite") == ["handout.html"]
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", "-o", str(target), "--overschrijf")
    assert result.code == 0
    assert "De eigenaar wil niet dat je betaalt" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("weg/handout.html", "bestaat niet"),
        ("bestand.txt/handout.html", "bestaat niet"),
        (".", "is een map"),
    ],
)
def test_a_missing_folder_or_a_folder_as_target_is_refused(gesprek, tmp_path, where, message):
    (tmp_path / "bestand.txt").write_text("", encoding="utf-8")
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", "-o", str(tmp_path / where))
    assert result.code == 2
    assert result.err.startswith("fout: ")
    assert message in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "weg").exists()


@pytest.mark.posix("folder modes (chmod 0o500) mean nothing on Windows")
def test_an_unwritable_folder_is_refused(gesprek, tmp_path):
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user (root) who can write anywhere")
        result = gesprek("handout", "-o", str(folder / "handout.html"))
        assert result.code == 2
        assert "kan niet schrijven in de map" in result.err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--sessie", "99"], "onbekende sessie 99"),
        (["--sessie", "drie"], "--sessie verwacht het nummer van een sessie, niet 'drie'"),
        (["--sessie", "1", "--kaart", "lunch-niet-betalen"], "--sessie gaat niet samen met"),
        (["--kaart", "lunch-niet-betaal"], "onbekend item 'lunch-niet-betaal'"),
        (["--programma", "geen-programma"], "onbekend programma 'geen-programma'"),
        (["--type", "initiatief"], "onbekend type 'initiatief'"),
        (["--formaat", "pdf"], "onbekend formaat 'pdf'"),
    ],
)
def test_usage_errors_are_one_dutch_message_and_write_nothing(gesprek, tmp_path, args, message):
    target = tmp_path / "handout.html"
    result = gesprek("handout", *args, "-o", str(target))
    assert result.code == 2
    assert result.err.splitlines()[0].startswith(f"fout: {message}")
    assert "Traceback" not in result.err
    assert not target.exists()


def test_output_option_is_required(gesprek):
    result = gesprek("handout", "--kaart", "lunch-niet-betalen")
    assert result.code == 2
    assert result.err.startswith("fout: -o ontbreekt")


def test_everyone_sees_where_to_go_for_help():
    page = Page(handout(*KAARTEN))
    (section,) = page.find("section", "hulp")
    assert section.find("h2")[0].text == "Waar kun je terecht?"
    used = []
    for kaart in KAARTEN:
        for loket in LIB.items[kaart].loketten:
            if loket not in used:
                used.append(loket)
    assert [dt.text for dt in section.find("dt")] == [LIB.naam("loketten", x) for x in used]
    markdown = handout(*KAARTEN, formaat="md")
    assert "## Waar kun je terecht?" in markdown
    assert f"- **{LIB.naam('loketten', used[0])}**:" in markdown


# --- the output path fits the format ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "name", "message"),
    [
        ([], "handout.pdf", "gesprek maakt geen PDF"),
        (["--formaat", "html"], "handout.pdf", "gesprek maakt geen PDF"),
        (["--formaat", "md"], "handout.html", "de extensie .html past niet bij --formaat md"),
        (["--formaat", "html"], "handout.md", "de extensie .md past niet bij --formaat html"),
        ([], "handout", "een hand-out in HTML is een .html-bestand"),
        ([], "handout.docx", "een hand-out in HTML is een .html-bestand"),
    ],
)
def test_the_file_name_must_fit_the_format(gesprek, tmp_path, args, name, message):
    target = tmp_path / name
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", *args, "-o", str(target))
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert first.startswith("fout: ") and message in first
    assert len(result.err.splitlines()) == 2  # the message and one hint
    assert list(tmp_path.iterdir()) == []


def test_a_pdf_name_gets_the_way_to_a_pdf(gesprek, tmp_path):
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", "-o", str(tmp_path / "h.pdf"))
    assert "Opslaan als PDF" in result.err
    assert ".html" in result.err


@pytest.mark.parametrize(
    ("args", "name", "start"),
    [
        ([], "handout.htm", "<!DOCTYPE html>"),
        (["--formaat", "html"], "handout.HTML", "<!DOCTYPE html>"),
        ([], "intranet.markdown", "# Het goede gesprek"),
        (["--formaat", "md"], "intranet.txt", "# Het goede gesprek"),
    ],
)
def test_names_that_fit_are_written(gesprek, tmp_path, args, name, start):
    target = tmp_path / name
    result = gesprek("handout", "--kaart", "lunch-niet-betalen", *args, "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8").startswith(start)


# --- a save interrupted by a signal ------------------------------------------------------------


def _save_in_a_child(target, signame: str, handling: str, steps: int, text: str):
    """A child process saving ``target`` through ``write_with``, with ``signame`` set to
    ``handling`` first (and unblocked: a CI runner may start us with SIGHUP blocked). Its
    writer says 'bezig', then works in short steps (so a pending signal is seen), then
    writes ``text``. Sends ``signame`` once the save is under way; the ended process."""
    import signal
    import subprocess
    import sys

    script = (
        "import signal, time\n"
        "from pathlib import Path\n"
        f"signal.pthread_sigmask(signal.SIG_UNBLOCK, {{signal.{signame}}})\n"
        f"signal.signal(signal.{signame}, {handling})\n"
        "from gesprek.output import write_with\n"
        "def slow(tmp):\n"
        "    tmp.write_text('<p>half', encoding='utf-8')\n"
        "    print('bezig', flush=True)\n"
        f"    for _ in range({steps}):\n"
        "        time.sleep(0.1)\n"
        f"    tmp.write_text({text!r}, encoding='utf-8')\n"
        f"write_with(Path({str(target)!r}), slow, overwrite=False)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "bezig\n"
        assert any(p.name.endswith(".tmp") for p in target.parent.iterdir())  # under way
        process.send_signal(getattr(signal, signame))
        process.wait(timeout=30)
    finally:
        process.kill()
    return process


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_during_a_save_leaves_no_temporary_file(tmp_path, signame):
    import signal

    if not hasattr(signal, signame):
        pytest.skip(f"no {signame} here")
    # as when started from a terminal: the signal's default action
    default = "signal.default_int_handler" if signame == "SIGINT" else "signal.SIG_DFL"
    process = _save_in_a_child(tmp_path / "handout.html", signame, default, 600, "<p>heel</p>")
    assert process.returncode != 0
    assert list(tmp_path.iterdir()) == []  # no half file, no hidden .tmp


def test_a_hangup_under_nohup_does_not_stop_a_save(tmp_path):
    """Started with SIGHUP ignored (nohup), the save carries on and the file arrives whole."""
    import signal

    if not hasattr(signal, "SIGHUP"):
        pytest.skip("no SIGHUP here")
    target = tmp_path / "handout.html"
    process = _save_in_a_child(target, "SIGHUP", "signal.SIG_IGN", 10, "<p>heel</p>")
    assert process.returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["handout.html"]
    assert target.read_text(encoding="utf-8") == "<p>heel</p>"


@pytest.mark.parametrize("formaat", ["html", "md"])
def test_the_participants_version_has_no_programme_instructions(formaat):
    programme = LIB.items["casus-vik-bespreken"]
    assert "onthul pas daarna" in programme.beschrijving  # written for the facilitator
    selection = select(LIB, programma="casus-vik-bespreken", allowed_types=SESSION_TYPES)
    participants = render_handout(selection_handout(LIB, selection), formaat)
    assert "onthul pas daarna" not in participants
    assert one_line(programme.titel) in participants
    leader = render_handout(selection_handout(LIB, selection, gespreksleider=True), formaat)
    assert "onthul pas daarna" in leader


# --- lists, lead-ins and bars ----------------------------------------------------------------------


def test_lists_in_texts_are_lists_and_stay_with_their_lead_in():
    page = Page(handout("casus-vik", leader=True))
    kader = next(
        s.beslismoment.kader
        for s in LIB.items["casus-vik"].stappen
        if s.beslismoment
        and s.beslismoment.kader
        and "Een greep uit de disciplinaire" in s.beslismoment.kader
    )
    blocks = [d for d in page.find("div", "alinea") if "Een greep uit de disciplinaire" in d.text]
    assert len(blocks) == 1  # the lead-in and its list in one block that is not split
    (block,) = blocks
    lead_in = next(line for line in kader.splitlines() if "Een greep uit" in line)
    assert block.find("p")[0].text == lead_in.strip()
    items = [li.text for li in block.find("ul", "tekstlijst")[0].find("li")]
    assert items[0] == "schriftelijke berisping;"
    assert len(items) == kader.count("\n-") + kader.startswith("-")
    assert not any(li.startswith("-") for li in items)
    assert "\n- " not in page.body_text and " - schriftelijke" not in page.body_text
    assert re.search(r"\.alinea[^{]*{[^}]*break-inside: avoid", page.css)


def test_all_bars_of_a_question_have_one_track_length():
    css = Page(handout(*KAARTEN)).css
    balk = re.search(r"\.balk\s*{([^}]*)}", css).group(1)
    assert re.search(r"\bwidth:\s*\d+(\.\d+)?rem", balk)  # one fixed length ...
    assert "flex: none" in balk and "flex: 1" not in balk and "max-width" not in balk


# --- the printed page (headless Chromium) ------------------------------------------------------------


def _printed(tmp_path: Path, html: str) -> list[str]:
    """The handout printed to PDF by headless Chromium: the text of each page."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or shutil.which("pdftotext") is None:
        pytest.skip("needs chromium and pdftotext")
    source = tmp_path / "handout.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    if not pdf.exists():
        pytest.skip("chromium did not print")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_printed_programme_flows_with_numbered_pages_and_a_running_title(tmp_path):
    selection = select(LIB, programma="jaarlijks-integriteitsgesprek", allowed_types=SESSION_TYPES)
    assert len(selection.items) == 9
    pages = _printed(tmp_path, render_handout(selection_handout(LIB, selection)))
    assert len(pages) < 9  # items flow; before, every item took a page of its own (11)
    title = one_line(LIB.items["jaarlijks-integriteitsgesprek"].titel)
    for number, text in enumerate(pages, start=1):
        assert f"Pagina {number} van {len(pages)}" in text
        if number > 1:
            assert title in text.splitlines()[0] or title in text[:300]
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) > 5  # no page with a stray line
