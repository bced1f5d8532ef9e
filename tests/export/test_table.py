from __future__ import annotations

from pathlib import Path

import pandas as pd

from missive.export import Selection
from missive.export.table import COLUMNS, write_csv
from missive.store import Store


def test_csv_opens_in_pandas_with_the_right_types(samples_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letters.csv"
    count = write_csv(samples_store, path)
    frame = pd.read_csv(path, parse_dates=["date"], true_values=["true"], false_values=["false"])
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == count == len(list(samples_store.documents()))
    assert pd.api.types.is_numeric_dtype(frame["number"])
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["number_printed"].dtype == bool
    assert frame["low_confidence"].dtype == bool
    assert pd.api.types.is_float_dtype(frame["confidence"])
    assert frame["id"].is_unique


def test_one_row_per_document_with_joined_parties(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "letters.csv"
    write_csv(store, path, selection=Selection(source="other.txt"))
    frame = pd.read_csv(path, keep_default_na=False)
    assert set(frame["source"]) == {"other.txt"}
    assert all(";" not in key or "; " in key for key in frame["senders"])
