"""Chart PNGs for DOCX and PDF, drawn by matplotlib (Agg, no pyplot state) with the report's CJK font."""

from __future__ import annotations

import io
import threading
from functools import cache

from parkcarbon.reports.documents.fonts import cjk_font_path
from parkcarbon.reports.documents.model import Chart, ReportData, fmt

PALETTE = ["#1f6f5c", "#3f9b7f", "#7cc3a4", "#f2a541", "#e0703c", "#8a6fb3", "#4f81bd", "#9aa5b1", "#c0504d"]
_lock = threading.Lock()  # matplotlib's font cache and rcParams are process-global
MAX_BARS = 12


@cache
def _font():
    from matplotlib import font_manager

    path = str(cjk_font_path())
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    # A family list: glyphs the CJK font lacks (the 6 of SF₆) come from matplotlib's own DejaVu Sans.
    return font_manager.FontProperties(family=[name, "DejaVu Sans"])


def render_chart(chart: Chart, dpi: int = 150) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    with _lock:
        prop = _font()
        fig = Figure(figsize=(7.2, 3.6), dpi=dpi)
        ax = fig.add_subplot()
        labels, values = chart.labels, next(iter(chart.series.values()), [])
        if chart.kind == "bar":
            if len(labels) > MAX_BARS:
                labels, values = labels[:MAX_BARS], values[:MAX_BARS]
            y = list(range(len(labels)))[::-1]
            bars = ax.barh(y, values, color=PALETTE[0], height=0.6)
            ax.set_yticks(y, labels, fontproperties=prop, fontsize=9)
            ax.bar_label(bars, [fmt(v, _num()) for v in values], padding=3, fontproperties=prop, fontsize=8)
            ax.set_xlabel(chart.unit, fontproperties=prop, fontsize=9)
            ax.margins(x=0.18)
            ax.spines[["top", "right"]].set_visible(False)
        elif chart.kind == "pie":
            positive = [(lab, v) for lab, v in zip(labels, values, strict=False) if v > 0]
            total = sum(v for _, v in positive) or 1.0
            if not positive:  # nothing emitted, or only removals (a coking carbon balance netting below zero)
                ax.text(0.5, 0.5, "—", ha="center", va="center", fontproperties=prop, fontsize=14)
                ax.set_axis_off()
            else:
                wedges, _ = ax.pie([v for _, v in positive], colors=PALETTE[: len(positive)], startangle=90,
                                   counterclock=False, wedgeprops={"width": 0.42, "edgecolor": "white"})
                ax.legend(wedges, [f"{lab}  {v / total * 100:.1f}%" for lab, v in positive], prop=prop, fontsize=9,
                          loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
                ax.set_aspect("equal")
        else:  # line
            for i, (name, vals) in enumerate(chart.series.items()):
                ax.plot(labels, vals, marker="o", color=PALETTE[i % len(PALETTE)], label=name, linewidth=2)
            ax.set_ylabel(chart.unit, fontproperties=prop, fontsize=9)
            ax.grid(axis="y", color="#dddddd")
            ax.spines[["top", "right"]].set_visible(False)
            ax.set_ylim(bottom=0)
            if len(chart.series) > 1:
                ax.legend(prop=prop, fontsize=9, frameon=False)
        if chart.kind == "bar":
            ax.xaxis.set_major_locator(MaxNLocator(5))
            ax.xaxis.set_major_formatter(FuncFormatter(_thousands))
        elif chart.kind == "line":
            ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        for tick in ax.get_xticklabels() + ax.get_yticklabels():
            tick.set_fontproperties(prop)
            tick.set_fontsize(9)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
        return buf.getvalue()


def _thousands(value, _pos) -> str:
    return f"{value:,.0f}"


def _num():
    from parkcarbon.reports.documents.model import Col

    return Col("", "num", 0)


def render_charts(data: ReportData) -> dict[str, bytes]:
    """PNG per chart key, rendered once and shared by the DOCX and PDF renderers."""
    return {c.key: render_chart(c) for c in data.charts() if c.labels}
