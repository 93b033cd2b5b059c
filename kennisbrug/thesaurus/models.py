"""The thesaurus of the social domain: concepts, their terms, and how they hang together.

Modelled on SKOS: a concept has one preferred term, alternative and hidden terms, broader
concepts (a concept may sit in more than one place) and related concepts. The search engine
reads it to expand queries and to tag documents with concepts.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConceptQuerySet(models.QuerySet):
    def top(self) -> ConceptQuerySet:
        """The concepts at the top of the tree: those without a broader concept."""
        return self.filter(broader__isnull=True)


class Concept(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    pref_label = models.CharField(_("voorkeursterm"), max_length=200)
    pref_label_en = models.CharField(_("voorkeursterm (Engels)"), max_length=200, blank=True)
    definition = models.TextField(_("definitie"), blank=True)
    broader = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="narrower",
        blank=True,
        verbose_name=_("bredere begrippen"),
    )
    related = models.ManyToManyField(
        "self", symmetrical=True, blank=True, verbose_name=_("verwante begrippen")
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    objects = ConceptQuerySet.as_manager()

    class Meta:
        ordering = ["pref_label"]
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")

    def __str__(self) -> str:
        return self.pref_label

    def descendant_ids(self) -> set[int]:
        """Every concept below this one, however deep (one query per level)."""
        links = Concept.broader.through.objects
        found: set[int] = set()
        frontier = {self.pk}
        while frontier:
            below = links.filter(to_concept_id__in=frontier).values_list(
                "from_concept_id", flat=True
            )
            # Subtracting what we found keeps the walk finite even if the data has a cycle.
            frontier = set(below) - found
            found |= frontier
        return found


class Label(models.Model):
    """A non-preferred term of a concept: a synonym shown to readers, or a hidden search term."""

    class Kind(models.TextChoices):
        ALT = "alt", _("synoniem of variant")
        HIDDEN = "hidden", _("zoekterm")

    class Language(models.TextChoices):
        DUTCH = "nl", _("Nederlands")
        ENGLISH = "en", _("Engels")

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="labels", verbose_name=_("begrip")
    )
    text = models.CharField(_("term"), max_length=200)
    kind = models.CharField(
        _("soort"),
        max_length=10,
        choices=Kind,
        default=Kind.ALT,
        help_text=_(
            "Zoektermen zien lezers niet: jargon, afkortingen, spellingvarianten, veelgemaakte "
            "tikfouten en de alledaagse woorden waarmee mensen zoeken."
        ),
    )
    language = models.CharField(_("taal"), max_length=2, choices=Language, default=Language.DUTCH)

    class Meta:
        ordering = ["kind", "text"]
        verbose_name = _("term")
        verbose_name_plural = _("termen")
        constraints = [
            models.UniqueConstraint(fields=["concept", "text"], name="one_label_text_per_concept")
        ]

    def __str__(self) -> str:
        return self.text
