"""Reading ``course_data/`` in a language: files, their translations, the strings, the course.

English is the source. A translation is a copy of a content file in
``course_data/translations/<language>/`` (used when present, checked by the same schema) and a
strings file ``course_data/strings/<language>.yaml`` (keys it lacks fall back to English). The
pseudo-language is generated from English (:mod:`.pseudo`).
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import languages as lang
from . import pseudo
from .course import Course
from .models import (
    ActorsFile,
    CoalitionsFile,
    ContentError,
    GlossaryEntry,
    Outline,
    ReadingFile,
    Source,
    TBNetFile,
    TreatyBodiesFile,
)
from .models import Case as CaseFile
from .worksheet import WorksheetData

try:  # libyaml is several times faster where it is available
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "course_data"
TRANSLATIONS = "translations"
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def _entry_name(data: Any, loc: tuple) -> str:
    """Describe the entry a validation error points at, e.g. ``treaty_bodies[4] 'CAT'``."""
    node, path, name = data, "", None
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
            path += f"[{part}]"
            if isinstance(node, dict):
                label = node.get("id") or node.get("acronym") or node.get("term")
                name = f"{path} '{label}'" if label else path
        elif isinstance(node, dict) and part in node:
            node = node[part]
            path += f".{part}" if path else str(part)
        else:
            break
    return name or path or "(top level)"


def _format_error(filename: str, data: Any, err: ValidationError, prefix: tuple = ()) -> str:
    lines = []
    for e in err.errors():
        loc = tuple(e["loc"])[len(prefix) :]
        field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "(whole file)"
        lines.append(f"{filename}: entry {_entry_name(data, loc)}, field '{field}': {e['msg']}")
    return "\n".join(lines)


def _read_file(path: Path, filename: str) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except FileNotFoundError:
        raise ContentError(f"{filename}: file not found in {path.parent}") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{filename}: not valid YAML: {exc}") from None


def _read(directory: Path, filename: str, language: str = lang.DEFAULT) -> Any:
    """The data of a content file in ``language``: its translation if there is one."""
    directory = Path(directory)
    if language == lang.PSEUDO:
        return pseudo.data(_read_file(directory / filename, filename))
    translated = directory / TRANSLATIONS / language / filename
    if language != lang.DEFAULT and translated.exists():
        return _read_file(translated, f"{TRANSLATIONS}/{language}/{filename}")
    return _read_file(directory / filename, filename)


def _parse(directory: Path, filename: str, model: type[BaseModel], language: str) -> Any:
    data = _read(directory, filename, language)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_format_error(filename, data, exc)) from None


def _parse_list(directory: Path, filename: str, item: type[BaseModel], language: str) -> tuple:
    data = _read(directory, filename, language)
    if not isinstance(data, list):
        raise ContentError(f"{filename}: entry (top level), field '(whole file)': expected a list")
    out = []
    for i, entry in enumerate(data):
        try:
            out.append(item.model_validate(entry))
        except ValidationError as exc:
            lines = []
            for e in exc.errors():
                field = ".".join(str(p) for p in e["loc"]) or "(whole entry)"
                label = entry.get("id") or entry.get("term") if isinstance(entry, dict) else None
                name = f"[{i}] '{label}'" if label else f"[{i}]"
                lines.append(f"{filename}: entry {name}, field '{field}': {e['msg']}")
            raise ContentError("\n".join(lines)) from None
    return tuple(out)


def _check_strings(table: Any, filename: str) -> dict:
    if not isinstance(table, dict) or not all(
        isinstance(v, str)
        or (isinstance(v, dict) and "other" in v and all(isinstance(x, str) for x in v.values()))
        for v in table.values()
    ):
        raise ContentError(
            f"{filename}: entry (top level), field '(whole file)': expected a mapping of keys to text"
        )
    return table


def read_strings(directory: Path, language: str = lang.DEFAULT) -> dict[str, Any]:
    """The interface strings in ``language``: English, overlaid with the language's own file."""
    english = _check_strings(_read_file(directory / "strings/en.yaml", "strings/en.yaml"), "en")
    if language == lang.PSEUDO:
        return pseudo.strings(english)
    own = directory / "strings" / f"{language}.yaml"
    if language == lang.DEFAULT or not own.exists():
        return english
    return {**english, **_check_strings(_read_file(own, own.name), f"strings/{language}.yaml")}


