"""The demo cases: five bilingual published cases with expert answers, loaded twice without change."""

from kedja.organisations.models import Membership, Role, User
from kedja.training import demo
from kedja.training.models import Case, Participant, QuestionKind, Session, VersionStatus


def _demo_people(personas):
    for email, org, role in (
        (demo.AUTHOR, personas.secretariat, Role.SECRETARIAT_STAFF),
        (demo.FACILITATOR, personas.skane, Role.STRATEGIST),
    ):
        user = User.objects.create_user(email, "x" * 12, full_name=email)
        Membership.objects.create(user=user, organisation=org, role=role)


def test_demo_loads_five_bilingual_cases_twice_without_duplicates(personas):
    _demo_people(personas)
    demo.load()
    demo.load()
    assert Case.objects.count() == 5
    assert Session.objects.count() == 1
    for case in Case.objects.prefetch_related("versions__questions__options"):
        version = case.versions.get()
        assert version.status == VersionStatus.PUBLISHED
        assert version.title_sv and version.title_en and version.story_en
        kinds = [q.kind for q in version.questions.all()]
        assert kinds == list(QuestionKind.values)
        for question in version.questions.all():
            assert question.prompt_en and question.explanation_en
            assert all(o.text_en for o in question.options.all())
            assert question.options.filter(is_correct=True).exists()


def test_demo_expert_involvement_follows_the_risk_method(personas):
    _demo_people(personas)
    demo.load()
    expected = {
        "Recruitment fees and debt bondage in glove factories in Malaysia": "Directly linked",
        "Child labour in instrument workshops in Sialkot": "Directly linked",
        "Fire risk in a garment factory in Bangladesh": "Directly linked",
        "Underpaid cleaners in a Swedish cleaning contract": "Contributes",
        "Cobalt from artisanal mines in DR Congo in IT equipment": "Directly linked",
    }
    for title, mode in expected.items():
        case = Case.objects.get(versions__title_en=title)
        question = case.versions.get().questions.get(kind=QuestionKind.INVOLVEMENT)
        assert question.options.get(is_correct=True).text_en.startswith(mode)
        assert "UNGP 13" in question.explanation_en


def test_demo_workshop_is_anonymised(personas):
    _demo_people(personas)
    demo.load()
    assert not Participant.objects.exclude(display_name="").exists()
    assert Session.objects.get().status == "ended"
