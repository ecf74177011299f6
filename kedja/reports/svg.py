"""A small server-side SVG chart builder: horizontal bars, stacked bars and lines.

Charts must be readable without colour: every series has its own fill pattern as well as colour,
every bar carries its number as text, and the legend names the patterns. Each chart is an image
with a `<title>` and `<desc>` (`role="img"`, `aria-labelledby`), and the page always shows the same
numbers as a table. No style attributes or inline CSS, so the strict CSP holds.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from kedja.core import numbers

# (colour, pattern kind) per series; patterns distinguish series in grey-scale print too.
PALETTE = [
    ("#1f5f8b", "solid"),
    ("#c2571a", "hatch"),
    ("#2e7d32", "dots"),
    ("#6a3d9a", "cross"),
    ("#8c6d1f", "vertical"),
    ("#b0003a", "horizontal"),
]
LIGHT_COLOURS = {"green": ("#2e7d32", "solid"), "yellow": ("#b8860b", "hatch"), "red": ("#b0003a", "cross")}
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


@dataclass
class Series:
    name: str
    values: list[float]
    style: tuple[str, str] | None = None  # (colour, pattern); default from the palette


def _e(text) -> str:
    return escape(str(text), {'"': "&quot;"})


def _pattern(pid: str, colour: str, kind: str) -> str:
    marks = {
        "solid": "",
        "hatch": '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#fff" stroke-width="1.6"/>',
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
        "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.3"/>',
        "vertical": '<path d="M4,0 L4,8" stroke="#fff" stroke-width="1.6"/>',
        "horizontal": '<path d="M0,4 L8,4" stroke="#fff" stroke-width="1.6"/>',
    }[kind]
    return (
        f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{colour}"/>{marks}</pattern>'
    )


def _style(series: list[Series], index: int) -> tuple[str, str]:
    return series[index].style or PALETTE[index % len(PALETTE)]


def _fmt(value: float) -> str:
    return numbers.number(value, 0 if float(value).is_integer() else 1)


def _open(key: str, title: str, desc: str, width: int, height: int, series: list[Series]) -> list[str]:
    defs = "".join(_pattern(f"{key}-p{i}", *_style(series, i)) for i in range(len(series)))
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{key}-title {key}-desc">',
        f'<title id="{key}-title">{_e(title)}</title><desc id="{key}-desc">{_e(desc)}</desc>',
        f"<defs>{defs}</defs>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]


def _legend(key: str, series: list[Series], x: int, y: int) -> list[str]:
    if len(series) < 2:
        return []
    parts, cursor = [], x
    for i, s in enumerate(series):
        parts.append(
            f'<rect x="{cursor}" y="{y}" width="14" height="14" fill="url(#{key}-p{i})" stroke="#333"/>'
            f'<text x="{cursor + 19}" y="{y + 12}" font-size="12" {FONT} fill="#222">{_e(s.name)}</text>'
        )
        cursor += 30 + 7 * len(s.name)
    return parts


def describe(labels: list[str], series: list[Series]) -> str:
    """A plain-text summary of all numbers, used as the chart's <desc>."""
    items = []
    for i, label in enumerate(labels):
        values = ", ".join(f"{s.name} {_fmt(s.values[i])}" for s in series)
        items.append(f"{label}: {values}")
    return "; ".join(items)


def bar_chart(key: str, title: str, labels: list[str], series: list[Series], *, width: int = 720) -> str:
    """Horizontal bars, stacked when there are several series; totals written at the bar's end."""
    label_w, row_h, top = 210, 26, 30
    legend_h = 26 if len(series) > 1 else 0
    height = top + legend_h + row_h * max(len(labels), 1) + 16
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    scale = (width - label_w - 60) / (max(totals) if totals and max(totals) > 0 else 1)
    out = _open(key, title, describe(labels, series), width, height, series)
    out.append(f'<text x="8" y="20" font-size="15" font-weight="bold" {FONT} fill="#222">{_e(title)}</text>')
    out += _legend(key, series, 8, top)
    y = top + legend_h
    for i, label in enumerate(labels):
        short = label if len(label) <= 30 else label[:29] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end" {FONT} fill="#222">{_e(short)}</text>'
        )
        x = label_w
        for j, s in enumerate(series):
            w = s.values[i] * scale
            if w > 0:
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                    f'fill="url(#{key}-p{j})" stroke="#333" stroke-width="0.5"/>'
                )
                if len(series) > 1 and w > 24:
                    # A white label box keeps the number legible on any fill or pattern.
                    text = _fmt(s.values[i])
                    box_w = 6 + 6.5 * len(text)
                    out.append(
                        f'<rect x="{x + w / 2 - box_w / 2:.1f}" y="{y + 7}" width="{box_w:.1f}" height="13" rx="2" fill="#fff"/>'
                        f'<text x="{x + w / 2:.1f}" y="{y + 17}" font-size="10" text-anchor="middle" {FONT} '
                        f'fill="#000">{text}</text>'
                    )
            x += w
        out.append(
            f'<text x="{x + 6:.1f}" y="{y + 17}" font-size="12" {FONT} fill="#222">{_fmt(totals[i])}</text>'
        )
        y += row_h
    out.append(f'<line x1="{label_w}" y1="{top + legend_h}" x2="{label_w}" y2="{y}" stroke="#333"/>')
    out.append("</svg>")
    return "".join(out)


def line_chart(key: str, title: str, labels: list[str], series: list[Series], *, width: int = 720) -> str:
    """Lines over the x labels (years); each series has its own marker shape and a value label."""
    height, left, right, top, bottom = 300, 50, 20, 56, 40
    peak = max((v for s in series for v in s.values), default=0) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)
    out = _open(key, title, describe(labels, series), width, height, series)
    out.append(f'<text x="8" y="20" font-size="15" font-weight="bold" {FONT} fill="#222">{_e(title)}</text>')
    out += _legend(key, series, 8, 28)
    out.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>'
    )
    for i, label in enumerate(labels):
        x = left + i * step
        out.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" font-size="12" text-anchor="middle" {FONT} fill="#222">{_e(label)}</text>'
        )
    for j, s in enumerate(series):
        colour = _style(series, j)[0]
        points = [(left + i * step, top + plot_h - v / peak * plot_h) for i, v in enumerate(s.values)]
        dash = ["", ' stroke-dasharray="6 3"', ' stroke-dasharray="2 3"', ' stroke-dasharray="8 3 2 3"'][
            j % 4
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for (x, y), v in zip(points, s.values, strict=True):
            out.append(_marker(j, x, y, f"url(#{key}-p{j})"))
            out.append(
                f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="10" text-anchor="middle" {FONT} fill="#222">{_fmt(v)}</text>'
            )
    out.append("</svg>")
    return "".join(out)


def _marker(index: int, x: float, y: float, fill: str) -> str:
    shape = index % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" stroke="#333"/>'
    if shape == 1:
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{fill}" stroke="#333"/>'
    return f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 5:.1f} L{x - 6:.1f},{y + 5:.1f} Z" fill="{fill}" stroke="#333"/>'
