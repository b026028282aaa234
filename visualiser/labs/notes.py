"""A lesson scene's note: Markdown-light text, turned into the little HTML a Qt label shows.

What a note may hold: paragraphs (a blank line between them), **bold**, *italic*, and `inline
maths or code` set in a fixed-width font. Everything else is text: the note comes from a file
someone shared, so it is escaped first and no tag, link or image of its own ever reaches the label.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


def note_html(note: str) -> str:
    """The note as HTML paragraphs (an empty note gives an empty string)."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", note.replace("\r\n", "\n")) if part.strip()]
    return "".join(f"<p>{_inline(paragraph)}</p>" for paragraph in paragraphs)


def _inline(paragraph: str) -> str:
    pieces = _CODE.split(paragraph)  # odd pieces are inside backticks: no emphasis there
    out = []
    for index, piece in enumerate(pieces):
        text = html.escape(piece)
        if index % 2:
            out.append(f"<code>{text}</code>")
        else:
            bold = _BOLD.split(text)  # odd pieces are bold; italics are found inside each piece, so tags nest
            out.append("".join(f"<b>{_italic(part)}</b>" if i % 2 else _italic(part) for i, part in enumerate(bold))
                       .replace("\n", " "))
    return "".join(out)


def _italic(text: str) -> str:
    return _ITALIC.sub(r"<i>\1</i>", text)
