from django.urls import path

from . import views, views_screening, views_yearly

app_name = "plans"
urlpatterns = [
    path("", views.division, name="division"),
    path("periods/<uuid:uuid>/", views.period_detail, name="period_detail"),
    path("decide/", views.decide, name="decide"),
    path("contacts/new/", views.contact_assign, name="contact_assign"),
    path("action-plans/", views.plan_list, name="plan_list"),
    path("action-plans/new/", views.plan_create, name="plan_create"),
    path("action-plans/<uuid:uuid>/", views.plan_detail, name="plan_detail"),
    path("action-plans/<uuid:uuid>/edit/", views.plan_edit, name="plan_edit"),
    path("action-plans/<uuid:uuid>/add/<slug:part>/", views.plan_add_part, name="plan_add_part"),
    path("action-plans/<uuid:uuid>/approve/", views.plan_approve, name="plan_approve"),
    path("action-plans/<uuid:uuid>/reopen/", views.plan_reopen, name="plan_reopen"),
    path("action-plans/<uuid:uuid>/hours/", views.hours_report, name="hours_report"),
    path(
        "action-plans/<uuid:uuid>/activities/<uuid:activity_uuid>/",
        views.activity_detail,
        name="activity_detail",
    ),
    path(
        "action-plans/<uuid:uuid>/activities/<uuid:activity_uuid>/remove/",
        views.activity_remove,
        name="activity_remove",
    ),
    path(
        "action-plans/<uuid:uuid>/activities/<uuid:activity_uuid>/<slug:what>/",
        views.activity_progress,
        name="activity_progress",
    ),
    path("follow-up-years/", views_yearly.year_list, name="year_list"),
    path(
        "follow-up-years/from-risk-list/",
        views_screening.follow_up_proposals,
        name="follow_up_proposals",
    ),
    path(
        "follow-up-years/from-screening/<uuid:uuid>/",
        views_screening.screening_proposals,
        name="screening_proposals",
    ),
    path("follow-up-years/<int:year>/", views_yearly.year_detail, name="year_detail"),
    path("follow-up-years/<int:year>/proposals/", views_yearly.proposal_add, name="proposal_add"),
    path(
        "follow-up-years/<int:year>/proposals/<uuid:uuid>/withdraw/",
        views_yearly.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path("follow-up-years/<int:year>/entries/<uuid:uuid>/", views_yearly.entry_edit, name="entry_edit"),
    path("follow-up-years/<int:year>/launch/", views_yearly.year_launch, name="year_launch"),
    path("follow-up-years/<int:year>/<slug:what>/", views_yearly.year_transition, name="year_transition"),
]
