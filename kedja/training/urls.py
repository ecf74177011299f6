from django.urls import path

from kedja.training.views import cases, study, workshop

app_name = "training"
urlpatterns = [
    path("", cases.index, name="index"),
    path("cases/new/", cases.case_create, name="case_create"),
    path("cases/<uuid:uuid>/", cases.case_detail, name="case_detail"),
    path("cases/<uuid:uuid>/new-version/", cases.new_version, name="new_version"),
    path("versions/<uuid:uuid>/edit/", cases.version_edit, name="version_edit"),
    path("versions/<uuid:uuid>/chain/", cases.chain_edit, name="chain_edit"),
    path("versions/<uuid:uuid>/questions/new/", cases.question_edit, name="question_add"),
    path("versions/<uuid:uuid>/questions/<int:position>/", cases.question_edit, name="question_edit"),
    path(
        "versions/<uuid:uuid>/questions/<int:position>/delete/", cases.question_delete, name="question_delete"
    ),
    path("versions/<uuid:uuid>/publish/", cases.publish, name="publish"),
    path("versions/<uuid:uuid>/workshop/", workshop.session_start, name="session_start"),
    path("versions/<uuid:uuid>/study/", study.study_start, name="study_start"),
    path("sessions/<uuid:uuid>/", workshop.facilitate, name="facilitate"),
    path("sessions/<uuid:uuid>/live/", workshop.live, name="live"),
    path("sessions/<uuid:uuid>/do/<slug:step>/", workshop.control, name="control"),
    path("sessions/<uuid:uuid>/summary/", workshop.summary, name="summary"),
    path("sessions/<uuid:uuid>/summary.csv", workshop.export_csv, name="export_csv"),
    path("join/", workshop.join, name="join"),
    path("j/<str:code>/", workshop.join, name="join_code"),
    path("play/<uuid:uuid>/", workshop.play, name="play"),
    path("play/<uuid:uuid>/answer/", workshop.answer, name="answer"),
    path("study/", study.history, name="study_history"),
    path("study/<uuid:uuid>/", study.attempt, name="attempt"),
    path("study/<uuid:uuid>/feedback/<int:position>/", study.feedback, name="feedback"),
]
