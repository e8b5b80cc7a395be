from extraction.gazetteer import find_place


def test_a_city_beyond_the_region_with_its_coordinates():
    paris = find_place("Paris")
    assert (paris.place_kind, paris.country_code, paris.precision) == ("city", "FR", "city")
    assert paris.place_id.startswith("geonames:") and round(paris.latitude) == 49 and round(paris.longitude) == 2


def test_of_cities_sharing_a_name_the_most_populous_and_a_country_at_its_capital():
    assert find_place("Washington").country_code == "US" and round(find_place("Washington").longitude) == -77
    country = find_place("the United States")
    assert (country.place_kind, country.precision, round(country.latitude)) == ("country", "country", 39)


def test_names_the_registry_does_not_know_are_none():
    assert find_place("Ministry of Defence") is None and find_place("Red Cross") is None
