"""`parkcarbon calc` and `parkcarbon template`: the engine on files, without Django.

    parkcarbon calc INPUT --year 2023 --region CN-JS [--gwp AR5] [--grid-basis reporting]
                          [--format json|table|xlsx] [--output FILE]
    parkcarbon template OUTPUT.xlsx

INPUT is the standard Excel template, or a JSON (a list of rows, or {"rows": [...]}) / CSV of the same fields.
Exit status 2 and one line per problem (sheet, row, column, message) when the input cannot be computed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import pandas as pd

from parkcarbon.engine.calculate import DEFAULT_GWP, GRID_BASES, GWP_SETS, Options, calculate
from parkcarbon.engine.errors import EngineError, InputError, Problem
from parkcarbon.engine.template import column_title, neutralise, read_workbook, write_template
from parkcarbon.engine.values import capped, compute_checked

JSON_NOT_ROWS = ("a JSON file must hold a list of rows (objects) or {\"rows\": [...]}",
                 "JSON文件应为行（对象）的列表，或 {\"rows\": [...]}")


def read_input(path: Path, problems: list | None = None) -> pd.DataFrame:
    """Rows of a template, JSON or CSV file; the template's structural problems go to ``problems`` when given."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_workbook(path, problems=problems)
    if suffix == ".json":
        data = json.loads(path.read_text("utf-8"))
        rows = data.get("rows") if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise InputError([Problem("-", "file", JSON_NOT_ROWS[0], message_zh=JSON_NOT_ROWS[1])])
        return pd.DataFrame(rows)
    if suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    raise InputError([])


def _language() -> str:
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    return "zh" if env.lower().startswith("zh") else "en"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="parkcarbon calc", description="Compute GHG emissions of activity data.")
    p.add_argument("input", type=Path, help="standard template (.xlsx), or .json / .csv rows")
    p.add_argument("--year", type=int, required=True, help="reporting year")
    p.add_argument("--region", required=True, help="province or region code, e.g. CN-JS")
    p.add_argument("--gwp", default=DEFAULT_GWP, choices=GWP_SETS)
    p.add_argument("--grid-basis", default="reporting", choices=GRID_BASES)
    p.add_argument("--format", default="table", choices=("json", "table", "xlsx"))
    p.add_argument("--output", type=Path, help="file to write (required for xlsx)")
    p.add_argument("--language", choices=("en", "zh"), default=_language(),
                   help="language of problem messages (default from LANG: zh_CN.UTF-8 gives zh)")
    return p


def main(argv: list[str]) -> int:
    if argv and argv[0] == "template":
        if len(argv) != 2:
            print("usage: parkcarbon template OUTPUT.xlsx", file=sys.stderr)
            return 2
        write_template(argv[1])
        print(f"wrote {argv[1]}")
        return 0
    args = _parser().parse_args(argv)
    if args.format == "xlsx" and not args.output:
        print("--format xlsx needs --output FILE", file=sys.stderr)
        return 2
    try:
        if args.input.suffix.lower() not in (".xlsx", ".json", ".csv"):
            print(f"{args.input}: use the standard .xlsx template, or a .json / .csv file", file=sys.stderr)
            return 2
        structure: list[Problem] = []
        rows = read_input(args.input, structure)
        options = Options(year=args.year, region=args.region, gwp=args.gwp, grid_basis=args.grid_basis)
        result = compute_checked(rows, lambda checked: calculate(checked, options), structure)
    except InputError as exc:
        for problem in capped(exc.problems):
            sheet = f"sheet {problem.sheet!r}, " if problem.sheet else ""
            print(f"{sheet}row {problem.row}, column {column_title(problem)}: {problem.text(args.language)}",
                  file=sys.stderr)
        return 2
    except (EngineError, OSError, ValueError, TypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _write(result, args)


def _write(result, args) -> int:
    if args.format == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=1, default=str)
        args.output.write_text(text, "utf-8") if args.output else print(text)
    elif args.format == "table":
        pd.set_option("display.width", 160)
        text = "\n".join([
            f"Year {result.year}  region {result.region}  GWP {result.gwp_set}  grid basis {result.grid_basis}",
            "", "By section (t)", result.totals("section").round(3).to_string(),
            "", "By gas", result.by_gas().round(3).to_string(index=False),
            "", f"Total CO2e (location-based): {result.total_co2e:,.3f} t",
            f"Total CO2e (market-based):   {result.lines['co2e_market'].sum():,.3f} t",
        ])
        args.output.write_text(text, "utf-8") if args.output else print(text)
    else:
        with pd.ExcelWriter(args.output, engine="openpyxl") as xl:
            for name, frame in (("lines", result.lines), ("by_section", result.totals("section").reset_index()),
                                ("by_gas", result.by_gas()), ("factors", result.factors_used)):
                safe = frame.astype(object).map(neutralise) if len(frame) else frame
                safe.to_excel(xl, sheet_name=name, index=False)
        print(f"wrote {args.output}")
    return 0
