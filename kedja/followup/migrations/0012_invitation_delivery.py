import uuid
from django.db import migrations, models


def give_each_invitation_its_link(apps, schema_editor):
    Invitation = apps.get_model("followup", "Invitation")
    for invitation in Invitation.objects.filter(uuid=None):
        invitation.uuid = uuid.uuid4()
        invitation.save(update_fields=["uuid"])


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0011_bounded_new_dates'),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='bounce_diagnostic',
            field=models.CharField(blank=True, max_length=300, verbose_name='bounce diagnostic'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='bounce_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='bounce status'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='bounced_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='bounced'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='last_reminded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last reminded'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='message_id',
            field=models.CharField(blank=True, db_index=True, max_length=250, verbose_name='Message-ID'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='opened_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='link opened'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='password_chosen_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='password chosen'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='reminders',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='reminders sent'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='uuid',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_invitation_its_link, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='invitation',
            name='uuid',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
