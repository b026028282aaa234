"""The one thing pyproject.toml cannot say: the top-level resources/ folder installs as visualiser.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["visualiser", "visualiser.*"]), "visualiser.resources"],
    package_dir={"visualiser.resources": "resources"},
    package_data={"visualiser.resources": ["lessons/*.json", "icons/*"]},
)
