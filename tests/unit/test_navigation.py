"""The navigation bar: where the learner is, previous / home / next, theme switch, labels."""

from __future__ import annotations

from widgets import content, navigation

PAGES = content.load().outline.pages


def test_every_page_says_where_it_is_and_links_its_neighbours():
    for i, page in enumerate(PAGES):
        html = navigation.nav_html(page.id, {})
        assert f"Page {i + 1} of {len(PAGES)}" in html
        assert f'<progress class="course-nav-progress" max="{len(PAGES)}" value="{i + 1}"' in html
        assert ('rel="prev"' in html) == (i > 0)
        assert ('rel="next"' in html) == (i < len(PAGES) - 1)
        assert ('rel="home"' in html) == (i > 0)
        if i + 1 < len(PAGES):
            assert f'href="{PAGES[i + 1].notebook}"' in html


def test_links_carry_the_query_and_the_theme_switch_keeps_the_code():
    params = {"code": "ABCD-EFGH-JKLM", "theme": "dark"}
    html = navigation.nav_html(PAGES[1].id, params, theme_switch=True)
    assert f'href="{PAGES[2].notebook}?code=ABCD-EFGH-JKLM&amp;theme=dark"' in html
    assert f'href="{PAGES[1].notebook}?code=ABCD-EFGH-JKLM&amp;theme=light"' in html
    assert ">Light theme</a>" in html
    light = navigation.nav_html(PAGES[1].id, {}, theme_switch=True)
    assert f'href="{PAGES[1].notebook}?theme=dark"' in light and ">Dark theme</a>" in light
    assert "course-nav-theme" not in navigation.nav_html(PAGES[1].id, {})


def test_top_and_end_bars_are_distinct_landmarks():
    top = navigation.nav_html(PAGES[0].id, {})
    end = navigation.nav_html(PAGES[0].id, {}, end=True)
    assert 'aria-label="Course navigation"' in top
    assert 'aria-label="Course navigation, end of page"' in end
    first, second = navigation.NavBar(PAGES[0].id, end=False), navigation.NavBar(PAGES[0].id)
    assert not first.end and second.end
    assert "course-nav-end" in second._dom_classes
