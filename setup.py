"""The one thing pyproject.toml cannot say: where the shipped folders are, all under visualiser.resources.

The top-level resources/ folder installs as visualiser.resources, and packaging/linux/ (the desktop entry and
AppStream metainfo, which --install-desktop-entry installs) as its folder linux. visualiser/resource_files.py
lists the same folders for the code, and finds them in a checkout too.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["visualiser", "visualiser.*"]), "visualiser.resources",
              "visualiser.resources.linux"],
    package_dir={"visualiser.resources": "resources", "visualiser.resources.linux": "packaging/linux"},
    package_data={"visualiser.resources": ["lessons/*.json", "icons/*"],
                  "visualiser.resources.linux": ["*.desktop", "*.metainfo.xml"]},
)
