import pytest

from kennisbrug.lib.env import env_bool, env_int, env_list, env_secret, parse_database_url


def test_booleans_read_dutch_and_english_words():
    assert env_bool("X", environ={"X": "ja"}) is True
    assert env_bool("X", environ={"X": "False"}) is False
    assert env_bool("X", True, environ={}) is True


def test_a_malformed_boolean_names_the_variable():
    with pytest.raises(ValueError, match="DEBUG"):
        env_bool("DEBUG", environ={"DEBUG": "misschien"})


def test_a_malformed_number_names_the_variable():
    assert env_int("N", 3, environ={"N": "7"}) == 7
    with pytest.raises(ValueError, match="EMAIL_PORT"):
        env_int("EMAIL_PORT", 25, environ={"EMAIL_PORT": "vijfentwintig"})


def test_lists_are_comma_separated_and_trimmed():
    assert env_list("H", [], environ={"H": "a.nl, b.nl,,"}) == ["a.nl", "b.nl"]


def test_a_secret_can_come_from_a_file(tmp_path):
    secret = tmp_path / "key"
    secret.write_text("geheim\n")
    assert env_secret("SECRET_KEY", environ={"SECRET_KEY_FILE": str(secret)}) == "geheim"
    with pytest.raises(ValueError, match="SECRET_KEY_FILE"):
        env_secret("SECRET_KEY", environ={"SECRET_KEY_FILE": str(tmp_path / "weg")})


def test_database_urls_for_both_engines():
    sqlite = parse_database_url("sqlite:///var/kb.db")
    assert sqlite == {"ENGINE": "django.db.backends.sqlite3", "NAME": "var/kb.db"}
    assert parse_database_url("sqlite:////tmp/kb.db")["NAME"] == "/tmp/kb.db"
    pg = parse_database_url("postgres://kb:p%40ss@db.example:5433/kennisbrug")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "kb",
        "p@ss",
        "db.example",
        "5433",
        "kennisbrug",
    )


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite://"])
def test_unsupported_or_incomplete_database_urls_are_refused(url):
    with pytest.raises(ValueError, match="DATABASE_URL"):
        parse_database_url(url)
