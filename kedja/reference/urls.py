from django.urls import path
from django.views.generic import TemplateView

# Placeholder pages; the reference browser replaces them.
app_name = "reference"
urlpatterns = [
    path("", TemplateView.as_view(template_name="core/home.html"), name="index"),
    path("code-of-conduct/", TemplateView.as_view(template_name="core/home.html"), name="code_of_conduct"),
    path("data-sources/", TemplateView.as_view(template_name="core/home.html"), name="data_sources"),
]
