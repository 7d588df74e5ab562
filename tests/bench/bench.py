#!/usr/bin/env python3
"""Whole-process benchmark of the whosaid binary.

Measures, for `check --format json --exit-zero DIR` and
`extract --format json DIR`: MB/s and articles/s (median of N runs) and
peak memory; then a scaling run over 1x, 2x, 4x and 8x the corpus, the
peak memory of `extract --format jsonl` at 1x and 8x, and one 100 MB file.

The corpus is ../shared/polnear/train when it exists (real articles, read
in place, never copied into the project), else one generated from the
project's own fixtures in tests/fixtures/articles.

Peak memory is the child's own maximum resident set, from wait4's rusage.
Usage: tests/bench/run.sh [--runs N] [--binary PATH] [--corpus DIR] [--skip-big]
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_TRAIN = os.path.join(ROOT, "..", "shared", "polnear", "train")
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "articles")
ARTICLE_EXTENSIONS = (".md", ".markdown", ".txt")

# Targets from the issue.
TARGET_MBPS = 50.0
TARGET_DOUBLING = 2.1
TARGET_MEMORY_RATIO = 1.5
TARGET_BIG_SECONDS = 5.0


TIME = "/usr/bin/time"


def run_once(argv):
    """Runs argv with output discarded; returns (wall seconds, CPU seconds,
    peak KiB, exit code).

    CPU time (user + system, all threads) is wait4's rusage of the child,
    which includes /usr/bin/time's own negligible share when it wraps the
    run. Peak memory comes from `/usr/bin/time -f %M` when it exists;
    otherwise from wait4's rusage, which also counts the forked Python image
    before exec and so overstates small peaks.
    """
    with open(os.devnull, "wb") as devnull, tempfile.NamedTemporaryFile("r") as report:
        wrapped = [TIME, "-f", "%M %x", "-o", report.name] + argv if os.access(TIME, os.X_OK) else argv
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, stdout=devnull, stderr=devnull)
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - started
        cpu = usage.ru_utime + usage.ru_stime
        if wrapped is argv:
            return took, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status)
        fields = report.read().split()
        # On a signal /usr/bin/time writes a line before the numbers.
        peak, code = int(fields[-2]), int(fields[-1])
        return took, cpu, peak, code


def measure(argv, runs):
    """Median wall time, median CPU time and the largest peak memory over
    `runs` runs."""
    run_once(argv)  # warm the page cache and the binary
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        took, cpu, peak, code = run_once(argv)
        if code not in (0, 1):
            sys.exit(f"{' '.join(argv)} exited {code}")
        times.append(took)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def cpu_model():
    """The processor's name, family and clock, so that numbers from two
    machines of the same size are not mistaken for a change in the code
    (a virtual machine's name alone, like "AMD EPYC", can hide a
    generation)."""
    fields = {}
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as info:
            for line in info:
                key, _, value = line.partition(":")
                fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    if "model name" in fields:
        parts = [fields["model name"]]
        if "cpu family" in fields:
            parts.append(f"family {fields['cpu family']}")
        if fields.get("cpu MHz", "").replace(".", "", 1).isdigit():
            parts.append(f"{float(fields['cpu MHz']):.0f} MHz")
        return ", ".join(parts)
    return platform.processor() or platform.machine() or "unknown processor"


def articles_in(folder):
    found = []
    for base, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(base, f) for f in files if f.endswith(ARTICLE_EXTENSIONS) and not f.startswith(".")]
    return found


def corpus_size(folder):
    files = articles_in(folder)
    return len(files), sum(os.path.getsize(f) for f in files)


def generated_corpus(into, articles=840):
    """About 840 articles made from the fixtures, each a little different so
    that sources and sentences vary from file to file."""
    sources = [os.path.join(FIXTURES, f) for f in sorted(os.listdir(FIXTURES))]
    texts = [(os.path.splitext(s)[1], open(s, encoding="utf-8").read()) for s in sources]
    names = ["Okafor", "Reyes", "Nair", "Fischer", "Silva", "Costa"]
    for i in range(articles):
        ext, text = texts[i % len(texts)]
        for k, name in enumerate(names):
            text = text.replace(name, f"{name}{(i + k) % 97}")
        with open(os.path.join(into, f"article-{i:04}{ext}"), "w", encoding="utf-8") as out:
            out.write(text)
    return into


def replicate(corpus, times, into):
    """`times` copies of the corpus (hard links where possible)."""
    files = articles_in(corpus)
    for copy in range(times):
        folder = os.path.join(into, f"copy{copy}")
        os.makedirs(folder)
        for i, path in enumerate(files):
            target = os.path.join(folder, f"{i:05}-{os.path.basename(path)}")
            try:
                os.link(path, target)
            except OSError:
                shutil.copyfile(path, target)
    return into


def big_file(path, size):
    """One article of `size` bytes: the fixture articles' bodies over and
    over, so that cues, quotes and sources are as dense as in real copy."""
    bodies = []
    for name in sorted(os.listdir(FIXTURES)):
        text = open(os.path.join(FIXTURES, name), encoding="utf-8").read()
        if text.startswith("+++"):
            text = text.split("+++", 2)[2]
        bodies.append("\n".join(line for line in text.splitlines() if not line.startswith("#")) + "\n\n")
    chunk = "".join(bodies)
    with open(path, "w", encoding="utf-8") as out:
        out.write("# One very long article\n\n")
        out.write(chunk * (size // len(chunk) + 1))


def verdict(ok):
    return "pass" if ok else "FAIL"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "whosaid"))
    parser.add_argument("--corpus", help="folder of articles (default: polnear/train, else generated)")
    parser.add_argument("--skip-big", action="store_true", help="skip the 100 MB file")
    args = parser.parse_args()

    scratch = tempfile.mkdtemp(prefix="whosaid-bench-")
    try:
        if args.corpus:
            corpus, label = args.corpus, args.corpus
        elif os.path.isdir(SHARED_TRAIN):
            corpus, label = SHARED_TRAIN, "../shared/polnear/train"
        else:
            generated = os.path.join(scratch, "generated")
            os.makedirs(generated)
            corpus, label = generated_corpus(generated), "generated from tests/fixtures/articles"
        count, size = corpus_size(corpus)
        mb = size / 1e6
        print(f"corpus: {label}: {count} articles, {mb:.2f} MB; binary: {args.binary}; {os.cpu_count()} cores ({cpu_model()})")
        print(f"median of {args.runs} runs, whole process, output discarded\n")

        failures = []
        print("| command | median s | CPU s | MB/s | articles/s | peak MiB |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        check = [args.binary, "check", "--format", "json", "--exit-zero", corpus]
        extract = [args.binary, "extract", "--format", "json", corpus]
        for name, argv in [
            ("check --format json --exit-zero", check),
            ("check … --threads 1", check + ["--threads", "1"]),
            ("extract --format json", extract),
            ("extract … --threads 1", extract + ["--threads", "1"]),
        ]:
            took, cpu, peak = measure(argv, args.runs)
            print(f"| `{name}` | {took:.3f} | {cpu:.3f} | {mb / took:.1f} | {count / took:.0f} | {peak / 1024:.1f} |")
            if argv is check and mb / took < TARGET_MBPS:
                failures.append(f"check: {mb / took:.1f} MB/s < {TARGET_MBPS}")

        print("\nscaling: `check --format json --exit-zero` on N copies of the corpus")
        print("\n| copies | MB | median s | MB/s | x previous | extract jsonl peak MiB |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        previous, peaks = None, {}
        for times in (1, 2, 4, 8):
            folder = replicate(corpus, times, os.path.join(scratch, f"x{times}"))
            took, _, _ = measure([args.binary, "check", "--format", "json", "--exit-zero", folder], args.runs)
            _, _, peak = measure([args.binary, "extract", "--format", "jsonl", folder], max(1, args.runs // 2))
            peaks[times] = peak
            ratio = took / previous if previous else None
            shown = f"{ratio:.2f}" if ratio else "-"
            print(f"| {times} | {mb * times:.1f} | {took:.3f} | {mb * times / took:.1f} | {shown} | {peak / 1024:.1f} |")
            if ratio and ratio > TARGET_DOUBLING:
                failures.append(f"doubling to {times}x took {ratio:.2f}x > {TARGET_DOUBLING}")
            previous = took
            shutil.rmtree(folder)
        memory_ratio = peaks[8] / peaks[1]
        print(f"\nextract --format jsonl peak memory 8x / 1x: {memory_ratio:.2f} ({verdict(memory_ratio <= TARGET_MEMORY_RATIO)}, target <= {TARGET_MEMORY_RATIO})")
        if memory_ratio > TARGET_MEMORY_RATIO:
            failures.append(f"memory ratio {memory_ratio:.2f} > {TARGET_MEMORY_RATIO}")

        if not args.skip_big:
            path = os.path.join(scratch, "big.md")
            big_file(path, 100 * 1000 * 1000)
            took, cpu, peak, code = run_once([args.binary, "check", "--format", "json", "--exit-zero", path])
            print(f"\none 100 MB article: check --format json: {took:.2f} s ({cpu:.2f} s CPU), peak {peak / 1024:.0f} MiB, exit {code} "
                  f"({verdict(took <= TARGET_BIG_SECONDS and code == 0)}, target <= {TARGET_BIG_SECONDS} s)")
            if took > TARGET_BIG_SECONDS or code != 0:
                failures.append(f"100 MB file: {took:.2f} s, exit {code}")

        print(f"\ncheck >= {TARGET_MBPS} MB/s, doubling <= {TARGET_DOUBLING}x, memory 8x/1x <= {TARGET_MEMORY_RATIO}: "
              + ("all met" if not failures else "; ".join(failures)))
        return 1 if failures else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
