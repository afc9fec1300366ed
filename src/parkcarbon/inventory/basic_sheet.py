"""The template's basic-information sheet: the template for an inventory carries its division; an upload's division
must lie in the inventory's province, so a file made for an entity elsewhere (another grid) is not computed with
this inventory's grid; a finer division of the same province (a county where the inventory names its province) is
applied to the inventory when the upload is saved. Pure (the division list is a shipped file): it runs in the upload
check's child process."""

from parkcarbon.engine import load_library
from parkcarbon.engine.errors import Problem
from parkcarbon.engine.template import BASIC_SHEET, FIRST_DATA_ROW, read_basic
from parkcarbon.inventory.regions import division_of_region, region_for_division
from parkcarbon.parks import divisions


def template_values(inventory) -> dict[str, str]:
    """Division code and its name in both languages, for the sheet of the template downloaded for ``inventory``."""
    code = inventory.division or division_of_region(inventory.region)
    if not code:
        return {}
    return {"division": code, "division_name": f"{divisions.label(code, zh=True)} / {divisions.label(code, zh=False)}"}


def problems(data: bytes, inventory) -> list[Problem]:
    return division_of(data, inventory)[1]


def division_of(data: bytes, inventory) -> tuple[str, list[Problem]]:
    """(the sheet's division when saving the upload changes the inventory's, else ""; the sheet's problems)."""
    found, structure = read_basic(data)
    code = found.get("division", "")
    if structure or not code:  # no sheet or no code (files made before the sheet existed): nothing to check
        return "", structure
    found_problems = division_problems(code, inventory)
    current = inventory.division or division_of_region(inventory.region)
    # A coarser code that contains the inventory's division (a template made before it was refined) changes nothing.
    changed = not found_problems and code not in {d.code for d in divisions.chain(current)}
    return (code if changed else ""), found_problems


def division_problems(code: str, inventory) -> list[Problem]:
    row = str(FIRST_DATA_ROW)
    if divisions.lookup(code) is None:
        return [Problem(row, "division", f"unknown division code {code!r}: enter a 6-digit GB/T 2260 code such as "
                        "320583", BASIC_SHEET, f"未知的行政区划代码“{code}”：请填写 GB/T 2260 的6位代码，如 320583")]
    if region_for_division(code) != inventory.region:
        province = load_library().regions.get(inventory.region, {})
        return [Problem(row, "division", f"{divisions.label(code, zh=False)} is not in the inventory's province "
                        f"({province.get('name_en', inventory.region)}), whose power grid the inventory uses: correct "
                        "the code, or change the inventory's region first", BASIC_SHEET,
                        f"{divisions.label(code, zh=True)}不在本清单所在省份（{province.get('name_zh', inventory.region)}）："
                        "清单按该省所属电网计算，请更正代码，或先修改清单的基本信息")]
    return []
