"""`clientela analyze clv|rfm|pareto`: the customer-value models on any transaction CSV."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import sys

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from clientela.analytics.methods import bgnbd, clv, gamma_gamma, pareto, rfm
from clientela.analytics.methods.transactions import (
    TIME_UNITS,
    TransactionFileError,
    parse_date,
    read_transactions,
    summarise,
)

TOP_CUSTOMERS = 10


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date (expected YYYY-MM-DD or YYYYMMDD)"
        ) from None


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def _cutoffs(text: str) -> tuple[float, float]:
    try:
        return pareto.parse_cutoffs(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


class Command(BaseCommand):
    help = (
        "Fit customer-value models (clv) or classify customers (rfm, pareto) from a CSV of "
        "customer_id,date,amount."
    )
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        methods = parser.add_subparsers(dest="method", required=True, metavar="{clv,rfm,pareto}")

        clv_parser = methods.add_parser(
            "clv", help="BG/NBD and Gamma-Gamma fit, holdout check and CLV per customer."
        )
        clv_parser.add_argument("--transactions", required=True, metavar="FILE.csv")
        clv_parser.add_argument("--calibration-end", required=True, type=_date, metavar="DATE")
        clv_parser.add_argument("--holdout-end", type=_date, metavar="DATE")
        clv_parser.add_argument(
            "--horizon", type=_number, metavar="N",
            help="Time units to forecast (default: the holdout length).",
        )
        clv_parser.add_argument("--time-unit", choices=sorted(TIME_UNITS), default="days")
        clv_parser.add_argument(
            "--discount-rate", type=_number, default=0.0, metavar="R",
            help="Discount rate per time unit (default 0).",
        )
        clv_parser.add_argument(
            "--margin", type=_number, default=1.0, metavar="M",
            help="Share of spend that is margin, 0 to 1 (default 1).",
        )
        clv_parser.add_argument("--json", action="store_true")

        rfm_parser = methods.add_parser("rfm", help="RFM scores and segments.")
        rfm_parser.add_argument("--transactions", required=True, metavar="FILE.csv")
        rfm_parser.add_argument("--as-of", required=True, type=_date, metavar="DATE")
        rfm_parser.add_argument("--json", action="store_true")

        pareto_parser = methods.add_parser("pareto", help="Pareto curve and ABC classes.")
        pareto_parser.add_argument("--transactions", required=True, metavar="FILE.csv")
        pareto_parser.add_argument(
            "--as-of", type=_date, metavar="DATE", help="Count purchases up to DATE (default: all)."
        )
        pareto_parser.add_argument(
            "--cutoffs", type=_cutoffs, default=pareto.DEFAULT_CUTOFFS, metavar="A,B",
            help="Cumulative value shares closing classes A and B (default 0.8,0.95).",
        )
        pareto_parser.add_argument("--json", action="store_true")

    def handle(self, *args, method: str, **options) -> None:
        try:
            purchases = read_transactions(options["transactions"])
            {"clv": self._clv, "rfm": self._rfm, "pareto": self._pareto}[method](
                purchases, **options
            )
        except (TransactionFileError, ValueError) as error:
            raise CommandError(str(error)) from None
        except BrokenPipeError:
            # The reader of a pipe (`| head`) has gone: stop quietly, as shell tools do.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None

    def _clv(self, purchases, **options) -> None:
        holdout_end = options["holdout_end"]
        horizon = options["horizon"]
        if horizon is None:
            if holdout_end is None:
                raise CommandError("--horizon is required when there is no --holdout-end")
        elif horizon <= 0:
            raise CommandError(f"--horizon must be positive, not {horizon:g}")
        if not 0 <= options["margin"] <= 1:
            raise CommandError(f"--margin must be between 0 and 1, not {options['margin']:g}")
        if options["discount_rate"] < 0:
            raise CommandError(
                f"--discount-rate cannot be negative, not {options['discount_rate']:g}"
            )
        summary = summarise(
            purchases,
            calibration_end=options["calibration_end"],
            holdout_end=holdout_end,
            time_unit=options["time_unit"],
        )
        if horizon is None:
            horizon = summary.holdout_length
        history = {
            "frequency": summary.frequency, "recency": summary.recency, "age": summary.age
        }
        purchase_fit = bgnbd.fit(**history)
        spend_fit = gamma_gamma.fit(frequency=summary.frequency, monetary=summary.monetary)
        if spend_fit.q <= 1:
            raise CommandError(
                f"the spend model's q = {spend_fit.q:.3g} ≤ 1 gives no finite mean spend: "
                "too few repeat customers or too spread-out amounts for a CLV"
            )
        expected = bgnbd.conditional_expected_purchases(purchase_fit, horizon, **history)
        alive = bgnbd.p_alive(purchase_fit, **history)
        spend = gamma_gamma.conditional_expected_spend(
            spend_fit, frequency=summary.frequency, monetary=summary.monetary
        )
        value = clv.model_clv(
            purchase_fit, **history, expected_spend=spend, horizon=horizon,
            discount_rate=options["discount_rate"], margin=options["margin"],
        )
        if holdout_end is None:
            predicted = actual = None
        else:
            predicted = float(bgnbd.conditional_expected_purchases(
                purchase_fit, summary.holdout_length, **history
            ).sum())
            actual = float(summary.holdout_purchases.sum())

        if options["json"]:
            self._write_json({
                "bgnbd": {
                    "r": purchase_fit.r, "alpha": purchase_fit.alpha, "a": purchase_fit.a,
                    "b": purchase_fit.b, "log_likelihood": purchase_fit.log_likelihood,
                },
                "gamma_gamma": {"p": spend_fit.p, "q": spend_fit.q, "gamma": spend_fit.gamma},
                "holdout": {
                    "predicted_repeat_purchases": predicted, "actual_repeat_purchases": actual
                },
                "customers": [
                    {
                        "customer_id": str(summary.customer_ids[i]),
                        "frequency": int(summary.frequency[i]),
                        "recency": float(summary.recency[i]),
                        "T": float(summary.age[i]),
                        "expected_purchases": _finite(expected[i]),
                        "p_alive": _finite(alive[i]),
                        "expected_spend": _finite(spend[i]),
                        "clv": _finite(value[i]),
                    }
                    for i in range(summary.customer_ids.size)
                ],
            })
            return

        unit = options["time_unit"]
        write = self.stdout.write
        write(
            f"{summary.customer_ids.size} customers, calibration to "
            f"{options['calibration_end']}, times in {unit}"
        )
        write(
            f"BG/NBD: r = {purchase_fit.r:.4f}, alpha = {purchase_fit.alpha:.4f}, "
            f"a = {purchase_fit.a:.4f}, b = {purchase_fit.b:.4f}, "
            f"log-likelihood = {purchase_fit.log_likelihood:.2f}"
            + ("" if purchase_fit.converged else " (the optimiser did not converge)")
        )
        repeat_customers = gamma_gamma.usable(
            frequency=summary.frequency, monetary=summary.monetary
        ).sum()
        write(
            f"Gamma-Gamma: p = {spend_fit.p:.4f}, q = {spend_fit.q:.4f}, "
            f"gamma = {spend_fit.gamma:.4f} ({repeat_customers} repeat customers)"
        )
        if predicted is not None:
            error = (predicted - actual) / actual if actual else math.nan
            write(
                f"Holdout to {holdout_end} ({summary.holdout_length:g} {unit}): "
                f"predicted {predicted:.1f} repeat purchases, actual {actual:.0f} "
                f"({error:+.1%})"
            )
        write(
            f"Top {min(TOP_CUSTOMERS, value.size)} customers by CLV over {horizon:g} {unit} "
            f"(discount {options['discount_rate']:g} per {unit[:-1]}, "
            f"margin {options['margin']:g}):"
        )
        write(f"{'customer':>12} {'x':>5} {'t_x':>8} {'T':>8} {'E[purch.]':>10} "
              f"{'P(alive)':>9} {'E[spend]':>9} {'CLV':>10}")
        for i in np.argsort(-value, kind="stable")[:TOP_CUSTOMERS]:
            write(
                f"{str(summary.customer_ids[i]):>12} {summary.frequency[i]:>5.0f} "
                f"{summary.recency[i]:>8.2f} {summary.age[i]:>8.2f} {expected[i]:>10.3f} "
                f"{alive[i]:>9.3f} {spend[i]:>9.2f} {value[i]:>10.2f}"
            )

    def _rfm(self, purchases, **options) -> None:
        customer_ids, recency, frequency, monetary = rfm.rfm_values(
            purchases, as_of=options["as_of"]
        )
        if customer_ids.size == 0:
            raise CommandError(f"no purchase on or before {options['as_of']}")
        table = rfm.rfm_table(
            customer_ids=customer_ids, recency=recency, frequency=frequency, monetary=monetary
        )
        rows = range(table.customer_ids.size)
        if options["json"]:
            self._write_json({
                "as_of": options["as_of"].isoformat(),
                "customers": [
                    {
                        "customer_id": str(table.customer_ids[i]),
                        "recency": int(table.recency[i]),
                        "frequency": int(table.frequency[i]),
                        "monetary": float(table.monetary[i]),
                        "r": int(table.r[i]), "f": int(table.f[i]), "m": int(table.m[i]),
                        "segment": str(table.segment[i]),
                    }
                    for i in rows
                ],
            })
            return
        write = self.stdout.write
        write(f"RFM as of {options['as_of']}, {table.customer_ids.size} customers")
        for name in rfm.SEGMENTS:
            write(f"  {name:<20} {int((table.segment == name).sum()):>8}")
        write(f"{'customer':>12} {'recency':>8} {'frequency':>9} {'monetary':>12}  R F M  segment")
        for i in rows:
            write(
                f"{str(table.customer_ids[i]):>12} {table.recency[i]:>8.0f} "
                f"{table.frequency[i]:>9.0f} {table.monetary[i]:>12.2f}  "
                f"{table.r[i]} {table.f[i]} {table.m[i]}  {table.segment[i]}"
            )

    def _pareto(self, purchases, **options) -> None:
        as_of = options["as_of"]
        if as_of is None:
            customer_ids, value = purchases.customer_ids, np.bincount(
                purchases.customer, weights=purchases.amount, minlength=purchases.customer_count
            )
        else:
            customer_ids, _recency, _frequency, value = rfm.rfm_values(purchases, as_of=as_of)
            if customer_ids.size == 0:
                raise CommandError(f"no purchase on or before {as_of}")
        table = pareto.pareto_table(
            customer_ids=customer_ids, values=value, cutoffs=options["cutoffs"]
        )
        rows = range(table.customer_ids.size)
        if options["json"]:
            self._write_json({
                "headline": {
                    "customer_share": table.customer_share, "value_share": table.value_share
                },
                "customers": [
                    {
                        "customer_id": str(table.customer_ids[i]),
                        "value": float(table.value[i]),
                        "cumulative_share": float(table.cumulative_share[i]),
                        "class": str(table.classes[i]),
                    }
                    for i in rows
                ],
            })
            return
        write = self.stdout.write
        write(
            f"{table.customer_share:.1%} of customers bring {table.value_share:.1%} of revenue "
            f"(class A, cut-offs {options['cutoffs'][0]:g} / {options['cutoffs'][1]:g})"
        )
        for name in ("A", "B", "C"):
            write(f"  class {name}: {int((table.classes == name).sum())} customers")
        write(f"{'customer':>12} {'value':>12} {'cumulative':>10}  class")
        for i in rows:
            write(
                f"{str(table.customer_ids[i]):>12} {table.value[i]:>12.2f} "
                f"{table.cumulative_share[i]:>10.1%}  {table.classes[i]}"
            )

    def _write_json(self, document: dict) -> None:
        self.stdout.write(json.dumps(document, allow_nan=False))
