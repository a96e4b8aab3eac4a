#!/usr/bin/python3
# read-csv.py: reads a CSV with Python's csv module, as a spreadsheet import would, and prints
# each record as one line of hex-encoded UTF-8 cells, so the C test compares exact strings.
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import sys

with open(sys.argv[1], "rb") as raw:
    if not raw.read(3) == b"\xef\xbb\xbf":
        sys.exit("no UTF-8 byte order mark")
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    for record in csv.reader(f, strict=True):
        print(" ".join(cell.encode("utf-8").hex() or "-" for cell in record))
