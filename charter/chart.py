"""The geometry of the profile chart, drawn on the server as SVG (charter/components/chart.html).

One horizontal bar per theme, 0 to 100, with a mark at the earlier score when there is one.
Colours come from classes of site.css (no style attribute: the CSP forbids inline styles).
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

WIDTH = 640
ROW = 64  # label line, then the bar
BAR_HEIGHT = 22
TRACK = 520  # the width of 100 %
TOP = 8


@dataclass(frozen=True)
class Bar:
    title: str
    value_text: str
    label_y: int
    bar_y: int
    width: int
    text_x: int
    previous_x: int | None


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    track: int
    bar_height: int
    bars: tuple[Bar, ...]
    ticks: tuple[int, ...]


def score_text(score: int | None) -> str:
    if score is None:
        return _("no answer")
    return _("%(score)s%%") % {"score": score}


def profile_chart(themes) -> Chart:
    bars = []
    for index, theme in enumerate(themes):
        top = TOP + index * ROW
        score = theme.score
        width = round(TRACK * score / 100) if score is not None else 0
        bars.append(
            Bar(
                title=theme.title,
                value_text=score_text(score),
                label_y=top + 22,
                bar_y=top + 30,
                width=width,
                text_x=TRACK + 10,
                previous_x=(
                    round(TRACK * theme.previous / 100) if theme.previous is not None else None
                ),
            )
        )
    ticks = tuple(TRACK * step // 4 for step in range(1, 4))
    return Chart(
        width=WIDTH,
        height=TOP + len(bars) * ROW + 4,
        track=TRACK,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        ticks=ticks,
    )
