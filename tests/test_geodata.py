"""The gazetteer shipped in the package: GeoNames cities and countries, read offline."""

from __future__ import annotations

from kztimeline.geodata import find_country, geodata
from kztimeline.parse.gazetteer import find_geonames_places, geonames_index, name_key, text_words


def test_a_country_is_found_by_its_geonames_id_or_any_of_its_names() -> None:
    by_id = find_country(1522867)
    assert by_id is not None
    assert (by_id.code, by_id.name, by_id.point_of) == ("KZ", "Kazakhstan", "capital Astana")
    assert (by_id.latitude, by_id.longitude) == (51.1801, 71.44598)
    for spelling in ("Kazakstan", "kazakhstan", "Republic of Kazakhstan", "Казахстан", "Қазақстан"):
        assert find_country(names=(spelling,)) == by_id, spelling
    assert find_country(names=("Atlantis", "U.S.")) == find_country(6252001)  # the first name it knows
    assert find_country(names=("Atlantis",)) is None


def test_every_country_with_a_point_says_which_place_the_point_is() -> None:
    countries = geodata().countries
    assert len(countries) > 240
    for country in countries.values():
        if country.latitude is None:
            assert country.point_of == "none"
        else:
            assert country.point_of.startswith(("capital ", "largest city ")), country


def test_cities_keep_russian_and_kazakh_names_for_the_parser() -> None:
    index = geonames_index()
    for printed, expected in [("Алматы", "Almaty"), ("Қарағанды", "Karagandy"), ("Alma-Ata", "Almaty")]:
        assert index[name_key(printed)].name == expected, printed
    assert index[name_key("Ресей")].kind == "country"  # Russia, in Kazakh
    assert name_key("Kazakh") not in index  # a demonym GeoNames lists for a small town is not a place name


def test_the_data_file_credits_geonames_and_its_licence() -> None:
    about = geodata().about
    assert "GeoNames (https://www.geonames.org/)" in about
    assert "Creative Commons Attribution 4.0" in about


def test_a_russian_word_that_is_also_a_country_name_is_not_proposed() -> None:
    text = "Того же дня в Мали прошли выборы."
    proposed = [(m.text, m.name) for m in find_geonames_places(text, [], frozenset(), text_words(text))]
    assert proposed == [("Мали", "Mali")]
