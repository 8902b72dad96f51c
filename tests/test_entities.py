"""`kztimeline actors`, `places`, `articles`, `actor NAME` and `place NAME`: who, where and which source."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import edit

SOURCE = (
    "[1] Example Wire, 2022-01-08: US questions deployment of Russian military aid in Kazakhstan amid ongoing civil "
    "unrest (briefing)"
)

ACTORS = """\
id             name                   kind            events  as actor  as target  mentioned  quotations  figures  relayed  aliases
tokayev        Kassym-Jomart Tokayev  person               2         1          0          1           1        0        0  President Tokayev; Токаев
blinken        Antony Blinken         person               1         1          0          0           1        0        0
kazakh-police  Kazakh police          security_force       1         1          0          0           0        0        0
bbc            BBC                    media                0         0          0          0           0        0        1
cnn            CNN                    media                0         0          0          0           0        1        0
"""

TOKAYEV = f"""\
Kassym-Jomart Tokayev (tokayev)
  Kind: person
  Description: President of Kazakhstan
  Also known as: President Tokayev, Токаев
  Events: 2 (1 as actor, 1 mentioned)
  Quotations: 1
  Figures stated: 0

Events
  2022-01-07  Blinken questions the deployment of Russian military aid  [diplomatic_reaction]  mentioned  [1]
  2022-01-07  Tokayev orders forces to "kill without warning", the article reports  [government_action]  as actor  [1]
    Date evidence: "on Friday" in an article published Saturday 2022-01-08

Quotations
  2022-01-07  “…kill without warning…”  [1]

Sources
  {SOURCE}
"""

CNN = f"""\
CNN (cnn)
  Kind: media
  Events: 0
  Quotations: 0
  Figures stated: 1

Figures stated
  2022-01-07  killed: at least 44 — nationwide (Kazakhstan)  [1]

Sources
  {SOURCE}
"""

KAZAKHSTAN = f"""\
Kazakhstan (kazakhstan)
  Kind: country
  Events: 1 here, 2 including places inside

Places inside
  Almaty (almaty)  city  43.25, 76.91667  also: Alma-Ata  1 event

Events
  2022-01-06 approx.  Police use water cannons and tear gas in Almaty  [security_operation]  at Almaty  [1]
    Date evidence: undated in an article of 2022-01-08 describing the week
  2022-01-07  Tokayev orders forces to "kill without warning", the article reports  [government_action]  at Kazakhstan  [1]
    Date evidence: "on Friday" in an article published Saturday 2022-01-08

Sources
  {SOURCE}
