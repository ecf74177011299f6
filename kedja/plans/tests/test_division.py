def test_naming_a_coordinator_gives_and_moves_the_coordinator_access(personas):
    from datetime import date

    from kedja.organisations.models import AreaCoordinatorship
    from kedja.organisations.queries import actor_for
    from kedja.plans import actions
    from kedja.plans.models import ContactRole

    assert not actor_for(personas.olle).may_assess_for_area(personas.area_c.pk)
    actions.assign_contact(
        acting_user=personas.sara,
        role=ContactRole.COORDINATOR,
        region=personas.stockholm,
        area=personas.area_c,
        person=personas.olle,
        name="",
        valid_from=date(2024, 1, 1),
    )
    olle_now = type(personas.olle).objects.get(pk=personas.olle.pk)  # the Actor is cached per user object
    assert actor_for(olle_now).may_assess_for_area(personas.area_c.pk)
    assert AreaCoordinatorship.objects.filter(area=personas.area_c, valid_to__isnull=True).count() == 1
