"""The README stays true: settings, JSON keys, CLI commands, and CI's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rasid.cli import build_parser
from rasid.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting) -> None:
    assert f"| `{setting.name}` |" in README


def test_every_repair_step_is_documented(pipeline) -> None:
    for step in pipeline.repairer.steps:
        assert f"`{step.name}`" in README


def test_every_analysis_key_is_documented(pipeline) -> None:
    data = pipeline.analyze("قال الوزير إن المحادثات مستمرة.").to_dict()
    for key in data:
        assert f"`{key}`" in README, key


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    for name in commands:
        assert f"rasid {name}" in README


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```\n(.*?)\n```", README, flags=re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
