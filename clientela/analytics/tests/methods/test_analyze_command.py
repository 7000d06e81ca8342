import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

CLIENTELA = Path(sys.executable).with_name("clientela")
CLV_ARGS = ["--calibration-end", "1997-09-30", "--time-unit", "weeks"]


def analyze(*args) -> str:
    out = StringIO()
    call_command("analyze", *[str(arg) for arg in args], stdout=out)
    return out.getvalue()


def write_csv(tmp_path, text: str) -> Path:
    path = tmp_path / "sales.csv"
    path.write_text(text)
    return path


def test_clv_json_has_the_published_fit_and_the_holdout_check(cdnow_csv, cdnow_summary):
    document = json.loads(analyze(
        "clv", "--transactions", cdnow_csv, *CLV_ARGS, "--holdout-end", "1998-06-30", "--json"
    ))
    assert set(document) == {"bgnbd", "gamma_gamma", "holdout", "customers"}
    assert set(document["bgnbd"]) == {"r", "alpha", "a", "b", "log_likelihood"}
    assert [round(document["bgnbd"][name], 3) for name in ("r", "alpha", "a", "b")] == [
        0.243, 4.414, 0.793, 2.426
    ]
    assert round(document["bgnbd"]["log_likelihood"], 1) == -9582.4
    assert {name: round(value, 2) for name, value in document["gamma_gamma"].items()} == {
        "p": 6.25, "q": 3.74, "gamma": 15.44
    }
    holdout = document["holdout"]
    assert holdout["actual_repeat_purchases"] == 1882
    assert holdout["predicted_repeat_purchases"] == pytest.approx(1653.4, abs=0.1)
    assert len(document["customers"]) == 2357
    first = next(row for row in document["customers"] if row["customer_id"] == "1")
    assert set(first) == {
        "customer_id", "frequency", "recency", "T", "expected_purchases", "p_alive",
        "expected_spend", "clv",
    }
    assert (first["frequency"], round(first["recency"], 2), round(first["T"], 2)) == (
        2, 30.43, 38.86
    )
    # The default horizon is the 39-week holdout: the paper's worked example.
    assert round(first["expected_purchases"], 2) == 1.23
    assert first["clv"] == pytest.approx(first["expected_purchases"] * first["expected_spend"])


def test_clv_discount_margin_and_horizon_change_the_values(cdnow_csv):
    def customer_one(*extra):
        document = json.loads(analyze("clv", "--transactions", cdnow_csv, *CLV_ARGS, *extra))
        assert document["holdout"] == {
            "predicted_repeat_purchases": None, "actual_repeat_purchases": None
        }
        return next(row for row in document["customers"] if row["customer_id"] == "1")

    plain = customer_one("--horizon", "39", "--json")
    reduced = customer_one("--horizon", "39", "--margin", "0.3", "--discount-rate", "0.01",
                           "--json")
    longer = customer_one("--horizon", "78", "--json")
    assert reduced["clv"] < 0.3 * plain["clv"]
    assert reduced["expected_purchases"] == plain["expected_purchases"]
    assert longer["expected_purchases"] > plain["expected_purchases"]


def test_clv_human_output_shows_parameters_holdout_and_top_customers(cdnow_csv):
    output = analyze(
        "clv", "--transactions", cdnow_csv, *CLV_ARGS, "--holdout-end", "1998-06-30"
    )
    assert "r = 0.2426, alpha = 4.4136, a = 0.7929, b = 2.4259" in output
    assert "log-likelihood = -9582.43" in output
    assert "p = 6.2496, q = 3.7442, gamma = 15.4435 (946 repeat customers)" in output
    assert "predicted 1653.4 repeat purchases, actual 1882 (-12.1%)" in output
    assert "Top 10 customers by CLV over 39 weeks" in output


