"""User-facing errors, defined in the core and rendered once at the edge (the CLI).

Validation problems are data (:class:`Problem`, collected in a :class:`Report`), not exceptions raised one at a time:
a curator sees every problem of a seeds directory in one run, each with its file, line, column and field.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, with where it is."""

    file: str
    line: int
    column: int
    field: str
    message: str
    type: str = "invalid"  # kebab-case kind: yaml-syntax, schema, duplicate-id, unknown-reference, not-verbatim…

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}:{self.column}: {self.field}: {self.message}")

    def as_warning(self) -> str:
        """The line of a problem that is only a warning: ``file:line:col: field: warning: message``."""
        return one_line(f"{self.file}:{self.line}:{self.column}: {self.field}: warning: {self.message}")


def one_line(text: str) -> str:
    """``text`` with control characters written as escapes (a newline as ``\\n``): a problem naming an id
    ``"briefing\\n"`` stays one line, and nothing curated can move the terminal's cursor."""
    return "".join(
        character if character.isprintable() or character == " " else repr(character)[1:-1] for character in text
    )


@dataclass
class Report:
    """All problems found in one validation run: errors (``problems``, which make the input invalid) and warnings
    (text that loads but reads badly, e.g. an internal id in a title), which leave it valid."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def warn(self, problem: Problem) -> None:
        self.warnings.append(problem)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems))

    def lines(self) -> list[str]:
        """Errors and warnings as printed, in the order of the files and lines they point at."""
        marked = [(problem, str(problem)) for problem in set(self.problems)]
        marked += [(warning, warning.as_warning()) for warning in set(self.warnings)]
        return [line for _, line in sorted(marked)]

    def to_json(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "problems": [asdict(p) for p in self.sorted()],
            "warnings": [asdict(w) for w in sorted(set(self.warnings))],
        }


class KztimelineError(Exception):
    """An error the user can act on; the CLI prints its message on one line and exits non-zero."""


class InvalidSeedsError(KztimelineError):
    """Seeds failed validation; nothing was written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        count = len(report.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the seeds; nothing was written")


class AlreadyImportedError(KztimelineError):
    """``kztimeline import`` was given an article the seeds already hold (the same text or address)."""


class FetchError(KztimelineError):
    """A web address could not be read as an article page; the message says why, on one line."""


class WebExtraMissing(KztimelineError):
    """An HTML page was given, but the optional extra that reads HTML (trafilatura) is not installed."""

    HINT = "pip install 'kztimeline[web]'"

    def __init__(self, name: str) -> None:
        super().__init__(f"{name}: is an HTML page; reading HTML needs the web extra: {self.HINT}")


class UnknownNameError(KztimelineError):
    """A filter named an actor, place, type or tag that does not exist."""

    def __init__(self, kind: str, name: str, suggestions: Sequence[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; did you mean {_quoted_alternatives(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"no {kind} matches {name!r}{hint}")


class AmbiguousNameError(KztimelineError):
    """A name fits several actors or places where one was meant."""

    def __init__(self, kind: str, name: str, candidates: Sequence[tuple[str, str]], hint: str) -> None:
        self.kind = kind
        self.name = name
        self.candidates = list(candidates)  # (name, id)
        listed = ", ".join(f"{candidate} ({candidate_id})" for candidate, candidate_id in self.candidates)
        super().__init__(f"{name!r} matches {len(self.candidates)} {kind}s: {listed}; {hint}")


def _quoted_alternatives(names: Sequence[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def did_you_mean(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """Close matches for a misspelt name (case-insensitive), best first."""
    from difflib import get_close_matches

    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(candidate.casefold(), candidate)
    matches = get_close_matches(name.casefold(), list(by_key), n=limit, cutoff=0.6)
    return [by_key[m] for m in matches]


def suggestion_suffix(name: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` with the single closest candidate, or an empty string."""
    close = did_you_mean(name, candidates, limit=1)
    return f" (did you mean {_quoted_alternatives(close)}?)" if close else ""
