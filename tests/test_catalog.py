"""The bank on disk: ids checked before any work starts."""

from __future__ import annotations

import pytest

from judge.catalog import Catalog, NotFoundError

from conftest import PROBLEMS


def test_chosen_ids_are_checked_and_none_means_every_problem() -> None:
    """Given ids are kept in order once each names a problem; an unknown one fails with a suggestion."""
    catalog = Catalog(PROBLEMS)
    assert catalog.chosen_ids(["softmax", "sigmoid"]) == ["softmax", "sigmoid"]
    assert catalog.chosen_ids(None) == catalog.chosen_ids([]) == catalog.ids()
    with pytest.raises(NotFoundError, match="softmax"):
        catalog.chosen_ids(["sigmoid", "sofmax"])
