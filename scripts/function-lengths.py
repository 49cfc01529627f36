#!/usr/bin/env python3
"""Lists the longest functions and files of Swift sources, for the house rules (a function < ~100 lines, never over
150; a file under 500).

Usage: scripts/function-lengths.py [DIR ...] [--top N] [--check]
  DIR      folders to scan (default: Sources)
  --top N  how many of the longest functions to list (default 15)
  --check  exit 1 when a function is over 150 lines, more than three are over 100, or a file is over 500

A function's length is counted from the line of its `func`/`init`/`subscript`/`deinit` keyword to the line of its
closing brace. Braces are counted outside comments (line and block), string literals (single-line, multi-line and
raw ones) and character escapes, so a `"{}"` format string or a brace in a doc comment does not end a function early.
A protocol requirement (a declaration without a body) is not a function here.
"""
import os
import re
import sys

DECLARATION = re.compile(
    r"^\s*(?:@[\w.]+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|open|static|class|final|"
    r"override|mutating|nonmutating|nonisolated|convenience|required|dynamic|indirect|lazy|"
    r"(?:private|fileprivate|internal|public|package)\(set\))\s+)*(func\s+[^\s(<]+|init[?!]?|subscript|deinit)\b")


def code_only(text):
    """`text` with comments and string literal contents blanked out (newlines kept), so braces count as code."""
    out = []
    i, n = 0, len(text)
    block_depth = 0
    while i < n:
        c = text[i]
        if block_depth:
            if text.startswith("/*", i):
                block_depth += 1
                i += 2
            elif text.startswith("*/", i):
                block_depth -= 1
                i += 2
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
            continue
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if text.startswith("/*", i):
            block_depth = 1
            i += 2
            continue
        if c == '"' or (c == "#" and re.match(r'#+"', text[i:])):
            i = skip_string(text, i, out)
            continue
        out.append(c)
        i += 1
    return "".join(out)


def skip_string(text, i, out):
    """Skips the string literal starting at `i` (raw `#"`, multi-line `\"\"\"`, or plain), keeping its newlines and
    the code of its interpolations."""
    hashes = 0
    while text[i] == "#":
        hashes += 1
        i += 1
    multi = text.startswith('"""', i)
    quote = '"""' if multi else '"'
    i += len(quote)
    close = quote + "#" * hashes
    escape = "\\" + "#" * hashes
    out.append('""')
    n = len(text)
    while i < n:
        if text.startswith(close, i):
            return i + len(close)
        if text.startswith(escape + "(", i):
            # An interpolation: its code counts (it may hold a closure), up to the matching parenthesis.
            i += len(escape) + 1
            depth = 1
            start = i
            while i < n and depth:
                if text[i] == "(":
                    depth += 1
                elif text[i] == ")":
                    depth -= 1
                elif text[i] == '"':
                    i = skip_string(text, i, [])
                    continue
                i += 1
            out.append(re.sub(r"[^\n{}]", " ", text[start:i - 1]))
            continue
        if text.startswith(escape, i):
            i += len(escape) + 1
            continue
        if text[i] == "\n":
            out.append("\n")
            if not multi:
                return i
        i += 1
    return i


def functions(path):
    """(length, line, declaration) for each function in the file at `path`."""
    with open(path, encoding="utf-8") as handle:
        source = handle.read()
    original = source.split("\n")
    lines = code_only(source).split("\n")
    found = []
    for index, line in enumerate(lines):
        if not DECLARATION.match(line):
            continue
        depth, opened = 0, False
        for end in range(index, len(lines)):
            for character in lines[end]:
                if character == "{":
                    depth += 1
                    opened = True
                elif character == "}":
                    depth -= 1
            if opened and depth <= 0:
                found.append((end - index + 1, index + 1, original[index].strip()[:90]))
                break
            # A requirement or a declaration that ends before any body opens.
            if not opened and (depth < 0 or (end > index and re.match(r"^\s*(?:@|func|var|let|init|case|}|$)", lines[end + 1] if end + 1 < len(lines) else ""))):
                break
            if not opened and end > index + 20:
                break
    return found


def main(arguments):
    roots, top, check = [], 15, False
    iterator = iter(arguments)
    for argument in iterator:
        if argument == "--top":
            top = int(next(iterator))
        elif argument == "--check":
            check = True
        else:
            roots.append(argument)
    roots = roots or ["Sources"]
    rows, long_files = [], []
    for root in roots:
        for directory, _, names in os.walk(root):
            for name in sorted(names):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(directory, name)
                with open(path, encoding="utf-8") as handle:
                    count = handle.read().count("\n")
                if count > 500:
                    long_files.append((count, path))
                rows += [(length, path, line, text) for length, line, text in functions(path)]
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    over150 = [row for row in rows if row[0] > 150]
    over100 = [row for row in rows if row[0] > 100]
    print(f"functions: {len(rows)}; over 150 lines: {len(over150)}; over 100 lines: {len(over100)}")
    print(f"files over 500 lines: {len(long_files)}" + "".join(f"\n  {count:5d}  {path}" for count, path in sorted(long_files, reverse=True)))
    for length, path, line, text in rows[:top]:
        print(f"{length:5d}  {path}:{line}  {text}")
    if check and (over150 or len(over100) > 3 or long_files):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
