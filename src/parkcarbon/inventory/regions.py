"""Province choices for inventories, from the engine's region table."""

from parkcarbon.common.i18n import local_name
from parkcarbon.engine import load_library


def province_choices() -> list[tuple[str, str]]:
    regions = load_library().regions
    return [(code, local_name(r)) for code, r in regions.items() if r["level"] == "province"]


def region_for_province(name: str) -> str:
    """'江苏' / '江苏省' / 'Jiangsu' -> 'CN-JS' ('' when unknown)."""
    text = (name or "").strip().removesuffix("省").removesuffix("市").lower()
    for code, r in load_library().regions.items():
        if r["level"] == "province" and text in (r["name_zh"].lower(), r["name_en"].lower(), code.lower()):
            return code
    for code, r in load_library().regions.items():  # autonomous regions: 内蒙古自治区, 广西壮族自治区 ...
        if r["level"] == "province" and text.startswith(r["name_zh"]):
            return code
    return ""


def grid_region_of(region: str) -> dict:
    regions = load_library().regions
    parent = regions.get(region, {}).get("parent", "")
    return regions.get(parent, {})


def region_for_division(code: str) -> str:
    """GB/T 2260 division code (any level) -> the engine's province region, e.g. '320583' -> 'CN-JS' ('' when the
    province has no grid row: Hong Kong, Macao, Taiwan). The province's grid is its ``parent`` in regions.csv."""
    prefix = (code or "")[:2]
    for region, r in load_library().regions.items():
        if r["level"] == "province" and prefix and r.get("gb2260") == prefix:
            return region
    return ""


def region_for_park(park) -> str:
    """The engine region of a park: its division code, else its free-text province."""
    return region_for_division(park.division) or region_for_province(park.province)


def region_name(region: str) -> str:
    """The engine region's name in the active language ('' when unknown)."""
    row = load_library().regions.get(region)
    return local_name(row) if row else ""


def division_of_region(region: str) -> str:
    """Engine province region -> its GB/T 2260 province code, e.g. 'CN-JS' -> '320000' ('' when it has none)."""
    prefix = load_library().regions.get(region, {}).get("gb2260", "")
    return f"{prefix}0000" if prefix else ""


def division_default(enterprise=None, park=None) -> str:
    """The division an inventory starts from: the enterprise's own, else its park's (its province, when the park
    still has only a free-text province)."""
    if enterprise is not None and enterprise.division:
        return enterprise.division
    park = park or (enterprise.park if enterprise is not None else None)
    if park is None:
        return ""
    return park.division or division_of_region(region_for_province(park.province))  # a park not yet coded
