#!/usr/bin/env python3
"""Opens the report template of `bangtin new report --xlsx` with the PyPI `openpyxl` package, as
another program than bangtin would, and checks or fills it as an officer's script would.

    python3 tests/sheet_check.py check FILE.xlsx
        The header row is frozen with the unit column; every figure cell of the units and the
        whole locality takes whole numbers of 0 or more; the total row holds =SUM formulas of
        the unit rows, saved with the values they compute to. Prints one line per total.

    python3 tests/sheet_check.py fill FILE.xlsx ADD
        Adds ADD to every count of every unit (a week's progress), marks every milestone of the
        whole locality done, and saves the workbook as openpyxl does: formulas without values.

Exit status 0 when everything holds, 1 with every failure listed, 2 when openpyxl is missing
(scripts/test installs it).
"""

import re
import sys

try:
    import openpyxl
except ImportError as e:  # pragma: no cover - the point is the message
    print(f"sheet_check: cannot import {e.name}: run `bash scripts/test`, which installs openpyxl "
          "into a virtual environment, or `pip install openpyxl`", file=sys.stderr)
    sys.exit(2)


def layout(ws):
    """The header row, the unit rows, the whole locality's row and the total row (1-based)."""
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
    units, ward, total = [], None, None
    for r in range(header + 1, ws.max_row + 1):
        label = ws.cell(r, 2).value
        if label is None:
            break
        if label == "Tổng cộng":
            total = r
        elif str(label).startswith("Toàn "):
            ward = r
        else:
            units.append(r)
    return header, units, ward, total


def check(path):
    failures = []
    book = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    ws, wv = book.worksheets[0], values.worksheets[0]
    header, units, ward, total = layout(ws)
    if ws.freeze_panes != f"C{header + 1}":
        failures.append(f"frozen at {ws.freeze_panes}, not C{header + 1}")
    last = ward or units[-1]
    validated = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "whole" or dv.operator != "greaterThanOrEqual" or dv.formula1 != "0":
            failures.append(f"validation {dv.type} {dv.operator} {dv.formula1} on {dv.sqref}")
        for rng in str(dv.sqref).split():
            validated[rng] = dv.error
    sums = 0
    for c in range(3, ws.max_column + 1):
        formula = ws.cell(total, c).value
        if formula is None:
            continue
        col = openpyxl.utils.get_column_letter(c)
        want = f"=SUM({col}{units[0]}:{col}{units[-1]})"
        if formula != want:
            failures.append(f"{col}{total}: {formula!r}, not {want}")
        cached = wv.cell(total, c).value
        summed = sum(wv.cell(r, c).value or 0 for r in units)
        if cached != summed:
            failures.append(f"{col}{total}: saved value {cached!r}, the units add up to {summed}")
        if f"{col}{units[0]}:{col}{last}" not in validated:
            failures.append(f"column {col} has no whole-number validation on {col}{units[0]}:{col}{last}")
        sums += 1
        print(f"{col}{total} {formula} {cached}")
    if sums == 0:
        failures.append("no total formula")
    if failures:
        print("\n".join(failures), file=sys.stderr)
        sys.exit(1)


def fill(path, add):
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header, units, ward, total = layout(ws)
    for r in units:
        for c in range(3, ws.max_column + 1):
            v = ws.cell(r, c).value
            if isinstance(v, int) and not re.search(r"\(tổng số\)$", ws.cell(header, c).value or ""):
                ws.cell(r, c).value = v + add
    if ward:
        for c in range(3, ws.max_column + 1):
            if ws.cell(ward, c).value == "chưa xong":
                ws.cell(ward, c).value = "x"
    book.save(path)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "check":
        check(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "fill":
        fill(sys.argv[2], int(sys.argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
