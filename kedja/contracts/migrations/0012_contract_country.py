"""The countries each contract's goods come from (ContractCountry): its declared production
countries and its sites' countries, filled in here; from here on `contracts.signals` keeps them."""

import django.db.models.deletion
from django.db import migrations, models

FILL = """
INSERT INTO contracts_contractcountry (contract_id, country_id)
SELECT link.contract_id, site.country_id
FROM contracts_site_contracts link JOIN contracts_site site ON site.id = link.site_id
WHERE site.country_id IS NOT NULL
UNION
SELECT contract_id, country_id FROM contracts_contract_production_countries
"""


class Migration(migrations.Migration):

    dependencies = [
        ('contracts', '0011_contract_search_text'),
        ('reference', '0003_requirementdocument_previous_and_more'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContractCountry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contracts.contract')),
                ('country', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='reference.country')),
            ],
            options={
                'verbose_name': "country of a contract's production",
                'verbose_name_plural': "countries of contracts' production",
                'constraints': [models.UniqueConstraint(fields=('country', 'contract'), name='contract_country_unique')],
            },
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
