from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('followup', '0012_invitation_delivery'),
    ]

    operations = [
        migrations.AddField(
            model_name='selfassessment',
            name='review_version',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
