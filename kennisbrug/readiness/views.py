"""The readiness check: its page, the editors' form, the draft as PDF/DOCX, and the list of
candidate methods for the knowledge institutes (also as CSV)."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kennisbrug.accounts.scope import is_network_admin, may_publish
from kennisbrug.products.models import Product
from kennisbrug.readiness import draft
from kennisbrug.readiness.forms import ReadinessForm
from kennisbrug.readiness.models import CRITERIA, ReadinessCheck
from kennisbrug.readiness.service import REINVENT, candidates, closest_interventions, readiness


def _product(pk: int) -> Product:
    return get_object_or_404(Product.objects.published().select_related("werkplaats"), pk=pk)


def _may_edit(request: HttpRequest, product: Product) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    return is_network_admin(user) or (
        product.werkplaats_id is not None and may_publish(user, product.werkplaats_id)
    )


def check(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(pk)
    result = readiness(product)
    close = closest_interventions(product, result.fields)
    return render(
        request,
        "readiness/check.html",
        {
            "product": product,
            "result": result,
            "parts": [(label, result.fields.get(name, "")) for name, label in CRITERIA],
            "close": close,
            "reinvents": [s for s in close if s.score >= REINVENT],
            "may_edit": _may_edit(request, product),
        },
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(pk)
    if not _may_edit(request, product):
        return HttpResponse(
            _("Alleen de redactie van de eigen werkplaats vult deze check in."), status=403
        )
    instance = ReadinessCheck.objects.filter(product=product).first()
    if request.method == "POST":
        form = ReadinessForm(request.POST, instance=instance or ReadinessCheck(product=product))
        if form.is_valid():
            saved = form.save(commit=False)
            saved.updated_by = request.user
            saved.save()
            return redirect("readiness:check", pk=product.pk)
    else:
        initial = None if instance else readiness(product).fields
        form = ReadinessForm(instance=instance, initial=initial)
    return render(
        request,
        "readiness/edit.html",
        {"product": product, "form": form, "prefilled": instance is None},
    )


def _draft(product: Product) -> draft.Draft:
    # The draft is the text to submit to a Dutch databank, under the databank's own headings:
    # it is Dutch whatever the interface language.
    with translation.override("nl"):
        result = readiness(product)
        check = result.check or ReadinessCheck(product=product, **result.fields)
        close = closest_interventions(product, result.fields)
        return draft.build(check, result.assessment, close)


def draft_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(pk)
    response = HttpResponse(draft.pdf(_draft(product)), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="concept-{slugify(product.title)[:60]}.pdf"'
    )
    return response


def draft_docx(request: HttpRequest, pk: int) -> HttpResponse:
    product = _product(pk)
    response = HttpResponse(
        draft.docx(_draft(product)),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="concept-{slugify(product.title)[:60]}.docx"'
    )
    return response


def candidate_list(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    rows = candidates()
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="databankkandidaten.csv"'
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                "methode",
                "werkplaats",
                "score",
                "oordeel",
                "ingevuld_door_werkplaats",
                "ontbreekt",
                "aan_te_vullen",
                "adres",
            ]
        )
        for r in rows:
            a = r.assessment
            writer.writerow(
                [
                    r.product.title,
                    r.product.werkplaats.short_name if r.product.werkplaats else "",
                    a.score,
                    a.level_label,
                    "nee" if r.estimated else "ja",
                    " | ".join(f.part for f in a.missing),
                    len(a.findings),
                    request.build_absolute_uri(r.product.get_absolute_url()),
                ]
            )
        return response
    if fmt != "html":
        raise Http404
    return render(request, "readiness/candidates.html", {"rows": rows})
