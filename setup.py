"""Only what pyproject.toml cannot say: the repository keeps its models in the top-level ``models/``
folder, and the wheel ships them inside the package as ``pipeline/models/`` (found there by
``pipeline.modelstore``).  Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["pipeline", "pipeline.*"]), "pipeline.models"],
    package_dir={"pipeline.models": "models"},
)
