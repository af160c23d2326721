"""Write an index from documents in a JSON file, in a process of its own (the
search plugin runs it in the background while the next language builds):

    python -m kbforge.searchcore LANG DOCS.json OUTPUT_FOLDER [--no-vectors]
"""

from __future__ import annotations

import argparse
import json
import sys

from .build import Doc, write_index
from .semantic import Table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lang")
    parser.add_argument("docs", help="a JSON list of documents (the fields of build.Doc)")
    parser.add_argument("output")
    parser.add_argument("--no-vectors", action="store_true", help="no semantic search (words only)")
    args = parser.parse_args()
    with open(args.docs, encoding="utf-8") as fh:
        docs = [Doc(**{**d, "headings": [tuple(h) for h in d.get("headings", [])]}) for d in json.load(fh)]
    table = None if args.no_vectors else Table.load(args.lang)
    write_index(args.output, args.lang, docs, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
