#!/usr/bin/env bash
# Checks that every target's dependencies in Package.swift are exactly the targets and products its Swift files
# import (toolchain modules such as Foundation and XCTest aside; a macro's implementation counts where
# `#externalMacro` names it), and prints the module graph.
# Usage: scripts/check-module-edges.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-package 2>/dev/null | python3 -c '
import json, os, re, sys
package = json.load(sys.stdin)
targets = {t["name"]: t for t in package["targets"]}
products = {"ArgumentParser", "SwiftCompilerPlugin", "SwiftDiagnostics", "SwiftSyntax", "SwiftSyntaxMacros",
            "SwiftSyntaxMacrosTestSupport"}
toolchain = {"Foundation", "FoundationEssentials", "Dispatch", "Synchronization", "XCTest", "Glibc", "Darwin",
             "_Differentiation", "os"}
failed = False
for name, target in sorted(targets.items()):
    if target["type"] == "system":
        continue
    path = target.get("path") or os.path.join("Tests" if target["type"] == "test" else "Sources", name)
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    imported = set()
    for folder, _, files in os.walk(path):
        for file in files:
            if not file.endswith(".swift"):
                continue
            for line in open(os.path.join(folder, file), encoding="utf-8"):
                match = re.match(r"^\s*(?:@\w+ )*import (\w+)\s*$", line)
                if match and (match.group(1) in targets or match.group(1) in products):
                    imported.add(match.group(1))
                # A macro declaration names its implementation by string, not by import.
                for macro in re.findall(r"#externalMacro\(module: \"(\w+)\"", line):
                    imported.add(macro)
    unused, missing = declared - imported, imported - declared
    if unused or missing:
        failed = True
        print(f"{name}: declared but not imported {sorted(unused)}; imported but not declared {sorted(missing)}")
    elif target["type"] != "test":
        edges = ", ".join(sorted(declared)) or "(nothing)"
        print(f"{name} -> {edges}")
sys.exit(1 if failed else 0)
'
