"""The ``kennisbrug`` command: one entry point for everything an operator does.

It is Django's management utility with Kennisbrug's settings, and a help page in Dutch that
lists the commands that matter (``kennisbrug --help``). ``kennisbrug help --all`` lists Django's
own commands too.
"""

from __future__ import annotations

import os
import sys

COMMANDS = {
    "serve": "start de website (standaard op http://127.0.0.1:8000)",
    "demo": "laad de demodata (veilig om te herhalen) en maak demo-accounts",
    "import": "importeer JSON Lines of CSV (alles of niets; zie docs/import-formats.md)",
    "export": "exporteer een soort gegevens als JSON Lines of CSV",
    "thesaurus": "laad of exporteer de thesaurus van het sociaal domein (SKOS)",
    "import-boundaries": "importeer de CBS-gemeentegrenzen (GeoJSON) voor de kaart",
    "search": "zoek in alles vanaf de opdrachtregel (met --json voor scripts)",
    "harvest": "oogst kennisproducten uit een OAI-PMH-bron (of --all: alle bronnen)",
    "apitoken": "geef een persoonlijke API-token uit of trek hem in",
    "reindex": "bouw de zoekindex en het corpusmodel opnieuw op",
    "report": "maak het jaarverslag (PDF) van een werkplaats of het netwerk",
    "databank": "importeer de export van een landelijke databank (trekt verdwenen interventies in)",
    "related": "erkende interventies en werk elders bij een product of project (met --json)",
    "radar": "toon overlap met externe programma's; --notify mailt nieuwe signalen (cron)",
    "sendnewsletter": "verstuur klaarstaande nieuwsbrieven (met --loop als achtergrondtaak)",
    "anonymise": "anonimiseer aanmeldingen van voorbije evenementen (dagelijks draaien)",
    "createadmin": "maak een netwerkbeheerder aan",
    "migrate": "breng de database bij naar het nieuwste schema",
    "check": "controleer de configuratie (met --deploy voor productie)",
}

USAGE = """Kennisbrug: het kennisplatform van de Werkplaatsen Sociaal Domein.

Gebruik: kennisbrug OPDRACHT [opties]

Opdrachten:
{commands}

Meer over een opdracht: kennisbrug OPDRACHT --help
Alle opdrachten, ook die van Django: kennisbrug help --all
Instellingen komen uit omgevingsvariabelen; zie docs/settings.md.
"""


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = "\n".join(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items())
    return USAGE.format(commands=lines)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kennisbrug.settings")
    if len(argv) < 2 or argv[1] in {"-h", "--help"} or argv[1:] == ["help"]:
        sys.stdout.write(usage())
        return
    if argv[1:3] == ["help", "--all"]:
        argv = [argv[0], "help", "--commands"]
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["kennisbrug", *argv[1:]])
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as Unix tools do.
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
