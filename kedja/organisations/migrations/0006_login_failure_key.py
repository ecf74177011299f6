# The typed address gives way to a keyed hash of it (organisations.lockout.failure_key). Rows
# already stored get an empty key: they expire with the window and never match a hashed key.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0005_grievance_handler'),
    ]

    operations = [
        migrations.RemoveField(model_name='loginfailure', name='email'),
        migrations.AddField(
            model_name='loginfailure',
            name='key',
            field=models.CharField(db_index=True, default='', max_length=16),
            preserve_default=False,
        ),
    ]
