"""One model store: where the shipped models (n-gram LM, channels, neural tagger) are found.

Resolution order, first match wins:

1. an explicit location passed by the caller (from the options);
2. the ``VANBAN_MODELS`` environment variable;
3. the packaged default inside the installed package (``pipeline/models/`` in a wheel);
4. the source checkout's top-level ``models/`` (editable installs, running from the repository).

An explicit location (1 or 2) is authoritative: when it is set it is the only place looked at, so a
mistyped ``VANBAN_MODELS`` is an error instead of a silent fall-back to other models.  Without one,
the packaged default and the checkout are tried in that order.  When no place has the model the
error (``ModelMissingError``, VB301) names every place tried.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import ModelMissingError

ENV_VAR = "VANBAN_MODELS"
MANIFEST = "MANIFEST.json"  # present in every complete models folder (written by the trainers)
PACKAGED = Path(__file__).resolve().parent / "models"  # pipeline/models/ inside a wheel
CHECKOUT = Path(__file__).resolve().parents[1] / "models"  # <repo>/models/ beside pipeline/


_configured: Path | None = None  # RestoreOptions.models_dir of this process (``configure``)


def configure(override: str | os.PathLike[str] | None) -> None:
    """Set this process's models folder from the options (``None`` or "" = the default order).

    The restore stage calls it when it is built, in each worker process, so every loader that is
    not handed a folder explicitly resolves the same one.
    """
    global _configured
    _configured = Path(override).expanduser() if override is not None and str(override) != "" else None


def candidates(override: str | os.PathLike[str] | None = None) -> list[tuple[str, Path]]:
    """The places to look, in order, each with where it came from (for messages)."""
    if override is not None and str(override) != "":
        return [("option", Path(override).expanduser())]
    if _configured is not None:
        return [("option", _configured)]
    env = os.environ.get(ENV_VAR, "")
    if env:
        return [(ENV_VAR, Path(env).expanduser())]
    return [("packaged", PACKAGED), ("checkout", CHECKOUT)]


def models_dir(override: str | os.PathLike[str] | None = None, *, need: str = MANIFEST) -> Path:
    """The models folder: the first place in the resolution order that holds ``need``.

    ``need`` is a file name inside the folder (default: the models manifest).  Raises
    ``ModelMissingError`` naming every place tried when none holds it.
    """
    tried = candidates(override)
    for _source, folder in tried:
        if (folder / need).is_file():
            return folder
    where = "; ".join(f"{folder} ({source})" for source, folder in tried)
    raise ModelMissingError(
        f"model file {need} not found; looked in {where}",
        path=str(tried[0][1] / need),
        hint=(
            f"Set {ENV_VAR} to a folder holding the models, reinstall vanban (the wheel ships them "
            "in pipeline/models/), or rebuild them with `make models`."
        ),
    )


def model_path(name: str, override: str | os.PathLike[str] | None = None) -> Path:
    """The path of the model file ``name`` (e.g. ``"neural.pt"``) in the resolved models folder."""
    return models_dir(override, need=name) / name