"""


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" not in result.stdout
    return result.stdout


def test_actors_lists_most_events_first_with_counts_by_role(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "actors")) == ACTORS


def test_actors_by_kind_and_by_name(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "actors", "--kind", "media", "--sort", "name", "--format", "json")
    actors = json.loads(ok(result))
    assert [actor["id"] for actor in actors] == ["bbc", "cnn"]
    assert actors[0] == {
        "id": "bbc",
        "name": "BBC",
        "kind": "media",
        "description": None,
        "aliases": [],
        "events": 0,
        "roles": {"actor": 0, "target": 0, "mentioned": 0},
        "quotations": 0,
        "figures": 0,
        "relayed_quotations": 1,
        "relayed_figures": 0,
    }
    names = run("--db", str(loaded_db), "actors", "--sort", "name", "--format", "json")
    assert [actor["name"] for actor in json.loads(ok(names))] == [
        "Antony Blinken",
        "BBC",
        "CNN",
        "Kassym-Jomart Tokayev",
        "Kazakh police",
    ]


def test_actors_csv(loaded_db: Path, run: Callable[..., Result]) -> None:
    lines = ok(run("--db", str(loaded_db), "actors", "--kind", "person", "--format", "csv")).splitlines()
    assert lines == [
        "id,name,kind,description,aliases,events,role_actor,role_target,role_mentioned,quotations,figures,"
        "relayed_quotations,relayed_figures",
        "tokayev,Kassym-Jomart Tokayev,person,President of Kazakhstan,President Tokayev; Токаев,2,1,0,1,1,0,0,0",
        "blinken,Antony Blinken,person,US Secretary of State,,1,1,0,0,1,0,0,0",
    ]


def test_places_is_a_tree_counting_the_events_inside(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "places")) == (
        "Kazakhstan (kazakhstan)  country  events: 1 here, 2 including places inside\n"
        "  Almaty (almaty)  city  43.25, 76.91667  also: Alma-Ata  1 event\n"
        "Washington (washington)  city  1 event\n"
    )


def test_places_json_nests_children_and_csv_has_paths(loaded_db: Path, run: Callable[..., Result]) -> None:
    tree = json.loads(ok(run("--db", str(loaded_db), "places", "--format", "json")))
    assert [place["id"] for place in tree] == ["kazakhstan", "washington"]
    assert tree[0]["children"] == [
        {
            "id": "almaty",
            "name": "Almaty",
            "kind": "city",
            "parent_id": "kazakhstan",
            "latitude": 43.25,
            "longitude": 76.91667,
            "aliases": ["Alma-Ata"],
            "events_here": 1,
            "events_within": 1,
            "children": [],
        }
    ]
    assert (tree[0]["events_here"], tree[0]["events_within"]) == (1, 2)
    assert ok(run("--db", str(loaded_db), "places", "--format", "csv")).splitlines() == [
        "id,name,kind,parent_id,path,latitude,longitude,aliases,events_here,events_within",
        "kazakhstan,Kazakhstan,country,,Kazakhstan,,,,1,2",
        "almaty,Almaty,city,kazakhstan,Kazakhstan › Almaty,43.25,76.91667,Alma-Ata,1,1",
        "washington,Washington,city,,Washington,,,,1,1",
    ]


def test_an_event_at_a_place_and_inside_it_counts_once(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    edit(seeds / "events.yaml", "    places: [almaty]\n", "    places: [almaty, kazakhstan]\n")
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    tree = json.loads(ok(run("--db", str(db_path), "places", "--format", "json")))
    assert (tree[0]["events_here"], tree[0]["events_within"]) == (2, 2)


def test_articles(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "articles")) == (
        "2022-01-08  Example Wire  (briefing)  en\n"
        "  US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest\n"
        "  cited by 3 events, 2 quotations, 1 figure\n"
    )
    [article] = json.loads(ok(run("--db", str(loaded_db), "articles", "--format", "json")))
    assert article == {
        "id": "briefing",
        "outlet": "Example Wire",
        "title": "US questions deployment of Russian military aid in Kazakhstan amid ongoing civil unrest",
        "author": None,
        "published": "2022-01-08T13:22+05:30",
        "published_date": "2022-01-08",
        "published_inferred": False,
        "language": "en",
        "url": None,
        "events": 3,
        "quotations": 2,
        "figures": 1,
    }
    assert ok(run("--db", str(loaded_db), "articles", "--format", "csv")).splitlines()[1] == (
        "briefing,Example Wire,US questions deployment of Russian military aid in Kazakhstan amid ongoing civil "
        "unrest,,2022-01-08T13:22+05:30,2022-01-08,false,en,,3,2,1"
    )


@pytest.mark.parametrize("name", ["Tokayev", "tokayev", "Токаев", "President Tokayev"])
def test_actor_profile_by_name_alias_id_or_part(name: str, loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "actor", name)) == TOKAYEV


def test_actor_profile_shows_figures_stated_with_their_source(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "actor", "CNN")) == CNN


def test_actor_profile_json_is_one_object(loaded_db: Path, run: Callable[..., Result]) -> None:
    actor = json.loads(ok(run("--db", str(loaded_db), "actor", "blinken", "--format", "json")))
    assert (actor["id"], actor["events"], actor["quotations"]) == ("blinken", 1, 1)
    assert [event["id"] for event in actor["timeline"]] == ["blinken-briefing"]
    [statement] = actor["statements"]
    assert (statement["id"], statement["sources"][0]["via"]) == ("blinken-outside-assistance", "BBC")
    assert actor["figures_stated"] == []


def test_actor_limit_cuts_each_list_and_says_so(loaded_db: Path, run: Callable[..., Result]) -> None:
    result = run("--db", str(loaded_db), "actor", "tokayev", "--limit", "1", "--format", "json")
    actor = json.loads(ok(result))
    assert [event["id"] for event in actor["timeline"]] == ["blinken-briefing"]
    assert result.stderr == "showing the first 1 of the events; --limit N or --all for more\n"


def test_ambiguous_actor_lists_the_candidates(seeds: Path, db_path: Path, run: Callable[..., Result]) -> None:
    edit(
        seeds / "actors.yaml",
        "  - id: kazakh-police\n",
        "  - id: kazakh-government\n    name: Kazakh government\n    kind: government_body\n  - id: kazakh-police\n",
    )
    assert run("--db", str(db_path), "load", str(seeds)).exit_code == 0
    result = run("--db", str(db_path), "actor", "Kazakh")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: 'Kazakh' matches 2 actors: Kazakh government (kazakh-government), Kazakh police (kazakh-police); "
        "give one of these ids\n"
    )
    assert "Kazakh police (kazakh-police)" in ok(run("--db", str(db_path), "actor", "kazakh-police"))


def test_unknown_actor_and_place(loaded_db: Path, run: Callable[..., Result]) -> None:
    actor = run("--db", str(loaded_db), "actor", "Tokaev")
    assert (actor.exit_code, actor.stderr) == (1, "Error: no actor matches 'Tokaev'; did you mean 'tokayev'?\n")
    place = run("--db", str(loaded_db), "place", "Almati")
    assert (place.exit_code, place.stderr) == (
        1,
        "Error: no place matches 'Almati'; did you mean 'Almaty' or 'Alma-Ata'?\n",
    )


def test_place_profile_with_the_places_and_events_inside(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "place", "Kazakhstan")) == KAZAKHSTAN


def test_place_profile_names_its_parents(loaded_db: Path, run: Callable[..., Result]) -> None:
    assert ok(run("--db", str(loaded_db), "place", "alma-ata")) == (
        "Almaty (almaty)\n"
        "  Kind: city\n"
        "  Coordinates: 43.25, 76.91667\n"
        "  Also known as: Alma-Ata\n"
        "  Part of: Kazakhstan\n"
        "  Events: 1\n"
        "\n"
        "Events\n"
        "  2022-01-06 approx.  Police use water cannons and tear gas in Almaty  [security_operation]  at Almaty  [1]\n"
        "    Date evidence: undated in an article of 2022-01-08 describing the week\n"
        "\n"
        "Sources\n"
        f"  {SOURCE}\n"
    )
    place = json.loads(ok(run("--db", str(loaded_db), "place", "almaty", "--format", "json")))
    assert place["parents"] == [{"id": "kazakhstan", "name": "Kazakhstan", "kind": "country"}]
    assert [event["id"] for event in place["timeline"]] == ["police-disperse-crowd"]
