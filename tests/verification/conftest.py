from tests.inventory.conftest import add_lines, inventory, other_inventory  # noqa: F401 - shared fixtures
