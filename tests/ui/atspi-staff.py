#!/usr/bin/python3
# atspi-staff.py: a coordinator takes an inquiry down on the staff desk (代理入力) through the
# accessibility tree: the logo held, the PIN, New inquiry, the channel and who types, the
# kiosk's pages, Send, the number, Finish, and the day's list showing the row as staff-entered.
# Run inside dbus-run-session. SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the inquiry number as its last line. --pin is the staff PIN already set in --db;
--channel is the channel button's label; --shots DIR photographs the entry's pages."""

import argparse
import importlib.util
import os
import re
import subprocess
import time

import pyatspi

spec = importlib.util.spec_from_file_location(
    "atspi_walk", os.path.join(os.path.dirname(os.path.abspath(__file__)), "atspi-walk.py"))
walk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(walk)
fail = walk.fail
EN = walk.EN

CENTER = "Civic Collaboration Center"
QR = "I'll check later with the QR code (no contact details)"
CHANNELS = {"phone": "By telephone", "counter": "At the counter", "email": "By e-mail"}


def hold_logo(kiosk):
    """Holds the logo (left of the center's name; it has no accessible node) for 3.5 s."""
    name = kiosk.find(CENTER)
    box = name.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x, y = box.x - 16 - 28, box.y + box.height // 2
    pyatspi.Registry.generateMouseEvent(x, y, "b1p")
    time.sleep(3.5)
    pyatspi.Registry.generateMouseEvent(x, y, "b1r")


def text_anywhere(kiosk, wanted):
    """A node whose name or text is wanted, waiting for it to show."""
    deadline = time.monotonic() + walk.TIMEOUT
    while True:
        for node in kiosk.nodes():
            try:
                text = node.name
                if not text and node.getRole() == pyatspi.ROLE_LABEL:
                    text = kiosk.text_of(node)
            except Exception:
                continue
            if text and wanted(text):
                return text
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def shoot(kiosk, step):
    if kiosk.shots:
        time.sleep(0.6)
        subprocess.run(["import", "-window", "root",
                        os.path.join(kiosk.shots, "%sstaff-%s.png" % (kiosk.shot_prefix, step))],
                       check=True)


def take_down(kiosk, args):
    kiosk.heading(EN["welcome"])
    hold_logo(kiosk)
    kiosk.find("Staff PIN")
    for digit in args.pin:
        kiosk.press(digit, pyatspi.ROLE_PUSH_BUTTON)
    kiosk.press("Enter", pyatspi.ROLE_PUSH_BUTTON)
    kiosk.find("Staff desk")

    kiosk.press("New inquiry")
    channel = CHANNELS[args.channel]
    kiosk.press(channel)
    if not kiosk.pressed(channel):
        fail("“%s” does not announce itself chosen" % channel)
    kiosk.type_into("Entered by", args.entered_by)

    kiosk.heading(EN["purpose"])
    shoot(kiosk, "purpose")
    kiosk.press(EN["partners"])
    kiosk.heading(EN["themes"])
    kiosk.press(EN["children"])
    kiosk.press(EN["next"])
    kiosk.heading(EN["who"])
    kiosk.press(EN["npo"])
    kiosk.heading(EN["stage"])
    kiosk.press(EN["idea"])
    kiosk.heading(EN["details"])
    kiosk.type_into(EN["details"], args.details)
    shoot(kiosk, "details")
    kiosk.press(EN["next"])
    kiosk.heading(EN["followup"])
    kiosk.press(QR)
    kiosk.heading(EN["review"])
    shoot(kiosk, "review")
    kiosk.press(EN["send"])

    kiosk.heading(EN["done"])
    number = text_anywhere(kiosk, lambda t: re.fullmatch(r"\d{6}-\d{3}", t) is not None)
    if number is None:
        fail("the done page shows no number")
    if args.channel == "phone" and text_anywhere(
            kiosk, lambda t: t.startswith("Read the number out to the caller: " + number)) is None:
        fail("the done page does not say to read the number out")
    shoot(kiosk, "done")
    kiosk.press(EN["finish"])

    # Back on the day's list: the new row says how it came in and who typed it.
    marked = "%s · %s" % (channel, args.entered_by)
    if text_anywhere(kiosk, lambda t: t == marked) is None:
        fail("the day's list shows no row marked “%s”" % marked)
    shoot(kiosk, "list")
    return number


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--pin", required=True)
    parser.add_argument("--channel", default="phone", choices=sorted(CHANNELS))
    parser.add_argument("--entered-by", default="Sato")
    parser.add_argument("--details", default="Called about a children's cafeteria.")
    parser.add_argument("--windowed", action="store_true")
    parser.add_argument("--shots")
    parser.add_argument("--shot-prefix", default="")
    args = parser.parse_args()
    args.language = "en"
    args.walk_in = "en"
    args.view = None

    kiosk = walk.Kiosk(args)
    try:
        number = take_down(kiosk, args)
    finally:
        kiosk.close()
    print(number)


if __name__ == "__main__":
    main()
