from django.contrib import admin
from django.urls import include, path

from kedja.api.main import api
from kedja.core import views as core_views
from kedja.notifications import views as notification_views
from kedja.organisations import views_sso

urlpatterns = [
    path("", notification_views.start, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/login/", views_sso.SignInView.as_view(), name="login"),
    path("accounts/logout/", views_sso.SignOutView.as_view(), name="logout"),
    path("accounts/sso/", include("kedja.organisations.urls_sso")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("organisations/", include("kedja.organisations.urls")),
    path("reference/", include("kedja.reference.urls")),
    path("contracts/", include("kedja.contracts.urls")),
    path("risk/", include("kedja.risk.urls")),
    path("followup/", include("kedja.followup.urls")),
    path("suppliers/", include("kedja.suppliers.urls")),
    path("plans/", include("kedja.plans.urls")),
    path("training/", include("kedja.training.urls")),
    path("reports/", include("kedja.reports.urls")),
    path("api/v1/", api.urls),
    path("api/tokens/", include("kedja.api.urls")),
    path("grievance/", include("kedja.grievance.urls")),
    path("notifications/", include("kedja.notifications.urls")),
    path("watchlists/", include("kedja.watchlists.urls")),
    path("admin/", admin.site.urls),
]

# Uploaded files are never served from the media folder, not even in the demo: every download goes
# through a view that checks access (followup documents, reports, grievance attachments).
