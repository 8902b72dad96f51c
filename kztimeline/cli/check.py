"""``kztimeline check``: what a fact-checker should look at in the whole dataset (it reports; it never refuses)."""

from __future__ import annotations

import click

from kztimeline.cli.options import rich_or_json_format
from kztimeline.cli.output import make_console, write_json
from kztimeline.db.reader import open_reader
from kztimeline.query.check import CHECKS, CheckReport, run_checks

TITLES = {
    "single_source": "Events only one independent source reports",
    "conflicting_figures": "Figures that disagree",
    "divergent_quotations": "Quotations in other words, or attributed to someone else",
    "date_disagreement": "Events a citation dates otherwise",
    "unreferenced": "Actors and places nothing refers to",
}


@click.command("check")
@click.option(
    "--only",
    "only",
    multiple=True,
    type=click.Choice(CHECKS),
    help="Run only this check (repeatable); all of them by default.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Findings printed per check (rich output; the counts and JSON hold every one).",
)
@rich_or_json_format("counts, seconds per check and every finding as data.")
@click.pass_context
def command(ctx: click.Context, only: tuple[str, ...], limit: int, output_format: str) -> None:
    """Report single-source events, conflicting figures, quotations reported in other words or by another speaker,
    events a citation dates otherwise, and actors and places nothing refers to. Exits 0 whatever it finds.

    \b
    Examples:
      kztimeline check
      kztimeline check --only conflicting_figures --format json
    """
    with open_reader(ctx.obj.get("db") if ctx.obj else None) as reader:
        report = run_checks(reader, only or CHECKS)
    if output_format == "json":
        write_json(report.to_dict())
        return
    _render(report, limit)


def _render(report: CheckReport, limit: int) -> None:
    from rich.text import Text

    from kztimeline.cli.timeline_view import Output

    out = Output(make_console())
    for check, findings in report.findings.items():
        heading = Text.assemble((TITLES[check], "bold"), (f"  {len(findings)}", "yellow" if findings else "green"))
        out.line(heading)
        for finding in findings[:limit]:
            out.line(Text(finding.message), 2, hang=2)
        if len(findings) > limit:
            out.line(Text(f"… and {len(findings) - limit} more (--limit N, or --format json for all)", style="dim"), 2)
        out.blank()
    total = sum(len(findings) for findings in report.findings.values())
    seconds = sum(report.seconds.values())
    out.line(Text(f"{total} findings in {len(report.findings)} checks ({seconds:.2f} s)", style="dim"))
    out.flush()
