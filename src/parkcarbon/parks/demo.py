"""Demo parks, enterprises, agencies and one user per role. Idempotent: keyed on natural keys.

Names are fictitious; credit codes are computed (valid check characters, GB 32100-2015 and GB 11714),
so they pass validation but belong to no real organisation.
"""

import hashlib

from django.db import transaction

from parkcarbon.common.policy import Role
from parkcarbon.parks.models import Agency, AgencyKind, Enterprise, Park, ParkLevel, Zone
from parkcarbon.parks.validators import credit_code_check_char

DEMO_PASSWORD = "ParkCarbon#2026"  # noqa: S105 - documented demo login, printed by load_demo

ORG_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(seed: str) -> str:
    """A 9-character organisation code (GB 11714) with a valid check character, derived from ``seed``."""
    body = f"{int(hashlib.sha256(seed.encode()).hexdigest(), 16) % 10**8:08d}"
    remainder = (
        11 - sum(ORG_CODE_CHARS.index(c) * w for c, w in zip(body, ORG_CODE_WEIGHTS, strict=True)) % 11
    )
    return body + {10: "X", 11: "0"}.get(remainder, str(remainder))


def credit_code(seed: str, division: str, prefix: str = "91") -> str:
    """Registration authority + type (``prefix``), 6-digit division code, organisation code, check."""
    first17 = prefix + division + org_code(seed)
    return first17 + credit_code_check_char(first17)


NANTONG, ZHENJIANG = "320600", "321100"

