"""Loading content packs into one validated library.

A pack is a folder with any of ``dilemmas/``, ``statements/``, ``initiatives/``,
``programmas/`` and at most one ``kader.yaml``. The built-in pack comes first; extra packs
add items and may extend the kader. Every problem in every file is collected (``check``
reports them all); commands that need content refuse to run on a broken library.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gesprek.content import models, safe_yaml
from gesprek.content.messages import dutch, strip_tag, suggestion_for
from gesprek.errors import ContentErrors, Problem, UsageError, display_path, os_reason, suggest

FOLDERS = ("dilemmas", "statements", "initiatives", "programmas")
KADER_FILE = "kader.yaml"
_KADER_FIELDS = {
    # item field -> kader kind
    "thema": "themas",
    "kernwaarden": "kernwaarden",
    "doelgroep": "doelgroepen",
    "loketten": "loketten",
    "pijler": "pijlers",
    "themas": "themas",
}
_KIND_NAMES = {
    "themas": "thema",
    "kernwaarden": "kernwaarde",
    "doelgroepen": "doelgroep",
    "loketten": "loket",
    "pijlers": "pijler",
}


@dataclass
class Source:
    path: Path
    doc: safe_yaml.Document

    def line(self, loc: tuple[Any, ...] = ()) -> int | None:
        return self.doc.line_of(loc)


_NO_DOC = safe_yaml.Document(data=None)


@dataclass
class Library:
    """All loaded items by id, the merged kader, and where each item came from."""

    items: dict[str, Any] = field(default_factory=dict)
    kader: dict[str, dict[str, models.KaderEntry]] = field(
        default_factory=lambda: {kind: {} for kind in models.Kader.KINDS}
    )
    sources: dict[str, Source] = field(default_factory=dict)
    packs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def of_type(self, *types: str) -> list[Any]:
        return [item for item in self.items.values() if item.type in types]

    def get(self, item_id: str) -> Any:
        try:
            return self.items[item_id]
        except KeyError:
            raise UsageError(
                f"onbekend item '{item_id}'" + suggest(item_id, self.items),
                hint="'gesprek inhoud' toont alle ids.",
            ) from None

    def naam(self, kind: str, entry_id: str) -> str:
        """Display name of a kader entry (its id if unknown)."""
        entry = self.kader.get(kind, {}).get(entry_id)
        return entry.naam if entry else entry_id


def pack_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """The built-in pack followed by the extra packs, each once."""
    from gesprek.paths import builtin_content, extra_packs_from_env

    extras = [pack_root(Path(raw)) for raw in [*extra_packs_from_env(), *extra]]
    # Checking a gesprek checkout's own content/ (the pre-commit hook in this repository,
    # with gesprek installed from a copy): that folder is the built-in pack, not an extra.
    own = [p for p in extras if is_gesprek_checkout_content(p)]
    base = own[0] if own else builtin_content()
    result: list[Path] = []
    seen: set[Path] = set()
    for path in [base, *extras]:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            result.append(path)
    return result


def is_gesprek_checkout_content(path: Path) -> bool:
    """True for the content/ folder of a gesprek source checkout."""
    project = path.parent / "pyproject.toml"
    if path.name != "content" or not project.is_file():
        return False
    try:
        return 'name = "gesprek"' in project.read_text(encoding="utf-8")
    except OSError:
        return False


def pack_root(path: Path) -> Path:
    """A pack folder for a path: the folder itself, or for a file or one of the item
    folders, the pack that holds it."""
    if not path.exists():
        raise UsageError(f"{display_path(path)}: bestaat niet")
    if path.is_file():
        path = path.parent
    if path.name in FOLDERS:
        path = path.parent
    return path


def load(extra: Sequence[Path] = (), *, strict: bool = True) -> Library:
    """Load the built-in pack and ``extra`` packs. With ``strict``, raise ContentErrors
    when anything is wrong (a valid library may come from the cache); else read every
    file and leave the problems in ``library.problems``."""
    packs = pack_paths(extra)
    cache_key = None
    if strict:
        from gesprek.content import cache

        cache_key = cache.key(packs, FOLDERS, KADER_FILE)
        cached = cache.read(cache_key) if cache_key else None
        if cached is not None:
            items, kader, paths, files = cached
            sources = {item_id: Source(Path(p), _NO_DOC) for item_id, p in paths.items()}
            return Library(items, kader, sources, packs, [], files)
    library = Library(packs=packs)
    adapter = models.item_adapter()
    # Loaded content holds no reference cycles; the collector would only keep rescanning
    # the growing library (about 15% of a large check).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for pack in library.packs:
            _load_pack(library, pack, adapter)
        _check_references(library)
    finally:
        if collecting:
            gc.enable()
    library.problems.sort()
    if strict and library.problems:
        raise ContentErrors(library.problems)
    if cache_key:
        paths = {item_id: str(source.path) for item_id, source in library.sources.items()}
        cache.write(cache_key, (library.items, library.kader, paths, library.files))
    return library


def _files(pack: Path) -> Iterable[tuple[str, Path]]:
    for folder in FOLDERS:
        directory = pack / folder
        if not directory.is_dir():
            continue
        for entry in sorted(directory.iterdir()):
            if entry.suffix in (".yaml", ".yml"):
                yield folder, entry


def _read(library: Library, path: Path) -> safe_yaml.Document | None:
    shown = display_path(path)
    try:
        if path.stat().st_size > safe_yaml.MAX_BYTES:
            raise safe_yaml.YamlProblem(
                f"het bestand is te groot (hooguit {safe_yaml.MAX_BYTES // 1024} KiB)"
            )
        doc = safe_yaml.load(path.read_bytes())
    except OSError as exc:
        library.problems.append(
            Problem(shown, None, f"kan het bestand niet lezen ({os_reason(exc)})")
        )
        return None
    except safe_yaml.YamlProblem as exc:
        library.problems.append(Problem(shown, exc.line, exc.message))
        return None
    if doc.data is None:
        library.problems.append(Problem(shown, None, "het bestand is leeg"))
        return None
    if not isinstance(doc.data, dict):
        library.problems.append(
            Problem(
                shown,
                1,
                "bovenaan moeten regels 'sleutel: waarde' staan, "
                f"geen {'lijst' if isinstance(doc.data, list) else 'losse waarde'}",
            )
        )
        return None
    return doc


def _validation_problems(shown: str, doc: safe_yaml.Document, exc: Any) -> list[Problem]:
    problems = []
    errors = exc.errors()
    # A misspelt required field ('situtie') is one mistake: report the unknown key with its
    # suggestion, not also the missing field it was meant to be.
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = strip_tag(tuple(error["loc"]), doc.data)
            close = suggestion_for(str(loc[-1]))
            if close:
                meant.add((*loc[:-1], close))
    for error in errors:
        loc = strip_tag(tuple(error["loc"]), doc.data)
        if error["type"] == "missing" and loc in meant:
            continue
        # An unknown type is reported at the top level; its line is the 'type' line.
        where = ("type",) if error["type"] == "union_tag_invalid" else loc
        problems.append(Problem(shown, doc.line_of(where), dutch(error, loc)))
    return problems


def _load_pack(library: Library, pack: Path, adapter: Any) -> None:
    from pydantic import ValidationError

    kader_path = pack / KADER_FILE
    if kader_path.exists():
        _load_kader(library, kader_path)
    for folder, path in _files(pack):
        library.files += 1
        shown = display_path(path)
        if path.suffix != ".yaml":
            library.problems.append(Problem(shown, None, "gebruik de extensie .yaml, niet .yml"))
            continue
        doc = _read(library, path)
        if doc is None:
            continue
        try:
            item = adapter.validate_python(doc.data)
        except ValidationError as exc:
            library.problems.extend(_validation_problems(shown, doc, exc))
            continue
        source = Source(path, doc)
        if item.id != path.stem:
            library.problems.append(
                Problem(
                    shown,
                    source.line(("id",)),
                    f"id '{item.id}' verschilt van de bestandsnaam; noem het bestand "
                    f"'{item.id}.yaml' of maak de id '{path.stem}'",
                )
            )
        expected = models.TYPE_FOLDERS[item.type]
        if folder != expected:
            library.problems.append(
                Problem(
                    shown,
                    source.line(("type",)),
                    f"een {item.type} hoort in de map {expected}/, niet in {folder}/",
                )
            )
        if item.id in library.items:
            first = display_path(library.sources[item.id].path)
            library.problems.append(
                Problem(shown, source.line(("id",)), f"id '{item.id}' bestaat al in {first}")
            )
            continue
        library.items[item.id] = item
        library.sources[item.id] = source


def _load_kader(library: Library, path: Path) -> None:
    from pydantic import ValidationError

    library.files += 1
    shown = display_path(path)
    doc = _read(library, path)
    if doc is None:
        return
    try:
        kader = models.Kader.model_validate(doc.data)
    except ValidationError as exc:
        library.problems.extend(_validation_problems(shown, doc, exc))
        return
    for kind in models.Kader.KINDS:
        merged = library.kader[kind]
        for index, entry in enumerate(getattr(kader, kind)):
            if entry.id in merged:
                library.problems.append(
                    Problem(
                        shown,
                        doc.line_of((kind, index, "id")),
                        f"{_KIND_NAMES[kind]} '{entry.id}' staat al in het kader",
                    )
                )
            else:
                merged[entry.id] = entry


def _check_references(library: Library) -> None:
    beroepscode = {i.id for i in library.of_type("beroepscode")}
    session = {i.id for i in library.of_type(*models.SESSION_TYPES)}
    for item_id, item in library.items.items():
        source = library.sources[item_id]
        shown = display_path(source.path)

        def report(
            loc: tuple[Any, ...], message: str, shown: str = shown, source: Source = source
        ) -> None:
            library.problems.append(Problem(shown, source.line(loc), message))

        for name, kind in _KADER_FIELDS.items():
            value = getattr(item, name, None)
            if value is None:
                continue
            known = library.kader[kind]
            values = value if isinstance(value, list) else [value]
            for index, ref in enumerate(values):
                if ref not in known:
                    loc = (name, index) if isinstance(value, list) else (name,)
                    report(loc, f"onbekend {_KIND_NAMES[kind]} '{ref}'" + suggest(ref, known))
        for index, ref in enumerate(getattr(item, "beroepscode", [])):
            if ref not in beroepscode:
                report(
                    ("beroepscode", index),
                    f"onbekend beroepscode-item '{ref}'" + suggest(ref, beroepscode),
                )
        if item.type == "programma":
            for index, part in enumerate(item.onderdelen):
                if part.item not in session:
                    what = (
                        f"'{part.item}' is geen gespreksitem maar een {library.items[part.item].type}"
                        if part.item in library.items
                        else f"onbekend item '{part.item}'" + suggest(part.item, session)
                    )
                    report(("onderdelen", index, "item"), what)
            total = sum(part.duur for part in item.onderdelen)
            if total != item.duur:
                report(
                    ("duur",),
                    f"de onderdelen duren samen {total} minuten, maar 'duur' is {item.duur}",
                )
