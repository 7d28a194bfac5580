"""tdkt demo: a small synthetic database on a folder that has none yet, with a finished award
round (council votes, a signed decision) that the README's examples use."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.cli.conftest import Cli


def test_small_demo_on_an_empty_folder(empty_cli: Cli) -> None:
    result = empty_cli.run("demo", "--scale", "small", "--json")
    assert result.returncode == 0, result
    summary = result.json()
    for key in ("units", "people", "ratings", "award_records", "movements"):
        assert summary[key] > 0, key
    assert empty_cli.count("people") == summary["people"]
    assert empty_cli.count("units") >= summary["units"]  # the office itself may be extra
    assert "100%" in result.stderr  # progress goes to stderr, never into the JSON
    listed = empty_cli.ok("people", "list", "--limit", "3", "--json").json()
    assert listed["total"] == summary["people"] and len(listed["people"]) == 3


def test_demo_round_is_finished_with_votes_and_a_signed_decision(empty_cli: Cli) -> None:
    empty_cli.ok("demo", "--scale", "small")
    results = empty_cli.run_many(
        ["rounds", "list", "--json"], ["votes", "list", "1", "--json"],
        ["votes", "results", "1", "--json"], ["decisions", "list", "1", "--json"],
        ["decisions", "show", "1", "--json"], ["nominations", "list", "1", "--json"])
    for result in results:
        assert result.returncode == 0, result
    rounds, meetings, votes, decisions, shown, nominations = (r.json() for r in results)
    [finished] = rounds["rounds"]
    assert (finished["id"], finished["status"]) == (1, "closed")
    [meeting] = meetings["meetings"]
    assert meeting["id"] == 1 and meeting["closed"]
    assert votes["passed"] >= 3 and votes["failed"] == 1 and votes["not_voted"] == 0
    assert all(r["yes_votes"] is not None for r in votes["results"])
    [decision] = decisions["decisions"]
    assert decision["id"] == 1 and decision["signed"] and decision["number"]
    shown = shown["decision"]
    assert shown["signer_name"] and shown["signed_on"]
    lines = {line["nomination_id"]: line for line in shown["lines"]}
    assert lines and all(line["amount"] > 0 for line in lines.values())
    by_status = {n["id"]: n["status"] for n in nominations["nominations"]}
    assert {i for i, st in by_status.items() if st == "da_khen_thuong"} == set(lines)
    with sqlite3.connect(empty_cli.db) as conn:  # the signed lines wrote award history
        written = conn.execute("SELECT count(*) FROM award_records WHERE decision_number = ? "
                               "AND amount > 0", (shown["number"],)).fetchone()[0]
    assert written == len(lines)
