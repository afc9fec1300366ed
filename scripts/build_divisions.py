"""Rebuild src/parkcarbon/parks/data/divisions_gbt2260.csv from the Ministry of Civil Affairs code list.

Input: the year's list as "code name" lines (yescallop/areacodes data/<year>.txt, a CC0 transcription of
民政部《中华人民共和国县级以上行政区划代码》). English names of cities and counties are Hanyu Pinyin made with
pypinyin (needed only here, not at run time) plus an English rendering of the unit's type; provinces take the
engine's region names. Usage: python scripts/build_divisions.py 2024.txt > .../divisions_gbt2260.csv
"""

import csv
import sys

from pypinyin import lazy_pinyin

# Longest suffix first: the unit type's English rendering (GB/T 17693.1-2008 practice: pinyin + generic term).
SUFFIXES = [
    ("特别行政区", "Special Administrative Region"), ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"), ("自治旗", "Autonomous Banner"), ("自治区", "Autonomous Region"),
    ("地区", "Prefecture"), ("林区", "Forestry District"), ("特区", "Special District"), ("盟", "League"),
    ("旗", "Banner"), ("省", "Province"), ("市", "City"), ("区", "District"), ("县", "County"),
]
PROVINCES_EN = {  # the engine's region names (engine/data/regions.csv) plus the three without a grid row
    "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
}


def english(name: str) -> str:
    # Pinyin of the whole name (pypinyin's phrase table reads 朝阳区 as chao yang), then the stem's syllables.
    syllables = lazy_pinyin(name)
    for zh, en in SUFFIXES:
        if name.endswith(zh) and len(name) > len(zh):
            return f"{''.join(syllables[: -len(zh)]).capitalize()} {en}"
    return "".join(syllables).capitalize()


def main(path: str) -> None:
    regions = {}
    with open("src/parkcarbon/engine/data/regions.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(line for line in fh if not line.startswith("#")):
            if row.get("gb2260"):
                regions[row["gb2260"]] = row["name_en"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name_zh", "name_en"])
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        code, name = line.split(maxsplit=1)
        name = name.strip()
        if code.endswith("0000"):
            name_en = regions.get(code[:2]) or PROVINCES_EN[code[:2]]
        else:
            name_en = english(name)
        out.writerow([code, name, name_en])


if __name__ == "__main__":
    main(sys.argv[1])
