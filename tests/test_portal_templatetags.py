"""The shared template helpers: links that keep a user's filters, and the pagination include."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory


def render(template_code, request):
    return Template("{% load portal %}" + template_code).render(Context({"request": request}))


def test_query_transform_replaces_the_page_and_keeps_the_filters():
    request = RequestFactory().get("/activiteiten/", {"thema": "eenzaamheid", "page": "2"})

    result = render("{% query_transform page=3 %}", request)

    assert result == "thema=eenzaamheid&amp;page=3"


def test_query_transform_drops_a_parameter_set_to_nothing():
    request = RequestFactory().get("/activiteiten/", {"thema": "eenzaamheid", "dorp": "reek"})

    result = render('{% query_transform dorp="" %}', request)

    assert result == "thema=eenzaamheid"


def test_pagination_links_keep_filters_and_mark_the_current_page():
    request = RequestFactory().get("/activiteiten/", {"thema": "mantelzorg", "page": "2"})
    page_obj = Paginator(list(range(100)), 10).page(2)

    html = render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)

    assert 'href="?thema=mantelzorg&amp;page=1" rel="prev"' in html
    assert 'href="?thema=mantelzorg&amp;page=3" rel="next"' in html
    assert 'aria-current="page"' in html
    assert "Pagina 2 van 10" in html


def test_pagination_is_left_out_for_a_single_page():
    request = RequestFactory().get("/activiteiten/")
    page_obj = Paginator(list(range(5)), 10).page(1)

    html = render_to_string("components/pagination.html", {"page_obj": page_obj}, request=request)

    assert html.strip() == ""
