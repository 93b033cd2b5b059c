from django.urls import path

from kennisbrug.readiness import views

app_name = "readiness"

urlpatterns = [
    path("databankkandidaten/", views.candidate_list, name="candidates"),
    path("databankkandidaten.csv", views.candidate_list, {"fmt": "csv"}, name="candidates-csv"),
    path("databankrijpheid/<int:pk>/", views.check, name="check"),
    path("databankrijpheid/<int:pk>/bewerken/", views.edit, name="edit"),
    path("databankrijpheid/<int:pk>/concept.pdf", views.draft_pdf, name="draft-pdf"),
    path("databankrijpheid/<int:pk>/concept.docx", views.draft_docx, name="draft-docx"),
]
