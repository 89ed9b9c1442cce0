"""The progress bar a person watching a batch sees (on standard error): files done, rate, time left."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .messages import text

T = TypeVar("T")


def track(items: Iterable[T], *, total: int, lang: str, stream: TextIO) -> Iterator[T]:
    """Yield `items` unchanged while a bar on `stream` counts them; the bar disappears when done."""
    progress = Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("[cyan]{task.fields[rate]}"), TimeRemainingColumn(),
        console=Console(file=stream), transient=True,
    )
    with progress:
        task = progress.add_task(text("progress.checking").get(lang), total=total, rate="")
        for item in items:
            progress.advance(task)
            speed = progress.tasks[0].speed
            if speed:
                progress.update(task, rate=text("progress.rate", rate=f"{speed:.0f}").get(lang))
            yield item
