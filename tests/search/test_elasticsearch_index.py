"""The Elasticsearch catalogue index kept up to date, against a stand-in server with recorded
ES 8 responses: saving, unpublishing and deleting items, and the `catalogue_index` command."""

import logging
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from catalogue.models import Copy, Item
from search.api import CatalogueQuery
from search.backends.database import DatabaseBackend
from tests.catalogue.factories import set_copies_status
from tests.search.fake_elasticsearch import bulk_answer, closed_port_url, recorded

ALIAS = "deelfabriek-catalogue"
DOC = rf"/{ALIAS}/_doc/(\d+)"


def rows_of(item):
    return dict(
        Item.objects.filter(translation_key=item.translation_key).values_list(
            "pk", "locale__language_code"
        )
    )


# (a) The index follows the items -----------------------------------------------------------


@pytest.mark.django_db
def test_saving_unpublishing_and_deleting_an_item_update_the_index(
    catalogue, ids, fake_es, django_capture_on_commit_callbacks
):
    fake_es.answer("PUT", DOC, recorded("doc_indexed"))
    fake_es.answer("DELETE", DOC, recorded("doc_deleted"))
    drill = catalogue["drill"]
    rows = rows_of(drill)

    with django_capture_on_commit_callbacks(execute=True):
        drill.brand = "Bosch Blue"
        drill.save()
    indexed = fake_es.sent("PUT", DOC)
    assert sorted(int(r.path.rsplit("/", 1)[1]) for r in indexed) == sorted(rows)
    assert all(r.query["require_alias"] == ["true"] for r in indexed)
    french = next(r.json for r in indexed if r.path.endswith(f"/{ids['drill', 'fr']}"))
    assert french["title"] == "Perceuse à percussion Bosch" and french["language"] == "fr"
    dutch = next(r.json for r in indexed if r.path.endswith(f"/{drill.pk}"))
    assert "bosch blue" in dutch["body"] and dutch["name"] == "klopboormachine bosch"

    fake_es.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        drill.unpublish()
    assert [r.path for r in fake_es.sent("DELETE", DOC)] == [f"/{ALIAS}/_doc/{drill.pk}"]
    assert len(fake_es.sent("PUT", DOC)) == 2, "the translations stay searchable"

    fake_es.requests.clear()
    sander = catalogue["sander"]
    with django_capture_on_commit_callbacks(execute=True):
        set_copies_status(sander, Copy.Status.AVAILABLE)
    assert {r.json["available"] for r in fake_es.sent("PUT", DOC)} == {True}
    assert len(fake_es.sent("PUT", DOC)) == 3, "status is shared: every language follows"

    fake_es.requests.clear()
    bike = catalogue["bike"]
    bike_rows = list(Item.objects.filter(translation_key=bike.translation_key).values_list("pk"))
    with django_capture_on_commit_callbacks(execute=True):
        bike.delete()
    # Its copies go with the Dutch row: the translations leave the index with it, once each.
    assert sorted(r.path for r in fake_es.sent("DELETE", DOC)) == sorted(
        f"/{ALIAS}/_doc/{pk}" for (pk,) in bike_rows
    )