DEMO_PARK = {
    "code": "demo-etdz",
    "name": "示范经济技术开发区",
    "name_en": "Demo Economic-Technological Development Zone",
    "province": "江苏省",
    "city": "南通市",
    "division": "320613",  # 崇川区 (GB/T 2260)
    "level": ParkLevel.NATIONAL_ETDZ,
    "area_km2": "128.50",
    "leading_industries": "精细化工、钢铁及金属制品、新材料、电子信息、高端装备 / Fine chemicals, steel and metal "
    "products, new materials, electronics, advanced equipment",
}
DEMO_ZONES = [
    (
        "chem",
        "化工新材料园",
        "Chemical and New Materials Zone",
        "沿江布局的化工及新材料产业片区，配套集中供热与危化品仓储。",
    ),
    (
        "mfg",
        "先进制造园",
        "Advanced Manufacturing Zone",
        "冶金、建材、电子信息、装备制造和食品纺织产业片区。",
    ),
]
# (zone code or None, name, English name, GB/T 4754-2017 code, key emitting unit)
DEMO_ENTERPRISES = [
    ("chem", "江苏示范石化有限公司", "Jiangsu Demo Petrochemical Co., Ltd.", "2614", True),
    ("chem", "南通瑞丰化工有限公司", "Nantong Ruifeng Chemical Co., Ltd.", "2651", True),
    ("chem", "示范氮肥股份有限公司", "Demo Nitrogen Fertilizer Co., Ltd.", "2621", True),
    ("chem", "江苏恒信硫酸有限公司", "Jiangsu Hengxin Sulfuric Acid Co., Ltd.", "2611", False),
    ("chem", "南通华康药业有限公司", "Nantong Huakang Pharmaceutical Co., Ltd.", "2710", False),
    ("chem", "示范热电有限公司", "Demo Thermal Power Co., Ltd.", "4412", True),
    ("chem", "园区集中供热有限公司", "Park Central Heating Co., Ltd.", "4430", True),
    (
        "chem",
        "江苏安达危化品仓储有限公司",
        "Jiangsu Anda Hazardous Chemicals Storage Co., Ltd.",
        "5942",
        False,
    ),
    ("chem", "南通宏达塑业有限公司", "Nantong Hongda Plastics Co., Ltd.", "2922", False),
    ("mfg", "江苏示范钢铁集团有限公司", "Jiangsu Demo Iron and Steel Group Co., Ltd.", "3120", True),
    ("mfg", "南通精轧钢材有限公司", "Nantong Precision Steel Rolling Co., Ltd.", "3130", False),
    ("mfg", "示范建材水泥有限公司", "Demo Building Materials Cement Co., Ltd.", "3011", True),
    ("mfg", "江苏晶透特种玻璃有限公司", "Jiangsu Jingtou Special Glass Co., Ltd.", "3042", True),
    ("mfg", "南通新材铝业有限公司", "Nantong Xincai Aluminium Co., Ltd.", "3216", True),
    ("mfg", "江苏轻合金压延有限公司", "Jiangsu Light Alloy Rolling Co., Ltd.", "3252", False),
    ("mfg", "示范微电子有限公司", "Demo Microelectronics Co., Ltd.", "3973", False),
    ("mfg", "南通鑫电路科技有限公司", "Nantong Xin Circuit Technology Co., Ltd.", "3982", False),
    ("mfg", "江苏智能流体装备有限公司", "Jiangsu Intelligent Fluid Equipment Co., Ltd.", "3441", False),
    ("mfg", "南通恒远轴承有限公司", "Nantong Hengyuan Bearing Co., Ltd.", "3451", False),
    ("mfg", "示范新能源电池有限公司", "Demo New Energy Battery Co., Ltd.", "3841", False),
    ("mfg", "江苏金禾米业有限公司", "Jiangsu Jinhe Rice Co., Ltd.", "1311", False),
    ("mfg", "南通鲜源乳业有限公司", "Nantong Xianyuan Dairy Co., Ltd.", "1441", False),
    ("mfg", "示范粮油食品有限公司", "Demo Grain and Oil Foods Co., Ltd.", "1331", False),
    ("mfg", "江苏锦华印染有限公司", "Jiangsu Jinhua Printing and Dyeing Co., Ltd.", "1713", True),
    ("mfg", "南通瑞棉纺织有限公司", "Nantong Ruimian Cotton Spinning Co., Ltd.", "1711", False),
    ("mfg", "示范纸业有限公司", "Demo Paper Co., Ltd.", "2221", True),
    (None, "示范光伏电力有限公司", "Demo Solar Power Co., Ltd.", "4416", False),
    (None, "示范物流有限公司", "Demo Logistics Co., Ltd.", "5431", False),
    (None, "江苏港通仓储有限公司", "Jiangsu Gangtong Warehousing Co., Ltd.", "5920", False),
    # Added last, so the earlier enterprises keep their contacts: an industrial-gas company reforming natural gas to
    # hydrogen for the chemical zone and fuel-cell trucks, and the park's natural gas distribution company; both
    # report under the IPCC 2019 Refinement (inventory/demo.py METHODOLOGY).
    ("chem", "南通示范氢能科技有限公司", "Nantong Demo Hydrogen Technology Co., Ltd.", "2619", False),
    (None, "示范燃气有限公司", "Demo Gas Co., Ltd.", "4511", False),
]
OTHER_PARK = {
    "code": "binjiang-htz",
    "name": "滨江高新技术产业开发区",
    "name_en": "Binjiang High-tech Industrial Development Zone",
    "province": "江苏省",
    "city": "镇江市",
    "division": "321102",  # 京口区 (GB/T 2260)
    "level": ParkLevel.PROVINCIAL_HTZ,
    "area_km2": "36.20",
    "leading_industries": "光电显示、汽车零部件 / Optoelectronic displays, automobile parts",
}
OTHER_ENTERPRISES = [
    ("滨江光电显示有限公司", "Binjiang Optoelectronic Display Co., Ltd.", "3974", True),
    ("滨江汽车零部件有限公司", "Binjiang Auto Parts Co., Ltd.", "3670", False),
    ("滨江锅炉有限公司", "Binjiang Boiler Co., Ltd.", "3411", False),
]
CONTACTS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴刚"]


def _upsert(model, defaults: dict, **lookup):
    """update_or_create that saves only on a real change, so a re-run adds no history rows."""
    obj, created = model.objects.get_or_create(**lookup, defaults=defaults)
    changed = [k for k, v in defaults.items() if str(getattr(obj, k)) != str(v)]
    if not created and changed:
        for k in changed:
            setattr(obj, k, defaults[k])
        obj.save()
    return obj


