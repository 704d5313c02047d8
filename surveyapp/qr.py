"""QR codes for the printed invitation cards, drawn by the app as inline SVG (segno).

Pure: text in, SVG markup out; nothing is fetched from another host. Error correction M
(15 % of the symbol may be damaged: a card may be folded or smudged); the code scales with
the card (the SVG has a viewBox only, the style sheet gives its printed size).
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape

#: Light modules around the code, as the QR standard asks (4).
QUIET_ZONE = 4


def qr_code(text: str) -> segno.QRCode:
    """Return the QR code of ``text`` (never a Micro QR: phones do not all read those)."""
    return segno.make(text, error="m", micro=False, boost_error=False)


def qr_svg(text: str, label: str, *, css_class: str = "qr-code") -> Markup:
    """Return the QR code of ``text`` as an inline ``<svg>`` named ``label`` for screen readers."""
    svg = qr_code(text).svg_inline(
        scale=1, border=QUIET_ZONE, omitsize=True, svgclass=css_class, lineclass=None
    )
    assert svg.startswith("<svg ")
    return Markup(f'<svg role="img" aria-label="{escape(label)}" ') + Markup(svg[len("<svg ") :])
