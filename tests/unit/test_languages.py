"""Languages: the one setting, strings with fallbacks and plural rules, translated content files,
the generated pseudo-language, and the check that no English is typed in code."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest
import yaml

from tests import pseudo_words
from widgets import content, reading, session
from widgets.content import languages as language
from widgets.content import pseudo
from widgets.content.loader import DEFAULT_DIR

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def course_dir(tmp_path, monkeypatch):
    """A copy of course_data to add a language to, used by content.load()."""
    d = tmp_path / "course_data"
    shutil.copytree(DEFAULT_DIR, d)
    monkeypatch.setenv("COURSE_DATA_DIR", str(d))
    return d


@pytest.fixture
def in_pseudo(monkeypatch):
    """The course in the pseudo-language, as ``?lang=pseudo`` or ``COURSE_LANGUAGE`` give it."""
    monkeypatch.setenv("COURSE_LANGUAGE", "pseudo")
    assert content.language() == "pseudo"


# --- the pseudo-language ------------------------------------------------------------------------
def test_pseudo_wraps_and_accents_but_keeps_placeholders_tags_entities_and_addresses():
    s = pseudo.text('Open <a href="x.ipynb">{name}</a> &amp; see https://ohchr.org/en today')
    assert s.startswith(pseudo.OPEN) and s.endswith(pseudo.CLOSE)
    for kept in ('<a href="x.ipynb">', "{name}", "</a>", "&amp;", "https://ohchr.org/en"):
        assert kept in s
    assert "Open" not in s and "today" not in s
    assert pseudo.text("{n} items").format(n=3) == pseudo.text("3 items").replace("3", "3")


def test_pseudo_markdown_keeps_headings_lists_and_link_targets():
    md = pseudo.markdown("## How to use it\n\n- Read [the start]({home}) first\n1. Next")
    lines = md.split("\n")
    assert lines[0].startswith("## " + pseudo.OPEN)
    assert lines[2].startswith("- " + pseudo.OPEN) and "]({home})" in lines[2]
    assert lines[3].startswith("1. " + pseudo.OPEN)


def test_pseudo_course_translates_text_and_keeps_every_id():
    en, ps = content.load("en"), content.load("pseudo")
    assert ps.language == "pseudo"
    assert [tb.acronym for tb in ps.treaty_bodies] == [tb.acronym for tb in en.treaty_bodies]
    assert [p.notebook for p in ps.outline.pages] == [p.notebook for p in en.outline.pages]
    assert [s.id for p in ps.procedures for s in p.steps] == [
        s.id for p in en.procedures for s in p.steps
    ]
    assert all(ps.strings[k] != v for k, v in en.strings.items())
    for tb in ps.treaty_bodies:
        assert tb.name.startswith(pseudo.OPEN)
    assert ps.anchors == en.anchors  # headings keep their links in every language


def test_pseudo_reading_blocks_show_no_english(in_pseudo):
    import widgets

    c = content.load("pseudo")
    blocks = [
        widgets.contents(),
        widgets.glossary(),
        widgets.members(),
        widgets.tbnet(),
        widgets.reasons(),
        widgets.forms(),
        widgets.denmark(),
        widgets.safety(),
        widgets.terms(*content.load("en").glossary_terms),
    ]
    blocks += [reading.table(n) for n in ("treaty_bodies", "members", "actors", "partners")]
    blocks += [reading.table(n) for n in ("grid", "glossary")]
    for page in c.outline.pages:
        blocks += [widgets.sources(page.id), widgets.objectives(page.id)]
        if page.kind == "lesson":
            blocks += [widgets.key_points(page.id), widgets.where_next(page.id)]
    blocks += [widgets.prose(p, i + 1) for p, texts in c.prose.items() for i in range(len(texts))]
    from widgets.review_cycle import cycle_html, cycle_text

    texts = [("block", pseudo_words.html_text(b.html)) for b in blocks]
    texts += [("cycle", pseudo_words.html_text(cycle_html())), ("cycle text", cycle_text())]
    assert pseudo_words.leaks(texts, allowed=[]) == []


def _views():
    """Every widget view the pages show, built as a page builds it."""
    import widgets

    c = content.load()
    views = [("nav", widgets.nav(p.id)) for p in c.outline.pages]
    views += [("case", widgets.case(p)) for p in {s.section for s in c.case.steps}]
    views += [("cycle", widgets.cycle()), ("explorer", widgets.explorer())]
    views += [("start", widgets.start()), ("my_data", widgets.my_data())]
    views += [("worksheet", widgets.worksheet())]
    views += [("quiz", widgets.quiz(p.id)) for p in c.outline.pages if p.kind in ("lesson", "quiz")]
    return views


def _states(views):
    """The same views in the states a learner reaches: each committee, each procedure..."""
    out = []
    for name, view in views:
        out += pseudo_words.widget_texts(view)
        if name == "explorer":
            for acronym in [v for _, v in view.w_committee.options]:
                view.show(acronym)
                out += pseudo_words.widget_texts(view)
        if name == "cycle":
            for _, value in view.w_choice.options:
                view.show(value)
                out += pseudo_words.widget_texts(view)
        if name == "case":
            for step_id, choice in view.w_choice.items():
                view.decide(step_id)  # nothing chosen yet
                out += pseudo_words.widget_texts(view)
                for _, value in choice.options:
                    view.try_again(step_id)
                    choice.value = value
                    view.decide(step_id)  # each option's consequence and reason
                    out += pseudo_words.widget_texts(view)
        if name == "my_data":
            for action in ("reset", "delete"):
                view.ask(action)
                out += pseudo_words.widget_texts(view)
                view.cancel()
            out += pseudo_words.widget_texts(view)
        if name == "worksheet":
            for step in range(4):
                view.go(step)
                out += pseudo_words.widget_texts(view)
        if name == "quiz":
            for qv in view.w_questions:  # nothing chosen: the page says what to do
                view.submit(qv.question.id)
            if view.mode == "check":
                view.finish()  # every answer graded, the score and the certificate shown
            out += pseudo_words.widget_texts(view)
    return out


def test_every_widget_view_and_state_speaks_the_pseudo_language(in_pseudo):
    leaks = pseudo_words.leaks(_states(_views()))
    assert leaks == [], "\n".join(leaks)


def test_the_check_finds_english_added_to_a_view(in_pseudo, monkeypatch):
    import ipywidgets as W

    from widgets.cycle_view import CycleView

    built = CycleView.__init__

    def with_a_label(self, *args, **kwargs):
        built(self, *args, **kwargs)
        self.children = [*self.children, W.Button(description="Show both")]

    monkeypatch.setattr(CycleView, "__init__", with_a_label)
    import widgets

    found = pseudo_words.leaks(pseudo_words.widget_texts(widgets.cycle()), allowed=[])
    assert found and all(w.endswith((": Show", ": both")) for w in found), found


def test_the_check_finds_english_in_html_labels_and_allows_names():
    html = '<p aria-label="Close">⟦Çlósé⟧ CRC TB-Net</p>'
    assert pseudo_words.english_words(pseudo_words.html_text(html)) == ["Close"]


def test_the_allowlist_names_a_module_for_each_word():
    for word, module, scopes in pseudo_words.allowlist():
        assert word.lower() in pseudo_words.vocabulary(), word
        assert (ROOT / module).exists() and scopes, module


# --- the one setting -------------------------------------------------------------------------------
def test_lang_is_carried_with_a_strict_pattern():
    assert session.parse_query("lang=fr&theme=dark") == {"lang": "fr", "theme": "dark"}
    assert session.parse_query("lang=PSEUDO") == {"lang": "pseudo"}
    for bad in ("lang=<b>", "lang=french-canadian", "lang=../x", "lang=f"):
        assert "lang" not in session.parse_query(bad), bad


def test_the_language_comes_from_the_environment_or_the_config_file(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSE_LANGUAGE", raising=False)
    monkeypatch.setattr(language, "CONFIG_FILE", tmp_path / "language")
    assert content.language() == "en"
    (tmp_path / "language").write_text("pseudo\n")
    language._config_file.cache_clear()  # read once per kernel: a new kernel
    assert content.language() == "pseudo"
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    assert content.language() == "en"


def test_the_language_comes_from_the_page_query_in_voila(monkeypatch):
    monkeypatch.setenv("VOILA_KERNEL_ID", "x")
    monkeypatch.setattr(session, "query_params", lambda: {"lang": "pseudo"})
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    assert content.language() == "pseudo"


def test_an_unknown_language_is_english_and_said_once(monkeypatch):
    monkeypatch.setattr(language, "_warned", set())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert content.load("xx").language == "en"
        assert content.load("xx").language == "en"
    assert len(caught) == 1 and "'xx'" in str(caught[0].message)


# --- a new language: strings with fallbacks, plural rules, translated files ---------------------
def test_a_strings_file_overlays_english_and_missing_keys_fall_back(course_dir):
    (course_dir / "strings" / "fr.yaml").write_text(
        yaml.safe_dump(
            {
                "sources.title": "Sources et lectures",
                "reading.tbnet.activities": {"one": "{n} activité", "other": "{n} activités"},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    fr, en = content.load("fr"), content.load("en")
    assert fr.text("sources.title") == "Sources et lectures"
    assert fr.text("nav.next") == en.text("nav.next")  # not translated yet: English
    assert fr.plural("reading.tbnet.activities", 0) == "0 activité"  # French: 0 is singular
    assert fr.plural("reading.tbnet.activities", 2) == "2 activités"
    assert en.plural("reading.tbnet.activities", 0) != en.plural("reading.tbnet.activities", 1)


def test_a_translated_content_file_is_used_and_checked(course_dir):
    (course_dir / "strings" / "fr.yaml").write_text("nav.next: Suivant\n", encoding="utf-8")
    glossary = yaml.safe_load((course_dir / "glossary.yaml").read_text(encoding="utf-8"))
    glossary[0]["meaning"] = "Sens en français"
    target = course_dir / "translations" / "fr"
    target.mkdir(parents=True)
    (target / "glossary.yaml").write_text(yaml.safe_dump(glossary), encoding="utf-8")
    fr = content.load("fr")
    assert fr.term(glossary[0]["term"]).meaning == "Sens en français"
    (target / "glossary.yaml").write_text("- {term: X}\n", encoding="utf-8")
    with pytest.raises(content.ContentError, match="glossary.yaml"):
        content.load_from(course_dir, "fr")


def test_plural_rules():
    assert [language.plural_form("fr", n) for n in (0, 1, 2)] == ["one", "one", "other"]
    assert [language.plural_form("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]


# --- the strings file: no key missing, none unused ----------------------------------------------
CALL = re.compile(r"""\b(?:t|tn|text|plural|button|_t|_tn)\(\s*(f?)(["'])([^"'\n]+)\2""")
LITERAL = re.compile(r"""(["'])([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)\1""")
PREFIX = re.compile(r"""(["'])([a-z][a-z0-9_]*(?:\.[a-z0-9_-]+)+[._]|[a-z][a-z0-9_]*_)\1""")
FSTRING = re.compile(r"""\bf(["'])([a-z][a-z0-9_]*\.[a-z0-9_.-]*\{[^"'\n]*)\1""")
UNUSED_ALLOWLIST = Path(__file__).parent / "unused_keys_allowlist.txt"


def _code_files():
    return [
        *ROOT.glob("widgets/**/*.py"),
        *ROOT.glob("notebooks/*.ipynb"),
        *ROOT.glob("trainer/*.ipynb"),
    ]


def key_usage(keys: set[str]) -> tuple[set[str], list[re.Pattern]]:
    """The keys code uses: literal arguments of t()/tn()/text()/plural()/button(), string literals
    equal to a key (keys kept in tables), and the keys that f-strings and prefixes build."""
    used, patterns = set(), []
    for path in _code_files():
        src = path.read_text(encoding="utf-8")
        for m in CALL.finditer(src):
            if m.group(1):  # f"reading.col.{n}": any key of that shape
                shape = re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(m.group(3)))
                patterns.append(re.compile(f"^{shape}$"))
            elif not m.group(3).endswith((".", "_")):
                used.add(m.group(3))
        used |= {m.group(2) for m in LITERAL.finditer(src) if m.group(2) in keys}
        for m in FSTRING.finditer(src):  # [f"dashboard.col.{c}" for c in cols]
            shape = re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(m.group(2)))
            patterns.append(re.compile(f"^{shape}$"))
        for m in PREFIX.finditer(src):  # "nav.theme_" + name
            patterns.append(re.compile("^" + re.escape(m.group(2)) + ".+$"))
    return used, patterns


def test_every_key_used_in_code_exists_and_every_key_is_used():
    keys = set(yaml.safe_load((DEFAULT_DIR / "strings" / "en.yaml").read_text(encoding="utf-8")))
    used, patterns = key_usage(keys)
    missing = sorted(used - keys)
    allowed = {
        line.split()[0]
        for line in UNUSED_ALLOWLIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    unused = sorted(
        k for k in keys - used if not any(p.match(k) for p in patterns) and k not in allowed
    )
    assert missing == [], f"used in code, not in en.yaml: {missing}"
    assert unused == [], f"in en.yaml, never used: {unused}"
    assert sorted(allowed - keys) == [], "allowlisted keys that are gone: clear them"


def test_the_key_check_finds_a_missing_and_an_unused_key():
    used, patterns = key_usage({"nav.next"})
    assert "nav.next" in used and "reading.col.acronym" not in used
    assert any(p.match("reading.col.acronym") for p in patterns)
    assert not any(p.match("no.such.key.anywhere") for p in patterns)


# --- the home page and each page's sources come from the outline --------------------------------
def test_the_home_page_is_defined_once_in_the_outline():
    from widgets import app

    c = content.load("en")
    assert app.HOME == c.home.notebook and c.home.kind == "home"
    code = [p.read_text(encoding="utf-8") for p in ROOT.glob("widgets/**/*.py")]
    assert not any(c.home.notebook in src for src in code)
    assert c.home.notebook not in (DEFAULT_DIR / "pages.yaml").read_text(encoding="utf-8")


def test_notebooks_take_their_sources_and_prose_from_course_data():
    import nbformat

    c = content.load("en")
    for page in c.outline.pages:
        nb = nbformat.read(ROOT / "notebooks" / page.notebook, as_version=4)
        code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
        assert f'widgets.sources("{page.id}")' in code, page.notebook
        assert not [cell for cell in nb.cells if cell.cell_type == "markdown"], page.notebook
        shown = [s for s in code if s.startswith(f'widgets.prose("{page.id}"')]
        assert len(shown) == len(c.prose.get(page.id, ())), page.notebook


def test_prose_of_an_unknown_page_is_refused(course_dir):
    pages = yaml.safe_load((course_dir / "pages.yaml").read_text(encoding="utf-8"))
    pages["no-such-page"] = ["Text"]
    (course_dir / "pages.yaml").write_text(yaml.safe_dump(pages), encoding="utf-8")
    with pytest.raises(content.ContentError, match="no-such-page"):
        content.load_from(course_dir)


def test_translated_headings_keep_the_english_anchors(course_dir, monkeypatch):
    pages = yaml.safe_load((course_dir / "pages.yaml").read_text(encoding="utf-8"))
    page, n = next(
        (p, i)
        for p, blocks in pages.items()
        for i, b in enumerate(blocks)
        if "\n## " in b or b.startswith("## ")
    )
    english = reading.prose(page, n + 1).html
    pages[page][n] = re.sub(r"^## .*$", "## Titre traduit", pages[page][n], count=1, flags=re.M)
    target = course_dir / "translations" / "fr"
    target.mkdir(parents=True)
    (target / "pages.yaml").write_text(yaml.safe_dump(pages, allow_unicode=True), encoding="utf-8")
    (course_dir / "strings" / "fr.yaml").write_text("nav.next: Suivant\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_LANGUAGE", "fr")
    french = reading.prose(page, n + 1).html
    anchor = re.search(r'<h2 id="([^"]+)"', english).group(1)
    assert f'<h2 id="{anchor}">Titre traduit</h2>' in french


def test_country_names_follow_the_language(course_dir, monkeypatch):
    from widgets import ui

    assert ui.country_name("DK") == "Denmark" and ui.country_name("") == ""
    (course_dir / "strings" / "fr.yaml").write_text("nav.home: Accueil\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_LANGUAGE", "fr")
    assert content.language() == "fr"
    assert ui.country_name("DK") == "Danemark"
    assert ("Danemark", "DK") in ui.countries()
    monkeypatch.setenv("COURSE_LANGUAGE", "pseudo")
    assert ui.country_name("DK") == pseudo.text("Denmark")
