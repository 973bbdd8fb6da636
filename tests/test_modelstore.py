"""The model store's resolution order: option, VANBAN_MODELS, packaged default, checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import modelstore
from pipeline.errors import ModelMissingError


def _folder(root: Path, name: str, *files: str) -> Path:
    folder = root / name
    folder.mkdir()
    for f in (modelstore.MANIFEST, *files):
        (folder / f).write_text("{}", "utf-8")
    return folder


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Four model folders and a store whose packaged and checkout defaults point at two of them."""
    monkeypatch.delenv(modelstore.ENV_VAR, raising=False)
    out = {n: _folder(tmp_path, n, "neural.pt") for n in ("option", "env", "packaged", "checkout")}
    monkeypatch.setattr(modelstore, "PACKAGED", out["packaged"])
    monkeypatch.setattr(modelstore, "CHECKOUT", out["checkout"])
    return out


def test_option_wins_over_everything(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(modelstore.ENV_VAR, str(places["env"]))
    assert modelstore.models_dir(places["option"]) == places["option"]
    assert modelstore.models_dir(str(places["option"])) == places["option"]


def test_environment_variable_before_the_defaults(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(modelstore.ENV_VAR, str(places["env"]))
    assert modelstore.models_dir() == places["env"]
    monkeypatch.setenv(modelstore.ENV_VAR, "")  # empty = unset
    assert modelstore.models_dir() == places["packaged"]


def test_packaged_default_before_the_checkout(places: dict[str, Path]) -> None:
    assert modelstore.models_dir() == places["packaged"]
    (places["packaged"] / modelstore.MANIFEST).unlink()  # an incomplete packaged folder is skipped
    assert modelstore.models_dir() == places["checkout"]


def test_model_path_picks_the_first_place_holding_the_file(places: dict[str, Path]) -> None:
    (places["checkout"] / "extra.json").write_text("{}", "utf-8")
    assert modelstore.model_path("neural.pt") == places["packaged"] / "neural.pt"
    assert modelstore.model_path("extra.json") == places["checkout"] / "extra.json"


def test_an_explicit_location_is_authoritative(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A mistyped location is an error, not a silent fall-back to other models.
    missing = places["option"].parent / "nowhere"
    with pytest.raises(ModelMissingError) as err:
        modelstore.models_dir(missing)
    assert str(missing) in str(err.value) and str(places["packaged"]) not in str(err.value)
    monkeypatch.setenv(modelstore.ENV_VAR, str(missing))
    with pytest.raises(ModelMissingError, match=modelstore.ENV_VAR):
        modelstore.models_dir()


def test_the_error_names_every_place_tried(places: dict[str, Path]) -> None:
    with pytest.raises(ModelMissingError) as err:
        modelstore.model_path("no-such-model.bin")
    message = str(err.value)
    assert err.value.code == "VB301"
    assert "no-such-model.bin" in message
    assert str(places["packaged"]) in message and str(places["checkout"]) in message
    assert modelstore.ENV_VAR in message  # the hint says how to point at other models


def test_the_real_store_finds_the_shipped_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(modelstore.ENV_VAR, raising=False)
    folder = modelstore.models_dir()
    assert folder in (modelstore.PACKAGED, modelstore.CHECKOUT)
    for name in ("restore_lm.npz", "restore_inventory.tsv", "channel-eng.json.gz", "neural.pt"):
        assert (folder / name).is_file()


def test_restore_options_set_the_folder_of_the_process(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(modelstore.ENV_VAR, str(places["env"]))
    monkeypatch.setattr(modelstore, "_configured", None)
    modelstore.configure(places["option"])
    assert modelstore.models_dir() == places["option"]  # the option wins over VANBAN_MODELS
    modelstore.configure(None)
    assert modelstore.models_dir() == places["env"]


def test_restorer_with_a_models_dir_that_lacks_the_lm_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.options import RestoreOptions
    from pipeline.restore import Restorer

    monkeypatch.setattr(modelstore, "_configured", None)
    empty = tmp_path / "no-models"
    empty.mkdir()
    with pytest.raises(ModelMissingError) as err:
        Restorer(RestoreOptions(models_dir=str(empty)))
    assert str(empty) in str(err.value)
    modelstore.configure(None)


def test_switching_folders_switches_the_accurate_model(tmp_path: Path) -> None:
    """A process that points the store at another folder gets that folder's tagger, not the one
    it loaded first (a bench comparing two model folders once scored the first folder twice)."""
    pytest.importorskip("torch")
    from pipeline.restore import api

    shipped = modelstore.CHECKOUT / "neural.pt"
    if not shipped.is_file():
        pytest.skip("models/neural.pt not shipped")
    a, b = _folder(tmp_path, "a"), _folder(tmp_path, "b")
    for folder in (a, b):
        (folder / "neural.pt").symlink_to(shipped)
    try:
        modelstore.configure(a)
        first, again = api._neural_restorer(), api._neural_restorer()
        modelstore.configure(b)
        other = api._neural_restorer()
    finally:
        modelstore.configure(None)
    assert first is again
    assert other is not first