def _park(data: dict) -> Park:
    return _upsert(Park, data, code=data["code"])


def _enterprise(park, zone, name, name_en, industry, key, division, n) -> Enterprise:
    code = credit_code(name, division)
    return _upsert(
        Enterprise,
        {
            "park": park,
            "zone": zone,
            "name": name,
            "name_en": name_en,
            "industry_code": industry,
            "is_key_emitter": key,
            "contact_person": CONTACTS[n % len(CONTACTS)],
            "contact_phone": f"0513-8{5550000 + n * 137:07d}",
            "contact_email": f"carbon{n:02d}@example.com",
        },
        credit_code=code,
    )


def _agency(kind, name, name_en, code, parks) -> Agency:
    agency = _upsert(Agency, {"kind": kind, "name": name, "name_en": name_en}, credit_code=code)
    missing = [p for p in parks if not agency.parks.filter(pk=p.pk).exists()]
    if missing:  # add() records a history row even when nothing changes
        agency.parks.add(*missing)
    return agency


def _user(username, full_name, role, **target):
    from parkcarbon.accounts.models import Membership, User

    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": full_name, "email": f"{username}@example.com"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
    # Demo users share a published password: none is a Django superuser or staff (the platform administrator works
    # through its platform_admin role). Refreshing an older demo takes those flags away again.
    if created or user.is_superuser or user.is_staff:
        user.is_staff = user.is_superuser = False
        user.save()
    Membership.objects.get_or_create(user=user, role=role, **target)
    return user


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create or update the demo data; returns (username, role label, scope) for the printed summary."""
    park = _park(DEMO_PARK)
    zones = {}
    for code, name, name_en, description in DEMO_ZONES:
        zones[code] = _upsert(
            Zone, {"name": name, "name_en": name_en, "description": description}, park=park, code=code
        )
    enterprises = [
        _enterprise(park, zones.get(z), name, name_en, industry, key, NANTONG, n)
        for n, (z, name, name_en, industry, key) in enumerate(DEMO_ENTERPRISES)
    ]
    other = _park(OTHER_PARK)
    for n, (name, name_en, industry, key) in enumerate(OTHER_ENTERPRISES):
        _enterprise(other, None, name, name_en, industry, key, ZHENJIANG, 50 + n)
    verifier = _agency(
        AgencyKind.VERIFIER,
        "江苏示范碳核查技术服务有限公司",
        "Jiangsu Demo Carbon Verification Services Co., Ltd.",
        credit_code("verifier", "320100"),
        [park],
    )
    authority = _agency(
        AgencyKind.AUTHORITY,
        "南通市生态环境局（示范）",
        "Nantong Ecology and Environment Bureau (demo)",
        credit_code("authority", NANTONG, prefix="11"),
        [park],
    )
    steel = enterprises[9]
    users = [
        _user("platform_admin", "平台管理员", Role.PLATFORM_ADMIN),
        _user("park_admin", "园区管理员", Role.PARK_ADMIN, park=park),
        _user("park_viewer", "园区查看员", Role.PARK_VIEWER, park=park),
        _user("ent_reporter", "企业填报员", Role.ENTERPRISE_REPORTER, park=park, enterprise=steel),
        _user("ent_manager", "企业管理员", Role.ENTERPRISE_MANAGER, park=park, enterprise=steel),
        _user("verifier", "核查员", Role.VERIFIER, park=park, agency=verifier),
        _user("authority", "主管部门", Role.AUTHORITY_VIEWER, park=park, agency=authority),
        _user("other_park_admin", "滨江园区管理员", Role.PARK_ADMIN, park=other),
    ]
    return [
        (u.username, ", ".join(m.get_role_display() for m in u.memberships.all()), _scope(u)) for u in users
    ]


def _scope(user) -> str:
    m = user.memberships.first()
    return str(m.enterprise or m.agency or m.park or "*")
