"""The who-supplies-whom tree nests each site under the site it delivers to, at any depth."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from kedja.contracts.models import Site

from . import factories

pytestmark = pytest.mark.django_db


class TreeReader(HTMLParser):
    """The site names of the page's who-supplies-whom tree, each with its nesting depth."""

    def __init__(self):
        super().__init__()
        self.depth, self.in_tree, self.items, self.opened, self.closed = 0, False, [], 0, 0
        self.text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and ("class", "site-tree") in attrs:
            self.in_tree, self.depth, self.opened = True, self.depth + 1, self.opened + 1
        elif tag == "li" and self.in_tree:
            self.text = []
        elif tag == "span" and self.text is not None:
            self.items.append(("".join(self.text).strip(), self.depth))
            self.text = None

    def handle_endtag(self, tag):
        if tag == "ul" and self.in_tree:
            self.depth, self.closed = self.depth - 1, self.closed + 1
            self.in_tree = self.depth > 0

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def tree_of(client, contract) -> TreeReader:
    response = client.get(reverse("contracts:supply_chain", args=[contract.uuid]))
    assert response.status_code == 200
    reader = TreeReader()
    reader.feed(response.content.decode())
    assert reader.opened == reader.closed  # every nested list is closed
    return reader


def test_branches_nest_under_the_site_they_deliver_to(personas, client_for):
    contract = factories.contract(personas, reference="TREE-1")
    warehouse = factories.site(personas, contract, legal_name="Lager Borås", tier=1, is_confidential=False)
    gloves = factories.site(personas, contract, legal_name="Glove Works", supplies_to=warehouse)
    factories.site(personas, contract, legal_name="Latex Estate", tier=3, supplies_to=gloves)
    factories.site(personas, contract, legal_name="Box Maker", supplies_to=warehouse)
    other = factories.site(personas, contract, legal_name="Own Import", tier=1, is_confidential=False)
    items = tree_of(client_for(personas.sara), contract).items
    assert sorted(items) == [
        ("Box Maker", 2),
        ("Glove Works", 2),
        ("Lager Borås", 1),
        ("Latex Estate", 3),
        (other.legal_name, 1),
    ]
    # Each site stands inside the item of the one it delivers to: right after it, one level deeper.
    assert items[items.index(("Glove Works", 2)) + 1] == ("Latex Estate", 3)
    assert (
        items.index(("Lager Borås", 1)) < items.index(("Box Maker", 2)) < items.index((other.legal_name, 1))
    )


def test_a_chain_hundreds_of_sites_deep_is_shown_whole(personas, client_for):
    """A recursive include stopped with a server error at about 195 levels (found at national scale)."""
    contract = factories.contract(personas, reference="TREE-DEEP")
    parent = factories.site(personas, contract, legal_name="Level 1", tier=1, is_confidential=False)
    for level in range(2, 301):
        parent = Site.objects.create(
            supplier=contract.supplier,
            legal_name=f"Level {level}",
            tier=min(level, 20),
            supplies_to=parent,
            country=parent.country,
        )
        parent.contracts.add(contract)
    items = tree_of(client_for(personas.sara), contract).items
    assert items == [(f"Level {n}", n) for n in range(1, 301)]