def test_the_console_script_prints_one_json_object(cdnow_csv):
    result = subprocess.run(
        [CLIENTELA, "analyze", "clv", "--transactions", cdnow_csv, *CLV_ARGS,
         "--holdout-end", "1998-06-30", "--json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["bgnbd", "gamma_gamma", "holdout", "customers"]
    assert list(document["holdout"]) == ["predicted_repeat_purchases", "actual_repeat_purchases"]


BAD_FILES = [
    ("", "line 1: the file is empty"),
    ("customer_id,when,amount\na,2024-01-01,1\n", "line 1: missing column(s) date"),
    ("customer_id,date,amount\na,2024-01-01,1\na,yesterday,2\n",
     "line 3: unparsable date 'yesterday'"),
    ("customer_id,date,amount\na,2024-01-01,ten\n", "line 2: unparsable amount 'ten'"),
    ("customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,-4.5\n",
     "line 3: negative amount -4.5"),
    ("customer_id,date,amount\na,2025-01-01,1\n", "the calibration period is empty"),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_the_console_script_reports_a_bad_file_without_a_traceback(tmp_path, text, message):
    path = write_csv(tmp_path, text)
    result = subprocess.run(
        [CLIENTELA, "analyze", "clv", "--transactions", path, "--calibration-end", "2024-12-31",
         "--horizon", "30"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_files_give_a_command_error_naming_the_problem(tmp_path, text, message):
    path = write_csv(tmp_path, text)
    with pytest.raises(CommandError) as error:
        analyze("clv", "--transactions", path, "--calibration-end", "2024-12-31",
                "--horizon", "30")
    assert message in str(error.value)


def test_clv_without_holdout_needs_a_horizon(cdnow_csv):
    with pytest.raises(CommandError, match="--horizon is required"):
        analyze("clv", "--transactions", cdnow_csv, *CLV_ARGS)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--holdout-end", "1997-09-01"], "must come after the calibration end"),
        (["--horizon", "-1"], "--horizon must be positive"),
        (["--horizon", "5", "--margin", "1.5"], "--margin must be between 0 and 1"),
        (["--horizon", "5", "--discount-rate", "-0.1"], "--discount-rate cannot be negative"),
    ],
)
def test_clv_refuses_inconsistent_options(cdnow_csv, extra, message):
    with pytest.raises(CommandError, match=message):
        analyze("clv", "--transactions", cdnow_csv, *CLV_ARGS, *extra)


def test_an_unparsable_option_date_is_refused(cdnow_csv):
    with pytest.raises(CommandError, match="not a date"):
        analyze("clv", "--transactions", cdnow_csv, "--calibration-end", "30/09/1997",
                "--horizon", "5")


def test_too_few_repeat_customers_for_the_spend_model_is_a_clear_error(tmp_path):
    path = write_csv(tmp_path, "customer_id,date,amount\na,2024-01-01,1\na,2024-01-05,2\n"
                               "b,2024-01-02,3\n")
    with pytest.raises(CommandError, match="at least two customers with repeat purchases"):
        analyze("clv", "--transactions", path, "--calibration-end", "2024-01-31",
                "--horizon", "10")


def test_rfm_json_lists_values_scores_and_segments(tmp_path):
    path = write_csv(tmp_path, (
        "customer_id,date,amount\n"
        "a,2024-03-30,50\na,2024-03-20,50\na,2024-03-10,50\n"
        "b,2024-01-05,5\n"
        "c,2024-03-01,20\nc,2024-02-01,20\n"
        "d,2024-06-01,1\n"
    ))
    document = json.loads(analyze("rfm", "--transactions", path, "--as-of", "2024-03-31",
                                  "--json"))
    assert document["as_of"] == "2024-03-31"
    assert document["customers"] == [
        {"customer_id": "a", "recency": 1, "frequency": 3, "monetary": 150.0,
         "r": 5, "f": 5, "m": 5, "segment": "champions"},
        {"customer_id": "b", "recency": 86, "frequency": 1, "monetary": 5.0,
         "r": 1, "f": 1, "m": 1, "segment": "lost"},
        {"customer_id": "c", "recency": 30, "frequency": 2, "monetary": 40.0,
         "r": 3, "f": 3, "m": 3, "segment": "need attention"},
    ]


def test_rfm_human_output_counts_segments(cdnow_csv):
    output = analyze("rfm", "--transactions", cdnow_csv, "--as-of", "1998-06-30")
    assert "RFM as of 1998-06-30, 2357 customers" in output
    assert "champions" in output and "can't lose" in output


def test_pareto_json_has_the_headline_and_classes(tmp_path):
    path = write_csv(tmp_path, (
        "customer_id,date,amount\n"
        "a,2024-01-01,10\nb,2024-01-01,60\nc,2024-01-01,20\nc,2024-02-01,10\nd,2024-01-01,0\n"
        "b,2025-01-01,1000\n"
    ))
    document = json.loads(analyze(
        "pareto", "--transactions", path, "--as-of", "2024-12-31", "--cutoffs", "0.8,0.95",
        "--json",
    ))
    assert document["headline"] == pytest.approx({"customer_share": 0.5, "value_share": 0.9})
    assert [(row["customer_id"], row["value"], row["class"]) for row in document["customers"]] == [
        ("b", 60.0, "A"), ("c", 30.0, "A"), ("a", 10.0, "B"), ("d", 0.0, "C")
    ]
    everything = json.loads(analyze("pareto", "--transactions", path, "--json"))
    assert everything["customers"][0] == {
        "customer_id": "b", "value": 1060.0, "cumulative_share": pytest.approx(1060 / 1100),
        "class": "A",
    }


def test_pareto_refuses_bad_cutoffs(cdnow_csv):
    with pytest.raises(CommandError, match="cut-offs"):
        analyze("pareto", "--transactions", cdnow_csv, "--cutoffs", "0.95,0.8")


def test_pareto_headline_on_cdnow(cdnow_csv):
    output = analyze("pareto", "--transactions", cdnow_csv)
    assert output.startswith("33.0% of customers bring 80.0% of revenue")
