"""An index for the supplier list's country options: (kind, country) probed once per country."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0008_organisation_name_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['kind', 'country_code'], name='organisation_kind_country_idx'),
        ),
    ]
