"""The HTML report: self-contained, printable, and nothing from the document becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

from contratvie.report import render

from report_fixtures import make_audit


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def hostile_audit():
    audit = make_audit(title='Contrat "<img src=x onerror=alert(1)>"')
    criterion = audit.criteria[0]
    criterion.title = "Stratégie <script>alert(1)</script>"
    criterion.recommendation = "<b onmouseover=alert(1)>gras</b>"
    criterion.model_clause = "« [porteur] s'engage <svg onload=alert(1)> »"
    evidence = criterion.evidence[0]
    evidence.section = "Axe <iframe src=//evil>"
    evidence.cues = {"negation": "<script>x</script>"}
    evidence.qualifiers = ["negation"]
    evidence.terms = ['"><script>alert(2)</script>']
    audit.gaps[-1].recommendation = criterion.recommendation
    audit.gaps[-1].model_clause = criterion.model_clause
    return audit


def test_document_text_never_becomes_markup(audit):
    for case in (audit, hostile_audit()):
        page = render(case, "html")
        tags = parse(page).tags
        names = {name for name, _ in tags}
        assert not names & {"script", "img", "iframe", "object", "embed", "link", "base", "b"}
        assert "svg" in names  # ours, the charts
        for name, attrs in tags:
            assert not any(key.startswith("on") for key in attrs), (name, attrs)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_hostile_strings_are_shown_as_text():
    text = "".join(parse(render(hostile_audit(), "html")).text)
    assert "Stratégie <script>alert(1)</script>" in text
    assert 'Contrat "<img src=x onerror=alert(1)>"' in text
    assert "Axe <iframe src=//evil>" in text


def test_self_contained_without_network(audit):
    page = render(audit, "html")
    for name, attrs in parse(page).tags:
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not value or value.startswith("#"), (name, attrs)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_printable_on_a4(audit):
    page = render(audit, "html")
    assert "@page { size: A4" in page and "@media print" in page


def test_holds_score_chart_table_gaps_and_every_quote(audit):
    page = render(audit, "html")
    text = "".join(parse(page).text)
    assert "45,0" in text and "Score global" in text
    chart = page[page.index('<svg class="chart"'):]
    chart = chart[:chart.index("</svg>")]
    assert chart.count("<rect") == 3 * len(audit.criteria)
    assert page.count('<table class="criteria">') == 1
    assert page.count('<tr><td class="cid">') == 8
    for gap in audit.gaps:
        assert f"{gap.id} — " in text
    assert "Proposition de rédaction" in text and "<mark>[porteur]</mark>" in page
    for criterion in audit.criteria:
        for evidence in criterion.evidence:
            assert evidence.text in text.replace("\n", " ")
    assert "p. 24 (imprimée 22)" in text
    assert "négation (« aucun »)" in text
    assert "12-14, 80" in text  # unreadable pages


def test_gap_free_audit_says_so(clean_audit):
    text = "".join(parse(render(clean_audit, "html")).text)
    assert "Aucun manque" in text and "illisible" not in text
