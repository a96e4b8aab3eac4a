#!/usr/bin/python3
# Fails when a translation breaks a line its English does not: a fixed break is right at one
# width only, and the labels and the slip break Japanese lines by phrase (app/core/mdg-phrases.c).
# One pass over each catalog: msgexec started a shell per message and took 20 s on a busy machine.
# SPDX-License-Identifier: GPL-3.0-or-later
import ast
import os
import sys


def entries(path):
    """(msgid, [msgstr, ...]) for each message of a po file, strings unescaped."""
    entry, key = {}, None
    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.strip()
            if not line or line.startswith("#"):
                if entry:
                    yield entry
                entry, key = {}, None
                continue
            if line.startswith('"'):
                entry[key] += ast.literal_eval(line)
                continue
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    if entry:
        yield entry


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    status = 0
    for name in ("ja.po", "ja@easy.po"):
        for entry in entries(os.path.join(top, "po", name)):
            msgid = entry.get("msgid", "")
            if not msgid or "\n" in msgid:
                continue
            if any("\n" in value for key, value in entry.items() if key.startswith("msgstr")):
                print("%s: a line break the English lacks in the translation of: %s" % (name, msgid),
                      file=sys.stderr)
                status = 1
    if status == 0:
        print("no translation breaks a line its English does not")
    return status


if __name__ == "__main__":
    sys.exit(main())
