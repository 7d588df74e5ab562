#!/usr/bin/env python3
"""How many false alarms would a *person* raise under score_false_alarms.py?

  python3 tests/accuracy/human_false_alarms.py [--polnear DIR] [-- COMMAND ARGS...]

PolNeAR keeps, for some articles, every annotator's version in `multi/`; the
top-level `.ann` (the gold the scorers read) is one of them. This script turns
each other annotator into a linter: it flags every sentence that annotator left
mostly unannotated (fewer than half its words inside a cue, source or content),
and then counts, exactly as score_false_alarms.py does, how many of those
flags fall on text the gold annotator marked as attributed.

That is the ceiling the false-alarm target is measured against: a tool cannot
be expected to agree with the gold annotator more often than the other people
who annotated the same articles do. Sentences are split with a plain regex
(paragraph lines, then `.`/`!` followed by a capital); questions and
fragments under four words are skipped, as whosaid skips them.
Prints one line per annotator and the total. With `-- COMMAND` (e.g.
`-- target/release/whosaid check --format json --exit-zero`) it also runs
score_false_alarms.py with that command on the same articles, for a like for
like comparison. Needs ../shared/polnear; says so
and exits 0 when it is absent.
"""
import collections
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_POLNEAR = os.path.join(HERE, "..", "..", "..", "shared", "polnear")
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r".+?(?:[.!?][\"”’')]*(?=\s+[A-Z“\"‘(])|$)")
ENDS_STATEMENT = re.compile(r"[.!][\"”’')]*$")


def covered_chars(ann_path, parse_ann):
    """Character offsets inside any cue, source or content of the file."""
    chars = set()
    for relation in parse_ann(ann_path):
        for start, end in relation["cue"] + relation["source"] + relation["content"]:
            chars.update(range(start, end))
    return chars


def statement_sentences(text):
    """(start, end) character spans of the declarative sentences of `text`."""
    for line in re.finditer(r"[^\n]+", text):
        for match in SENTENCE.finditer(line.group(0)):
            raw = match.group(0)
            sentence = raw.strip()
            if len(sentence.split()) < 4 or not ENDS_STATEMENT.search(sentence):
                continue
            start = line.start() + match.start() + (len(raw) - len(raw.lstrip()))
            yield start, start + len(sentence)


def mostly_inside(text, span, chars):
    """True when at least half the word tokens of `span` lie in `chars`."""
    tokens = [m.start() for m in WORD.finditer(text, *span)]
    return bool(tokens) and sum(t in chars for t in tokens) * 2 >= len(tokens)


def versions_by_article(split_dir):
    groups = collections.defaultdict(list)
    for path in glob.glob(os.path.join(split_dir, "multi", "*.ann")):
        article = re.sub(r"_[0-9a-f]{4}\.ann$", "", os.path.basename(path))
        groups[article].append(path)
    return groups


def score_tool_on(articles, command, scorer_dir):
    """Runs score_false_alarms.py with `command` on a folder of just `articles`."""
    with tempfile.TemporaryDirectory() as folder:
        for base in articles:
            for ext in (".txt", ".ann"):
                shutil.copy(base + ext, folder)
        scorer = os.path.join(scorer_dir, "score_false_alarms.py")
        result = subprocess.run([sys.executable, scorer, "--gold", folder, "--"] + command,
                                capture_output=True, text=True)
        lines = result.stdout.strip().splitlines()
        print("tool on the same articles:", lines[-1] if lines else result.stderr.strip())


def main():
    args = sys.argv[1:]
    command = args[args.index("--") + 1:] if "--" in args else []
    args = args[:args.index("--")] if "--" in args else args
    polnear = args[args.index("--polnear") + 1] if "--polnear" in args else DEFAULT_POLNEAR
    scorer_dir = os.path.join(polnear, "..", "eval")
    if not os.path.isdir(polnear) or not os.path.isdir(scorer_dir):
        print(f"skipped: {os.path.normpath(polnear)} (PolNeAR) is not here")
        return
    sys.path.insert(0, scorer_dir)
    from score_attributions import parse_ann  # the scorers' own .ann reader

    per_annotator = collections.defaultdict(lambda: [0, 0])  # flags, false alarms
    articles = []
    for split in ("train", "dev"):
        split_dir = os.path.join(polnear, split)
        for article, versions in sorted(versions_by_article(split_dir).items()):
            text = open(os.path.join(split_dir, article + ".txt"), encoding="utf-8").read()
            gold = covered_chars(os.path.join(split_dir, article + ".ann"), parse_ann)
            articles.append(os.path.join(split_dir, article))
            for version in versions:
                theirs = covered_chars(version, parse_ann)
                if theirs == gold:
                    continue  # this version is the gold itself
                annotator = version[-8:-4]
                for span in statement_sentences(text):
                    if mostly_inside(text, span, theirs):
                        continue
                    per_annotator[annotator][0] += 1
                    per_annotator[annotator][1] += mostly_inside(text, span, gold)
    flags = alarms = 0
    for annotator, (n, f) in sorted(per_annotator.items()):
        print(f"annotator {annotator}: {f} of {n} ({100.0 * f / n:.1f}%)")
        flags, alarms = flags + n, alarms + f
    if flags:
        print(f"human false alarms: {alarms} of {flags} ({100.0 * alarms / flags:.1f}%)")
    if command and articles:
        score_tool_on(articles, command, scorer_dir)


main()
