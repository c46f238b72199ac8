"""``rasid serve``: its options, and the charts and checks it relies on (no server)."""

from __future__ import annotations

import argparse

import pytest

from rasid import cli_web
from rasid.web.charts import bucket, quad_chart
from rasid.web.params import BadParameter, EventParams, parse_date, split_values


def parse(*argv: str) -> argparse.Namespace:
    return cli_web.build_parser().parse_args(["serve", *argv])


def test_serve_defaults_to_this_machine_only(tmp_path) -> None:
    args = parse("--db", str(tmp_path / "x.duckdb"))
    assert (args.host, args.port, args.allow_analyze) == ("127.0.0.1", 8000, False)
    assert args.handler is cli_web._serve
    args = parse("--db", "s.duckdb", "--host", "0.0.0.0", "--port", "9000", "--allow-analyze",
                 "--max-analyze-chars", "1000")
    assert (args.host, args.port, args.allow_analyze, args.max_analyze_chars) == (
        "0.0.0.0", 9000, True, 1000)


@pytest.mark.parametrize("argv", [["--port", "0"], ["--port", "http"], ["--port", "70000"],
                                  ["--max-analyze-chars", "0"]])
def test_serve_rejects_bad_options(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse(*argv)
    assert exit_.value.code == 2


def test_serve_refuses_a_folder(tmp_path, capsys) -> None:
    assert cli_web.main(["serve", "--db", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_add_commands_plugs_into_another_parser() -> None:
    parser = argparse.ArgumentParser(prog="rasid")
    cli_web.add_commands(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["serve"]).command == "serve"


def test_parameter_checks() -> None:
    assert split_values(["A,B", " C ", ""]) == ["A", "B", "C"]
    assert parse_date("d", "") is None and str(parse_date("d", "2023-02-28")) == "2023-02-28"
    for bad in ("2023-02-30", "2023-2-3", "20230203", "tomorrow"):
        with pytest.raises(BadParameter):
            parse_date("d", bad)
    built = EventParams(type=["assault,consult"], quad=["4"], evidence=["ASSERTED"]).build()
    assert built.types == ("ASSAULT", "CONSULT") and built.quads == (4,)
    assert built.evidence == ("asserted",)
    with pytest.raises(BadParameter, match="unknown value"):
        EventParams(type=["HUGS"]).build()


def test_charts_fill_months_and_fold_long_ranges_into_years() -> None:
    periods, counts = bucket([{"period": "2023-01", "quad": 1, "events": 2},
                              {"period": "2023-04", "quad": 4, "events": 1}], "quad")
    assert periods == ["2023-01", "2023-02", "2023-03", "2023-04"]
    assert counts == {("2023-01", "1"): 2, ("2023-04", "4"): 1}
    periods, _ = bucket([{"period": "1990-01", "quad": 1, "events": 1},
                         {"period": "2023-04", "quad": 1, "events": 1}], "quad")
    assert periods[0] == "1990" and periods[-1] == "2023"
    svg = str(quad_chart([{"period": "2023-01", "quad": "4", "events": 3}]))
    assert svg.startswith("<svg") and "material conflict" in svg
    assert "No dated events" in str(quad_chart([]))
