#!/usr/bin/python3
# atspi-walk.py: walks the kiosk from welcome to done through the accessibility tree (AT-SPI),
# as a screen-reader user would, and prints the inquiry number. Run it inside dbus-run-session.
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the kiosk with accessibility on, finds every control by its visible label, taps
buttons through their Action interface and types through EditableText.

Usage: dbus-run-session -- /usr/bin/python3 atspi-walk.py --kiosk PATH --db PATH
           [--purpose offer|propose|...] [--walk-in en|ja-easy] [--view large|contrast]
           [--shots DIR] [--done-shot PNG] [--phone-only] [--ask-restart]
With --shots, every page is photographed (import -window root): in Japanese and English when
walking in English, else in the walk's language and view. --view turns the header's toggle on at
the welcome page (checking that it announces itself pressed) and checks that the next visitor
starts without it. --done-shot photographs the done page, for its QR code. --phone-only gives
a phone number alone on the contact page; --ask-restart taps Start over on the review page,
checks that it asks first, and goes on with Continue."""

import argparse
import os
import re
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402
from gi.repository import Atspi  # noqa: E402

TIMEOUT = 20.0

# The English labels of the default flow, keyed the way the walk uses them.
EN = {
    "start": "Start", "next": "Next", "send": "Send", "finish": "Finish",
    "purpose": "What would you like to do for your town?",
    "offer": "Offer space, skills or funds",
    "propose": "Propose a joint project with the city",
    "partners": "Find partners to work with",
    "themes": "Which areas interest you? (up to 3)",
    "children": "Children & parenting", "town": "Town planning & housing",
    "culture": "Culture, arts & sports",
    "who": "Tell us about yourself", "npo": "An NPO or civic group",
    "offer_step": "What can you offer?", "space": "Space or a venue",
    "skills": "Professional skills",
    "forms": "Which form of collaboration interests you?",
    "cohost": "Co-hosting (plan and run it together)",
    "stage": "Where are you now?", "idea": "Just an idea",
    "details": "If you like, tell us more (optional)",
    "followup": "How should we follow up?", "contact": "Please contact me",
    "contact_step": "Your contact details",
    "consent": "I agree to the use of my contact details",
    "name": "Name", "phone": "Phone", "email": "E-mail",
    "review": "Check your answers", "done": "Your number",
    "welcome": "Would you like to do something for your town?",
    "restart": "Start over", "ask": "Start over? Your answers will be erased.",
    "continue": "Continue",
}

# The same labels in やさしい日本語 (po/ja@easy.po).
EASY = {
    "start": "はじめる", "next": "つぎへ", "send": "おくる", "finish": "おわる",
    "purpose": "まちの ために なにを したいですか？",
    "offer": "ばしょ・わざ・お金を 出したい",
    "propose": "市と いっしょに する ことを ていあん したい",
    "partners": "いっしょに する なかまを さがしたい",
    "themes": "どんな ことに きょうみが ありますか？（3つまで）",
    "children": "子ども・子そだて", "town": "まちづくり・すまい",
    "culture": "ぶんか・げいじゅつ・スポーツ",
    "who": "あなたの ことを おしえて ください", "npo": "NPO・しみんの グループ",
    "offer_step": "なにを 出せますか？", "space": "ばしょ・へや",
    "skills": "しごとの わざ・ちしき",
    "forms": "市と どんな かたちで いっしょに したいですか？",
    "cohost": "きょうさい（いっしょに 考えて、いっしょに する）",
    "stage": "今 どこまで すすんで いますか？", "idea": "考えて いる だけ",
    "details": "もっと 話したい ことが あれば、書いて ください（書かなくても いいです）",
    "followup": "この あと、どう しますか？", "contact": "コーディネーターから れんらくが ほしい",
    "contact_step": "あなたの れんらくさき",
    "consent": "れんらくさきを つかっても いいです",
    "name": "名前", "phone": "電話", "email": "メール",
    "review": "こたえを たしかめて ください", "done": "あなたの ばんごう",
    "welcome": "まちの ために なにか して みませんか？",
    "large": "字を 大きく", "contrast": "色を はっきり",
    "restart": "はじめから", "ask": "はじめから やりなおしますか？ こたえは ぜんぶ きえます",
    "continue": "つづける",
}
EN["large"] = "Larger text"
EN["contrast"] = "High contrast"
LABELS = {"en": EN, "ja-easy": EASY}
# Each language's button in the header, named in its own words.
BUTTONS = {"ja": "日本語", "ja-easy": "やさしい にほんご", "en": "English"}

DETAILS = "子ども食堂を月に一度開きたい。Looking for a kitchen."


def fail(message):
    print("atspi-walk: " + message, file=sys.stderr)
    sys.exit(1)


def walk_tree(node, found):
    try:
        count = node.childCount
    except Exception:
        return
    for i in range(count):
        try:
            child = node.getChildAtIndex(i)
        except Exception:
            continue
        if child is None:
            continue
        found.append(child)
        walk_tree(child, found)


def showing(node):
    # GTK 4.8 marks only the window SHOWING; hidden widgets leave the tree, so VISIBLE is enough.
    try:
        return node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


class Kiosk:
    def __init__(self, args):
        env = dict(os.environ)
        # The test environment turns accessibility off; this walk is about it being on.
        env.pop("GTK_A11Y", None)
        env.pop("NO_AT_BRIDGE", None)
        command = [args.kiosk, "--db", args.db, "--language", args.language]
        if args.windowed:
            command.append("--windowed")
        self.process = subprocess.Popen(command, env=env)
        self.app = None
        self.shots = args.shots
        self.shot_prefix = args.shot_prefix
        self.walk_in = args.walk_in
        self.view = args.view
        self.phone_only = getattr(args, "phone_only", False)
        self.ask_restart = getattr(args, "ask_restart", False)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and self.app is None:
            desktop = pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                try:
                    if app is not None and app.get_process_id() == self.process.pid:
                        self.app = app
                except Exception:
                    pass
            if self.process.poll() is not None:
                fail("the kiosk exited with %d before it showed" % self.process.returncode)
            time.sleep(0.2)
        if self.app is None:
            fail("the kiosk never appeared on the accessibility bus")

    def nodes(self):
        found = []
        Atspi.Accessible.clear_cache(self.app)
        walk_tree(self.app, found)
        return [n for n in found if showing(n)]

    def find(self, name, role=None):
        deadline = time.monotonic() + TIMEOUT
        while True:
            for node in self.nodes():
                try:
                    if node.name == name and (role is None or node.getRole() == role):
                        return node
                except Exception:
                    continue
            if time.monotonic() >= deadline:
                fail("nothing named “%s” is showing" % name)
            time.sleep(0.1)

    def heading(self, text):
        # A page is there once its question shows as a heading.
        return self.find(text, pyatspi.ROLE_HEADING)

    def press(self, name, role=None):
        node = self.find(name, role)
        try:
            action = node.queryAction()
        except NotImplementedError:
            action = None
        if action is not None and action.nActions > 0:
            # A button may be greyed out for a moment (Finish, just after Send): wait for it.
            deadline = time.monotonic() + TIMEOUT
            while not action.doAction(0):
                if time.monotonic() >= deadline:
                    fail("“%s” cannot be pressed" % name)
                time.sleep(0.2)
                action = self.find(name, role).queryAction()
        else:
            # GTK 4.8 gives check buttons no Action: touch them where they are drawn, as a
            # visitor would (the kiosk's window sits at the screen's origin). Another page of a
            # stack (the desk's organisations form) may hold a box of the same name, undrawn.
            node = self.drawn(name, role) or node
            box = self.scroll_into_view(node)
            if box.width <= 0 or box.height <= 0:
                fail("“%s” has no place on the screen" % name)
            pyatspi.Registry.generateMouseEvent(box.x + box.height // 2, box.y + box.height // 2,
                                                "b1c")
        time.sleep(0.15)

    def drawn(self, name, role=None):
        """Of the nodes called name, one that has a place on the screen, or None."""
        for node in self.nodes():
            try:
                if node.name != name or (role is not None and node.getRole() != role):
                    continue
                box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
                if box.width > 0 and box.height > 0:
                    return node
            except Exception:
                continue
        return None

    def scroll_into_view(self, node):
        """A box low on the page (large text on a small screen) may sit under the navigation
        bar: scroll the page with the wheel, as a finger would swipe, until it is well up."""
        frame = self.app.getChildAtIndex(0).queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        for _ in range(20):
            if box.y + box.height <= frame.height * 0.7:
                break
            pyatspi.Registry.generateMouseEvent(frame.width // 2, frame.height // 2, "b5c")
            time.sleep(0.2)
            box = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return box

    def tick(self, name):
        """Ticks a check box, touching it again until it shows as ticked (a touch can land while
        the page is still settling)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            self.press(name)
            # Wait for the state to arrive before touching again, or a slow update would
            # make the second touch untick it.
            if self.pressed(name):
                return
            if time.monotonic() >= deadline:
                fail("“%s” never became ticked" % name)
            time.sleep(0.3)

    def field(self, name):
        """The text field whose accessible name is name (a heading may share it)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for node in self.nodes():
                try:
                    if node.name != name:
                        continue
                    candidates = [node]
                    walk_tree(node, candidates)
                    for candidate in candidates:
                        try:
                            candidate.queryEditableText()
                            return candidate
                        except NotImplementedError:
                            continue
                except Exception:
                    continue
            if time.monotonic() >= deadline:
                fail("no text field named “%s” is showing" % name)
            time.sleep(0.1)

    def type_into(self, name, text):
        node = self.field(name)
        if not node.queryEditableText().setTextContents(text):
            fail("could not type into “%s”" % name)
        time.sleep(0.15)
        return node

    def text_of(self, node):
        text = node.queryText()
        return text.getText(0, text.characterCount)

    def pressed(self, name, expected=True):
        """Whether name announces itself pressed, waiting a moment for it to become expected."""
        deadline = time.monotonic() + 3.0
        while True:
            state = self.find(name).getState()
            now = state.contains(pyatspi.STATE_PRESSED) or state.contains(pyatspi.STATE_CHECKED)
            if now == expected or time.monotonic() >= deadline:
                return now
            time.sleep(0.1)

    def shoot(self, step):
        if not self.shots:
            return
        if self.walk_in != "en":
            time.sleep(0.6)
            view = "-" + self.view if self.view else ""
            path = os.path.join(self.shots, "%s%s-%s%s.png" % (self.shot_prefix, step,
                                                              self.walk_in, view))
            subprocess.run(["import", "-window", "root", path], check=True)
            return
        # Each page in both languages; the walk goes on in English.
        for lang, label in (("ja", "日本語"), ("en", "English")):
            self.press(label)
            time.sleep(0.6)
            path = os.path.join(self.shots, "%s%s-%s.png" % (self.shot_prefix, step, lang))
            subprocess.run(["import", "-window", "root", path], check=True)

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ask_restart(kiosk, label):
    """Start over on the review page asks first; Continue keeps the visit as it was."""
    kiosk.press(label["restart"])
    kiosk.heading(label["ask"])
    kiosk.press(label["continue"], pyatspi.ROLE_PUSH_BUTTON)
    deadline = time.monotonic() + TIMEOUT
    while any(n.name == label["ask"] for n in kiosk.nodes()):
        if time.monotonic() >= deadline:
            fail("the Start over question stayed after Continue")
        time.sleep(0.1)
    kiosk.heading(label["review"])


def walk(kiosk, purpose, done_shot):
    label = LABELS[kiosk.walk_in]
    kiosk.press(BUTTONS[kiosk.walk_in])
    kiosk.heading(label["welcome"])
    if kiosk.view:
        toggle = label[kiosk.view]
        if kiosk.pressed(toggle, False):
            fail("“%s” is on before anyone pressed it" % toggle)
        kiosk.press(toggle)
        if not kiosk.pressed(toggle):
            fail("“%s” does not announce itself pressed" % toggle)
    kiosk.shoot("welcome")
    kiosk.press(label["start"])

    kiosk.heading(label["purpose"])
    kiosk.shoot("purpose")
    kiosk.press(label[purpose])

    kiosk.heading(label["themes"])
    kiosk.press(label["children"])
    kiosk.press(label["town"])
    kiosk.press(label["culture"])
    kiosk.shoot("themes")
    kiosk.press(label["next"])

    kiosk.heading(label["who"])
    kiosk.shoot("who")
    kiosk.press(label["npo"])

    if purpose == "offer":
        kiosk.heading(label["offer_step"])
        kiosk.press(label["space"])
        kiosk.press(label["skills"])
        kiosk.shoot("offer")
        kiosk.press(label["next"])
    elif purpose == "propose":
        kiosk.heading(label["forms"])
        kiosk.shoot("forms")
        kiosk.press(label["cohost"])

    kiosk.heading(label["stage"])
    kiosk.shoot("stage")
    kiosk.press(label["idea"])

    kiosk.heading(label["details"])
    kiosk.type_into(label["details"], DETAILS)
    # The text must survive a switch to Japanese and back.
    kiosk.press("日本語")
    kiosk.heading("よろしければ、具体的に教えてください（任意）")
    kiosk.press(BUTTONS[kiosk.walk_in])
    node = kiosk.field(label["details"])
    if kiosk.text_of(node) != DETAILS:
        fail("the details did not survive a language switch: “%s”" % kiosk.text_of(node))
    kiosk.shoot("details")
    kiosk.press(label["next"])

    kiosk.heading(label["followup"])
    kiosk.shoot("followup")
    kiosk.press(label["contact"])

    kiosk.heading(label["contact_step"])
    kiosk.tick(label["consent"])
    kiosk.type_into(label["phone"], "045-123-4567")
    if not kiosk.phone_only:
        kiosk.type_into(label["name"], "山田 花子")
        kiosk.type_into(label["email"], "hanako@example.jp")
    kiosk.shoot("contact")
    kiosk.press(label["next"])

    kiosk.heading(label["review"])
    kiosk.shoot("review")
    if kiosk.ask_restart:
        ask_restart(kiosk, label)
    kiosk.press(label["send"])

    kiosk.heading(label["done"])
    for node in kiosk.nodes():
        try:
            name = node.name or (kiosk.text_of(node) if node.getRole() == pyatspi.ROLE_LABEL else "")
        except Exception:
            continue
        match = re.fullmatch(r"\d{6}-\d{3}", name or "")
        if match:
            kiosk.shoot("done")
            if done_shot:
                time.sleep(0.6)
                subprocess.run(["import", "-window", "root", done_shot], check=True)
            return match.group(0)
    fail("the done page shows no number")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosk", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--purpose", default="offer")
    parser.add_argument("--language", default="ja")
    parser.add_argument("--windowed", action="store_true")
    parser.add_argument("--shots")
    parser.add_argument("--shot-prefix", default="")
    parser.add_argument("--walk-in", default="en", choices=sorted(LABELS))
    parser.add_argument("--view", choices=["large", "contrast"])
    parser.add_argument("--done-shot")
    parser.add_argument("--phone-only", action="store_true")
    parser.add_argument("--ask-restart", action="store_true")
    args = parser.parse_args()

    kiosk = Kiosk(args)
    try:
        number = walk(kiosk, args.purpose, args.done_shot)
        label = LABELS[args.walk_in]
        kiosk.press(label["finish"])
        kiosk.heading(label["welcome"])
        if args.view and kiosk.pressed(label[args.view], False):
            fail("“%s” is still on for the next visitor" % label[args.view])
    finally:
        kiosk.close()
    print(number)


if __name__ == "__main__":
    main()