def _blocks(data: Any, filename: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(b, str) for b in v) for v in data.values()
    ):
        raise ContentError(f"{filename}: entry (top level): expected page ids with Markdown blocks")
    return {k: tuple(v) for k, v in data.items()}


def read_prose(directory: Path, language: str = lang.DEFAULT) -> dict[str, tuple[str, ...]]:
    """The pages' prose (``pages.yaml``): page id to its Markdown blocks, in ``language``."""
    english = _blocks(_read_file(directory / "pages.yaml", "pages.yaml"), "pages.yaml")
    if language == lang.PSEUDO:
        return {k: tuple(pseudo.markdown(b) for b in v) for k, v in english.items()}
    return _blocks(_read(directory, "pages.yaml", language), "pages.yaml")


def anchors(prose: dict[str, tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The ids of each block's headings, as Jupyter builds them from the text (spaces to ``-``)."""
    return {
        page: tuple(tuple(h.replace(" ", "-") for h in HEADING.findall(b)) for b in blocks)
        for page, blocks in prose.items()
    }


def load_from(directory: str | Path, language: str = lang.DEFAULT) -> Course:
    """Load and validate the course content found in ``directory`` (no caching)."""
    d = Path(directory)
    tb = _parse(d, "treaty_bodies.yaml", TreatyBodiesFile, language)
    net = _parse(d, "tbnet.yaml", TBNetFile, language)
    actors = _parse(d, "actors.yaml", ActorsFile, language)
    coal = _parse(d, "coalitions.yaml", CoalitionsFile, language)
    english_prose = read_prose(d)
    fields = dict(
        language=language,
        sources=_parse_list(d, "sources.yaml", Source, language),
        treaty_bodies=tb.treaty_bodies,
        procedures=tb.procedures,
        tbnet=net.tbnet,
        members=net.members,
        no_dedicated_ngo=net.no_dedicated_ngo,
        other_ngos=net.other_ngos,
        national_actors=actors.national_actors,
        mapping=actors.mapping,
        denmark_example=actors.denmark_example,
        forms=coal.forms,
        partners=coal.partners,
        reasons=coal.reasons,
        glossary=_parse_list(d, "glossary.yaml", GlossaryEntry, language),
        glossary_terms=tuple(g["term"] for g in _read(d, "glossary.yaml")),
        outline=_parse(d, "outline.yaml", Outline, language),
        safety=_parse(d, "reading.yaml", ReadingFile, language).safety,
        case=_parse(d, "case.yaml", CaseFile, language),
        strings=read_strings(d, language),
        worksheet=_parse(d, "worksheet.yaml", WorksheetData, language),
        prose=english_prose if language == lang.DEFAULT else read_prose(d, language),
        anchors=anchors(english_prose),
    )
    try:
        return Course(**fields)
    except ValidationError as exc:
        msgs = [f"course_data (cross-check): {e['msg']}" for e in exc.errors()]
        raise ContentError("\n".join(msgs)) from None


def data_dir() -> Path:
    """Where course content is read from: ``$COURSE_DATA_DIR`` or the repository's ``course_data``."""
    return Path(os.environ.get("COURSE_DATA_DIR") or DEFAULT_DIR)


@cache
def _load_cached(directory: str, language: str) -> Course:
    return load_from(directory, language)


def language() -> str:
    """The language the course is shown in (see :mod:`widgets.content.languages`)."""
    return lang.choose(lang.requested(), data_dir())


def load(language: str | None = None) -> Course:
    """The course content in ``language`` (default: the one setting), loaded once per kernel."""
    directory = data_dir()
    chosen = lang.choose(language if language is not None else lang.requested(), directory)
    return _load_cached(str(directory), chosen)
