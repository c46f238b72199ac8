"""The README's usage block and error table say what the command line and rasid.errors do.

The usage block is parsed command by command (an entry starts with ``rasid NAME`` and
goes on over indented lines) and compared with the argparse parser in both
directions: every option and choice ``--help`` knows is shown, every option shown
exists, and optional options are shown in brackets while required ones are not.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

import rasid.evaluate.newscorpus
import rasid.ner.conll
import rasid.store.errors  # noqa: F401  (defines error classes the table lists)
from rasid.cli import build_parser
from rasid.errors import RasidError

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def usage_block() -> str:
    section = README[README.index("### Command line"):]
    return re.search(r"```\n(.*?)\n```", section, flags=re.S).group(1)


def entries() -> dict[str, str]:
    """Command name -> the text of its entries in the usage block (joined)."""
    found: dict[str, list[str]] = {}
    current: str | None = None
    for line in usage_block().splitlines():
        match = re.match(r"rasid (\S+)", line)
        if match:
            current = match.group(1)
            found.setdefault(current, []).append(line)
        elif line.startswith(" ") and current is not None:
            found[current].append(line)
        else:
            current = None
    return {name: "\n".join(lines) for name, lines in found.items()}


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions
            if a.option_strings and not isinstance(a, argparse._HelpAction)]


def _outside_brackets(text: str, option: str) -> bool:
    """Whether ``option`` occurs at bracket depth 0 in ``text``."""
    for match in re.finditer(re.escape(option) + r"(?![\w-])", text):
        before = text[: match.start()]
        if before.count("[") == before.count("]"):
            return True
    return False


def _inside_brackets(text: str, option: str) -> bool:
    for match in re.finditer(re.escape(option) + r"(?![\w-])", text):
        before = text[: match.start()]
        if before.count("[") > before.count("]"):
            return True
    return False


COMMANDS = sorted(subcommands())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_help_is_in_the_usage_block(name: str) -> None:
    documented = entries()
    assert name in documented, f"rasid {name} is missing from the README usage block"
    text = documented[name]
    for action in _options(subcommands()[name]):
        shown = [o for o in action.option_strings if re.search(re.escape(o) + r"(?![\w-])",
                                                                text)]
        assert shown, f"rasid {name} {action.option_strings[0]} is not in the usage block"
        if action.required:
            assert _outside_brackets(text, shown[0]), f"{shown[0]} is required: no brackets"
        else:
            assert _inside_brackets(text, shown[0]), \
                f"rasid {name} {shown[0]} is optional: show it in brackets"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_option_of_the_usage_block_exists(name: str) -> None:
    known = {o for a in _options(subcommands()[name]) for o in a.option_strings}
    for option in re.findall(r"--[a-z][\w-]*", entries().get(name, "")):
        assert option in known, f"the README shows rasid {name} {option}, which --help lacks"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_choice_is_in_the_usage_block(name: str) -> None:
    text = entries()[name]
    for action in subcommands()[name]._actions:
        if action.choices and not isinstance(action, argparse._SubParsersAction):
            for choice in action.choices:
                assert re.search(rf"(?<![\w-]){re.escape(str(choice))}(?![\w-])", text), \
                    f"rasid {name}: the choice {choice!r} is not in the usage block"


def test_db_is_optional_with_its_default_named() -> None:
    for name, text in entries().items():
        if "--db" in text:
            assert "[--db FILE]" in text, name
    assert "`--db FILE` is optional" in README and "rasid.duckdb" in README


def _error_classes() -> list[type[RasidError]]:
    found, todo = [], [RasidError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [c for c in found if c is not RasidError and c.__module__.startswith("rasid.")
            and not c.__module__.startswith("rasid.tests")]


def test_every_error_code_is_unique_and_in_the_readme_table() -> None:
    classes = _error_classes()
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), sorted(codes)
    for cls in classes:
        assert f"| `{cls.code}` | `{cls.__name__}` |" in README, cls
    assert len([c for c in classes if c.code.startswith("R1")]) >= 14


def test_readme_commands_use_the_virtual_environment() -> None:
    for line in README.splitlines():
        assert not re.search(r"(?<![/\w])python (benchmarks|-m)", line), line


def test_license_file_matches_pyproject() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "the rasid authors" in licence