@pytest.mark.django_db
def test_a_down_cluster_costs_a_warning_not_a_failed_save(
    catalogue, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = closed_port_url()
    drill = catalogue["drill"]
    with caplog.at_level(logging.WARNING, logger="search.tasks"):
        with django_capture_on_commit_callbacks(execute=True):
            drill.name = "Klopboormachine Bosch Professional"
            drill.save()
        with django_capture_on_commit_callbacks(execute=True):
            catalogue["bike"].delete()
    messages = [r.getMessage() for r in caplog.records if r.name == "search.tasks"]
    # Three rows of the drill saved, the bike's row deleted and its two translations removed.
    assert len(messages) == 6 and all("Elasticsearch did not" in m for m in messages)
    # The database index followed all the same.
    found = DatabaseBackend().search(CatalogueQuery(text="professional"))
    assert [item.name for item in found.items] == ["Klopboormachine Bosch Professional"]


@pytest.mark.django_db
def test_syncing_a_row_that_is_no_longer_searchable_removes_it(catalogue, fake_es):
    from search.tasks import sync_item_to_elasticsearch

    fake_es.answer("DELETE", DOC, recorded("error_index_not_found"), status=404)
    pram = catalogue["pram"]
    Item.objects.filter(pk=pram.pk).update(live=False)
    sync_item_to_elasticsearch.call(pram.pk)
    assert [r.path for r in fake_es.requests] == [f"/{ALIAS}/_doc/{pram.pk}"]
    assert not fake_es.sent("PUT", DOC)


# (b) The index command ---------------------------------------------------------------------

OLD = "deelfabriek-catalogue-20260214093000000000"
NEW = rf"/{ALIAS}-\d{{20}}"


def _serve_rebuild(server):
    server.answer("GET", f"/_alias/{ALIAS}", recorded("get_alias"))
    server.answer("PUT", NEW, recorded("index_created"))
    for method in ("PUT", "POST"):
        server.answer(method, "/_bulk", bulk_answer)
    server.answer("POST", NEW + "/_refresh", recorded("refresh"))
    server.answer("POST", "/_aliases", recorded("aliases_updated"))
    server.answer("DELETE", f"/{OLD}", recorded("acknowledged"))


@pytest.mark.django_db
def test_rebuild_fills_a_new_index_and_swaps_the_alias_in_one_step(catalogue, fake_es):
    _serve_rebuild(fake_es)
    out = StringIO()
    call_command("catalogue_index", "rebuild", stdout=out)
    output = out.getvalue()
    assert "21 of 21 items (100%)" in output, "the database index is rebuilt as before"

    (created,) = fake_es.sent("PUT", NEW)
    new = created.path.lstrip("/")
    assert created.json["mappings"]["properties"]["suggest"]["type"] == "search_as_you_type"
    bulk = [r for r in fake_es.requests if r.path == "/_bulk"]
    actions = [line for r in bulk for line in r.ndjson[::2]]
    documents = [line for r in bulk for line in r.ndjson[1::2]]
    assert len(actions) == 21 and all(a["index"]["_index"] == new for a in actions)
    assert {d["language"] for d in documents} == {"nl", "fr", "en"}
    (swap,) = fake_es.sent("POST", "/_aliases")
    assert swap.json == {
        "actions": [
            {"remove": {"index": OLD, "alias": ALIAS}},
            {"add": {"index": new, "alias": ALIAS}},
        ]
    }
    order = [(r.method, r.path) for r in fake_es.requests]
    assert order.index(("POST", "/_aliases")) < order.index(("DELETE", f"/{OLD}"))
    assert order[-1] == ("DELETE", f"/{OLD}"), "the old index goes once the alias moved"
    assert f"21 documents in {new}" in output


@pytest.mark.django_db
def test_a_first_rebuild_only_adds_the_alias(catalogue, fake_es):
    _serve_rebuild(fake_es)
    fake_es.answer("GET", f"/_alias/{ALIAS}", recorded("alias_missing"), status=404)
    call_command("catalogue_index", "rebuild", stdout=StringIO())
    (swap,) = fake_es.sent("POST", "/_aliases")
    assert [list(action) for action in swap.json["actions"]] == [["add"]]
    assert not fake_es.sent("DELETE", ".*")


@pytest.mark.django_db
def test_a_failed_bulk_leaves_the_alias_where_it_was(catalogue, fake_es):
    _serve_rebuild(fake_es)
    fake_es.answer("PUT", "/_bulk", {"error": "overloaded", "status": 429}, status=429)
    fake_es.answer("DELETE", NEW, recorded("acknowledged"))
    with pytest.raises(CommandError, match="Elasticsearch at .* refused"):
        call_command("catalogue_index", "rebuild", stdout=StringIO())
    assert not fake_es.sent("POST", "/_aliases")
    (created,) = fake_es.sent("PUT", NEW)
    assert [r.path for r in fake_es.sent("DELETE", ".*")] == [created.path]


@pytest.mark.django_db
def test_status_shows_the_alias_the_index_and_its_documents(fake_es):
    fake_es.answer("GET", f"/_alias/{ALIAS}", recorded("get_alias"))
    fake_es.answer("POST", f"/{OLD}/_count", recorded("count"))
    out = StringIO()
    call_command("catalogue_index", "status", stdout=out)
    assert f"alias {ALIAS} -> index {OLD}; 21 documents" in out.getvalue()
    assert "searchable item rows" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["rebuild", "status"])
def test_an_unreachable_cluster_is_a_clean_command_error(settings, action):
    settings.ELASTICSEARCH_URL = closed_port_url()
    with pytest.raises(
        CommandError, match="Elasticsearch at http://127.0.0.1:.* cannot be reached"
    ):
        call_command("catalogue_index", action, stdout=StringIO())
