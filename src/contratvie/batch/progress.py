"""The batch progress bar on stderr: files done, pages per second, time left (French)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeRemainingColumn)
from rich.text import Text

from contratvie.batch.model import ContractRow


class PagesPerSecond(ProgressColumn):
    """Pages actually read (cache hits excluded) per second of elapsed time."""

    def render(self, task) -> Text:
        pages = task.fields.get("pages", 0)
        elapsed = task.elapsed or 0
        if not pages or elapsed <= 0:
            return Text("– pages/s")
        return Text(f"{pages / elapsed:,.0f} pages/s".replace(",", "\u202f"))


class BatchProgress:
    """A context manager around rich's Progress; silent without a console or a terminal."""

    def __init__(self, console: Console | None, total: int):
        self.progress = Progress(
            TextColumn("Audit des contrats"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("fichiers"),
            PagesPerSecond(),
            TextColumn("reste"),
            TimeRemainingColumn(),
            console=console,
            # In a pipe or a log, a bar is noise: the summary gives the counts and the speed.
            disable=console is None or not console.is_terminal,
            transient=False,
        )
        self.total = total
        self.pages = 0
        self.task = None

    def __enter__(self) -> "BatchProgress":
        self.progress.__enter__()
        self.task = self.progress.add_task("audit", total=self.total, pages=0)
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def advance(self, row: ContractRow) -> None:
        if not row.cached and row.pages:
            self.pages += row.pages
        self.progress.update(self.task, advance=1, pages=self.pages)
