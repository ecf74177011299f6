import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0022_correctiveaction_case"),
    ]

    operations = [
        migrations.AlterField(
            model_name="correctiveaction",
            name="case",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="corrective_actions",
                to="followup.followupcase",
            ),
        ),
    ]
