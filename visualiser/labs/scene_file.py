"""One file format for a scene, and one checked reader that names the first bad field.

A scene file is JSON::

    {"format": "visualiser-scene", "version": 1,
     "scene": {"lab": "roots", "expression": "x^3 - 2", "bracket": [0.0, 2.0], ...}}

``"lab"`` picks the scene type (see :mod:`.registry`); a field left out takes its default. Reading
is strict, because a file may come from anywhere (an older version, a hand edit, a shared lesson):
msgspec decodes straight into the frozen scene structs (unknown fields, wrong types, numbers out
of float range and NaN are refused), and each struct's own checks run as it is built. The first
problem comes back as one :class:`SceneFileError` sentence with the path of the field::

    scene.runs[2].hyperparameters: lr must be positive, not -1
"""

from __future__ import annotations

import re
from typing import Union

import msgspec

from .registry import LABS
from .scene import Scene

FORMAT = "visualiser-scene"
VERSION = 1
MAX_BYTES = 5 * 2**20  # far above any real scene; a bigger file is refused before it is parsed

# Every lab's scene type, as one tagged union (lesson files hold scenes of any lab).
SCENE_TYPES = Union[tuple(kind.scene_type for kind in LABS.values())]  # noqa: UP007 - built at run time


class SceneFileError(ValueError):
    """A scene that cannot be read, in one sentence."""


class _Header(msgspec.Struct):
    format: str
    version: int


class _SceneFile(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    version: int
    scene: SCENE_TYPES


def scene_to_json(scene: Scene) -> str:
    return msgspec.json.encode(_SceneFile(FORMAT, VERSION, scene)).decode()


def scene_from_json(data: str | bytes, lab: str | None = None) -> Scene:
    """The scene in ``data``; with ``lab``, it must be a scene of that lab. Raises :class:`SceneFileError`."""
    scene = decode_checked(data, _SceneFile, FORMAT, VERSION).scene
    if lab is not None and scene_lab(scene) != lab:
        raise SceneFileError(f"a scene of the {scene_lab(scene)} lab, not of the {lab} lab")
    return scene


def scene_lab(scene: Scene) -> str:
    return type(scene).__struct_config__.tag


def decode_checked(data: str | bytes, struct_type: type, format_name: str, version: int):
    """Decode ``data`` into ``struct_type`` after checking its ``format`` and ``version``."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if not isinstance(data, bytes):
        raise SceneFileError("nothing readable was saved")
    if len(data) > MAX_BYTES:
        raise SceneFileError(f"too large ({len(data) / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)")
    try:
        header = msgspec.json.decode(data, type=_Header)
    except msgspec.ValidationError:
        raise SceneFileError(f'not a {format_name} file (no "format" and "version" fields)') from None
    except msgspec.DecodeError as error:
        raise SceneFileError(f"not valid JSON ({_plain(str(error))})") from None
    except RecursionError:  # arrays nested thousands deep
        raise SceneFileError(f"nested too deeply to be a {format_name} file") from None
    if header.format != format_name:
        raise SceneFileError(f"not a {format_name} file (its format is '{header.format}')")
    if header.version != version:
        newer = " written by a newer visualiser" if header.version > version else ""
        raise SceneFileError(f"version {header.version}{newer}; this visualiser reads version {version}")
    try:
        return msgspec.json.decode(data, type=struct_type)
    except msgspec.ValidationError as error:
        raise SceneFileError(describe(error)) from None
    except RecursionError:  # arrays nested thousands deep where a number belongs
        raise SceneFileError(f"nested too deeply to be a {format_name} file") from None


_AT_PATH = re.compile(r"(?P<message>.*) - at `\$(?P<path>[^`]*)`", re.DOTALL)
_FIELD_FIRST = re.compile(r"(?P<field>[a-z_][a-z0-9_.\[\]]*): (?P<problem>.*)", re.DOTALL)


def describe(error: msgspec.ValidationError) -> str:
    """msgspec's message as ``path: problem``: ``scene.runs[2].max_steps: expected 'int', got 'str'``."""
    match = _AT_PATH.fullmatch(str(error))
    message, path = (match["message"], match["path"].lstrip(".")) if match else (str(error), "")
    field = _FIELD_FIRST.fullmatch(message)  # a SceneError raised by a struct's own check
    if field:
        path = f"{path}.{field['field']}" if path else field["field"]
        message = field["problem"]
    else:
        message = _plain(message)
    if path.endswith("lab") and message.startswith("invalid value"):
        message = f"{message.replace('invalid value', 'unknown lab')} (this visualiser has {', '.join(LABS)})"
    return f"{path}: {message}" if path else message


def _plain(message: str) -> str:
    """msgspec's wording without its backticks and capital: ``expected int, got str``."""
    message = message.replace("`", "'")
    return message if message[1:2].isupper() else message[:1].lower() + message[1:]
