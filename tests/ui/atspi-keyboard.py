#!/usr/bin/python3
# atspi-keyboard.py: types into the kiosk with its on-screen keyboard, through the accessibility
# tree only (no key events), as a screen-reader or switch user would. Run inside dbus-run-session.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scenarios (--scenario):
  ja     Japanese: details with a conversion, then the contact page's name 山田 花子 (変換),
         its reading, phone 045-123-4567 on the pad, e-mail hanako@example.jp with a domain key;
         sends, and prints the inquiry number.
  en     English: "Jane Doe" on ABC in the name field; prints what the field holds.
  idle   Japanese: leaves a typed character, a composition and candidates, waits for the idle
         reset (the kiosk must run with short idle settings) and checks none of them is left.
With --shots DIR, photographs each layout (import -window root)."""

import argparse
import importlib.util
import os
import subprocess
import sys
import time

import pyatspi

spec = importlib.util.spec_from_file_location(
    "atspi_walk", os.path.join(os.path.dirname(os.path.abspath(__file__)), "atspi-walk.py"))
walk = importlib.util.module_from_spec(spec)
spec.loader.exec_module(walk)
fail = walk.fail

JA = {
    "start": "はじめる", "next": "次へ", "send": "送信する",
    "purpose": "まちのために、何をしたいですか？", "unsure": "まだ決まっていない・話を聞いてほしい",
    "themes": "どの分野に関心がありますか？（3つまで）", "children": "子育て・子ども",
    "who": "あなたについて教えてください", "individual": "個人",
    "stage": "今はどの段階ですか？", "idea": "アイデアの段階",
    "details": "よろしければ、具体的に教えてください（任意）",
    "followup": "この後のご連絡はどうしますか？", "contact": "コーディネーターから連絡がほしい",
    "contact_step": "ご連絡先", "consent": "連絡先の利用に同意します",
    "name": "お名前", "reading": "フリガナ", "phone": "電話番号", "email": "メールアドレス",
    "review": "内容の確認", "done": "受付番号",
    "welcome": "まちのために、何かしてみませんか？",
    "convert": "変換", "enter": "確定", "space": "空白", "delete": "削除",
}

BUTTON = pyatspi.ROLE_PUSH_BUTTON


class Keyboard(walk.Kiosk):
    def key(self, label):
        """Taps the on-screen key (or candidate) named label."""
        node = self.find_button(label)
        if not node.queryAction().doAction(0):
            fail("the key “%s” cannot be pressed" % label)
        # GTK clicks an activated button 250 ms later and ignores it meanwhile: one key at a time.
        time.sleep(0.3)

    def find_button(self, label):
        deadline = time.monotonic() + walk.TIMEOUT
        while True:
            for node in self.nodes():
                try:
                    if node.name == label and node.getRole() in (BUTTON, pyatspi.ROLE_TOGGLE_BUTTON):
                        return node
                except Exception:
                    continue
            if time.monotonic() >= deadline:
                fail("no key named “%s” is showing" % label)
            time.sleep(0.1)

    def keys(self, labels):
        for label in labels:
            self.key(label)

    def has_button(self, label):
        for node in self.nodes():
            try:
                if node.name == label and node.getRole() == BUTTON:
                    return True
            except Exception:
                continue
        return False

    def field_into_view(self, node):
        """Scrolls the page with the mouse wheel, as a visitor would with a finger, until node is
        inside its scroll pane; True once it is."""
        pane = node.parent
        while pane is not None and pane.getRole() != pyatspi.ROLE_SCROLL_PANE:
            pane = pane.parent
        if pane is None:
            return True
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        view = pane.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if box.y >= view.y and box.y + box.height <= view.y + view.height:
            return True
        pyatspi.Registry.generateMouseEvent(view.x + view.width // 2, view.y + view.height // 2,
                                            "b5c" if box.y > view.y else "b4c")
        time.sleep(0.2)
        return False

    def tap_field(self, name):
        """Touches a text field where it is drawn, as a finger would, until the keyboard is up."""
        deadline = time.monotonic() + walk.TIMEOUT
        while True:
            node = self.field(name)
            box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            if not self.field_into_view(node):
                pass
            elif box.width > 0 and box.height > 0:
                pyatspi.Registry.generateMouseEvent(box.x + min(40, box.width // 2),
                                                    box.y + box.height // 2, "b1c")
                time.sleep(0.4)
                if node.getState().contains(pyatspi.STATE_FOCUSED):
                    return node
            if time.monotonic() >= deadline:
                fail("the field “%s” never took the focus" % name)
            time.sleep(0.3)

    def expect_text(self, node, expected):
        deadline = time.monotonic() + walk.TIMEOUT
        while self.text_of(node) != expected:
            if time.monotonic() >= deadline:
                fail("the field holds “%s”, not “%s”" % (self.text_of(node), expected))
            time.sleep(0.1)

    def snap(self, name):
        if self.shots:
            time.sleep(0.5)
            subprocess.run(["import", "-window", "root",
                            os.path.join(self.shots, self.shot_prefix + name + ".png")], check=True)


def to_details(kiosk):
    label = JA
    kiosk.heading(label["welcome"])
    kiosk.press(label["start"])
    kiosk.heading(label["purpose"])
    kiosk.press(label["unsure"])
    kiosk.heading(label["themes"])
    kiosk.press(label["children"])
    kiosk.press(label["next"])
    kiosk.heading(label["who"])
    kiosk.press(label["individual"])
    kiosk.heading(label["stage"])
    kiosk.press(label["idea"])
    kiosk.heading(label["details"])


def scenario_ja(kiosk):
    label = JA
    to_details(kiosk)
    details = kiosk.tap_field(label["details"])
    kiosk.keys(["こ", "う", "え", "ん"])
    kiosk.snap("kana")
    kiosk.key(label["convert"])
    kiosk.snap("candidates")
    kiosk.key("公園")
    kiosk.keys(["て", "゛", "あ", "そ", "ふ", "゛", label["enter"], "。"])
    kiosk.expect_text(details, "公園であそぶ。")
    kiosk.press(label["next"])

    kiosk.heading(label["followup"])
    kiosk.press(label["contact"])
    kiosk.heading(label["contact_step"])
    kiosk.tick(label["consent"])
    name = kiosk.tap_field(label["name"])
    kiosk.keys(["や", "ま", "た", "゛", label["convert"], "山田", label["space"],
                "は", "な", "こ", label["convert"], "花子"])
    kiosk.expect_text(name, "山田 花子")
    kiosk.snap("name")

    reading = kiosk.tap_field(label["reading"])
    kiosk.keys(["や", "ま", "た", "゛", "カナ", label["space"], "は", "な", "こ", "カナ",
                label["enter"]])
    kiosk.expect_text(reading, "ヤマダ ハナコ")

    phone = kiosk.tap_field(label["phone"])
    kiosk.snap("pad")
    kiosk.keys(["0", "4", "5", "-", "1", "2", "3", "-", "4", "5", "6", "7"])
    kiosk.expect_text(phone, "045-123-4567")

    email = kiosk.tap_field(label["email"])
    kiosk.snap("abc-email")
    kiosk.keys(["h", "a", "n", "a", "k", "o", "@", "e", "x", "a", "m", "p", "l", "e", ".jp"])
    kiosk.expect_text(email, "hanako@example.jp")
    kiosk.key("123")
    kiosk.snap("digits")
    kiosk.press(label["next"])

    kiosk.heading(label["review"])
    kiosk.press(label["send"])
    kiosk.heading(label["done"])
    for node in kiosk.nodes():
        try:
            text = node.name or (kiosk.text_of(node) if node.getRole() == pyatspi.ROLE_LABEL else "")
        except Exception:
            continue
        if walk.re.fullmatch(r"\d{6}-\d{3}", text or ""):
            return text
    fail("the done page shows no number")


def scenario_en(kiosk):
    label = walk.EN
    kiosk.heading(label["welcome"])
    kiosk.press(label["start"])
    kiosk.heading(label["purpose"])
    kiosk.press("Not sure yet — I'd like to talk")
    kiosk.heading(label["themes"])
    kiosk.press(label["children"])
    kiosk.press(label["next"])
    kiosk.heading(label["who"])
    kiosk.press("An individual")
    kiosk.heading(label["stage"])
    kiosk.press(label["idea"])
    kiosk.heading(label["details"])
    kiosk.press(label["next"])
    kiosk.heading(label["followup"])
    kiosk.press(label["contact"])
    kiosk.heading(label["contact_step"])
    name = kiosk.tap_field(label["name"])
    kiosk.snap("abc")
    kiosk.keys(["⇧", "J", "a", "n", "e", "Space", "⇧", "D", "o", "e"])
    kiosk.expect_text(name, "Jane Doe")
    return kiosk.text_of(name)


def scenario_idle(kiosk):
    label = JA
    to_details(kiosk)
    details = kiosk.tap_field(label["details"])
    kiosk.keys(["あ", label["enter"], "こ", "う", "え", "ん", label["convert"]])
    kiosk.expect_text(details, "あ")
    kiosk.find_button("公園")
    # No touch from here on: the idle dialog comes, counts down, and the visit is wiped (the
    # kiosk runs with the shortest idle settings, 10 + 5 s).
    walk.TIMEOUT = 60.0
    kiosk.heading(label["welcome"])
    walk.TIMEOUT = 20.0
    # Candidates, and the keys themselves: the keyboard is away with no field to type into.
    leftovers = [n for n in ("公園", "こうえん", "あ", label["convert"]) if kiosk.has_button(n)]
    for node in kiosk.nodes():
        try:
            text = kiosk.text_of(node)
        except Exception:
            continue
        if "こうえん" in text or "公園" in text:
            leftovers.append("“%s” in a %s" % (text, node.getRoleName()))
    if leftovers:
        fail("left after the idle reset: %s" % ", ".join(leftovers))
    kiosk.press(label["start"])
    to_details_again = [label["unsure"], label["children"], label["next"], label["individual"],
                        label["idea"]]
    for name in to_details_again:
        kiosk.press(name)
        time.sleep(0.2)
    kiosk.heading(label["details"])
    details = kiosk.tap_field(label["details"])
    if kiosk.text_of(details) != "":
        fail("the details field holds “%s” after the reset" % kiosk.text_of(details))
    if kiosk.has_button("公園"):
        fail("a candidate survived the reset")
    return "clean"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--scenario", choices=("ja", "en", "idle"), required=True)
    parser.add_argument("--windowed", action="store_true")
    parser.add_argument("--shots")
    parser.add_argument("--shot-prefix", default="")
    args = parser.parse_args()
    args.language = "en" if args.scenario == "en" else "ja"
    args.walk_in, args.view = args.language, None  # what atspi-walk.py's Kiosk also reads

    kiosk = Keyboard(args)
    try:
        result = {"ja": scenario_ja, "en": scenario_en, "idle": scenario_idle}[args.scenario](kiosk)
    finally:
        kiosk.close()
    print(result)


if __name__ == "__main__":
    sys.exit(main())
