#!/usr/bin/env python3
"""Reads a built site's /feed.xml with the PyPI `feedparser` package, as a feed reader would,
and checks what a subscriber sees.

    python3 tests/feed_check.py OUT_DIR BASE_URL ENTRIES FIRST_TITLE_START

Exit 0 when everything holds, 1 with every failure listed, 2 when feedparser is missing
(scripts/test installs it).
"""

import sys
from pathlib import Path

try:
    import feedparser
except ImportError:  # pragma: no cover - the point is the message
    print("feed_check: cannot import feedparser: run `bash scripts/test`", file=sys.stderr)
    sys.exit(2)

out, base, entries, first = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
d = feedparser.parse((out / "feed.xml").read_bytes())
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


check(not d.bozo, f"the feed is not well-formed: {d.get('bozo_exception')}")
check(d.version == "atom10", f"version {d.version!r}, expected atom10")
check(d.feed.get("language") == "vi", f"language {d.feed.get('language')!r}")
check(d.feed.get("link") == base, f"site link {d.feed.get('link')!r}")
check(any(l.get("rel") == "self" and l.get("href") == base + "feed.xml" for l in d.feed.get("links", [])),
      "no rel=self link to feed.xml")
check(d.feed.get("updated_parsed") is not None, "feed has no parsable <updated>")
check(len(d.entries) == entries, f"{len(d.entries)} entries, expected {entries}")
ids = [e.id for e in d.entries]
check(len(set(ids)) == len(ids), "entry ids repeat")
dates = [e.updated_parsed for e in d.entries]
check(dates == sorted(dates, reverse=True), "entries are not newest first")
check(d.entries and d.entries[0].title.startswith(first),
      f"first entry {d.entries[0].title if d.entries else None!r} does not start with {first!r}")
for e in d.entries:
    check(e.link.startswith(base), f"{e.id}: link {e.link} is not on the site")
    check(e.get("summary"), f"{e.id}: no summary")
    check(e.get("published_parsed") is not None, f"{e.id}: no published date")
    # Vietnamese must come through as text, not as mojibake or entities.
    check("Ã" not in e.title and "&#" not in e.title, f"{e.id}: title {e.title!r} is garbled")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"feed_check: {len(d.entries)} entries read by feedparser {feedparser.__version__}")
