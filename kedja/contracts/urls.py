from django.urls import path
from django.views.generic import TemplateView

# Placeholder pages; the contract views replace them.
app_name = "contracts"
urlpatterns = [
    path("", TemplateView.as_view(template_name="core/home.html"), name="contract_list"),
    path("suppliers/", TemplateView.as_view(template_name="core/home.html"), name="supplier_list"),
]
