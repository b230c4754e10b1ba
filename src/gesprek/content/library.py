"""Loading content packs into one validated library.

A pack is a folder with any of ``dilemmas/``, ``statements/``, ``initiatives/``,
``programmas/`` and at most one ``kader.yaml``. The built-in pack comes first; extra packs
add items and may extend the kader. Every problem in every file is collected (``check``
reports them all); commands that need content refuse to run on a broken library.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gesprek.content import models, safe_yaml
from gesprek.content.messages import dutch, strip_tag, suggestion_for
from gesprek.errors import ContentErrors, Problem, UsageError, display_path, os_reason, suggest

FOLDERS = ("dilemmas", "statements", "initiatives", "programmas")
_FOLDER_OF = models.TYPE_FOLDERS
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
    if not is_pack(path) and is_pack(path / "content"):
        # The root of a repository whose pack is its content/ folder (like gesprek's own).
        path = path / "content"
    return path


def is_pack(path: Path) -> bool:
    """True for a folder with a kader.yaml or any of the item folders."""
    return (path / KADER_FILE).is_file() or any((path / f).is_dir() for f in FOLDERS)


def load(extra: Sequence[Path] = (), *, strict: bool = True, loose: Sequence[Path] = ()) -> Library:
    """Load the built-in pack and ``extra`` packs. With ``strict``, raise ContentErrors
    when anything is wrong (a valid library may come from the cache); else read every
    file, report YAML files in a pack outside the known folders, and leave the problems in
    ``library.problems``. ``loose`` files are checked as items wherever they are."""
    return load_packs(pack_paths(extra), strict=strict, loose=loose)


def load_packs(
    packs: Sequence[Path], *, strict: bool = True, loose: Sequence[Path] = ()
) -> Library:
    """Load exactly ``packs``, in order, as ``load`` does. ``load`` puts the built-in pack
    first; the tests load their own small pack alone, so that editing the shipped content
    cannot break a test of the engine, the store or the deck."""
    packs = list(packs)
    cache_key = None
    if strict and not loose:
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
    loaded = _Loaded()
    try:
        for pack in library.packs:
            _load_pack(library, pack, adapter, loaded, strays=not strict)
        for path in loose:
            _load_loose(library, path, adapter, loaded)
        _settle_ids(library, loaded)
        _check_references(library, loaded)
    finally:
        if collecting:
            gc.enable()
    library.problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    if strict and library.problems:
        raise ContentErrors(library.problems)
    if cache_key:
        paths = {item_id: str(source.path) for item_id, source in library.sources.items()}
        cache.write(cache_key, (library.items, library.kader, paths, library.files))
    return library


def check(packs: Sequence[Path] = (), paths: Sequence[Path] = ()) -> Library:
    """What ``gesprek check`` reports. ``paths`` are packs (folders) or files. A file in an
    item folder is checked within its pack; any other named file is checked as an item
    wherever it is. With only files named (a pre-commit hook), only their problems count,
    so a broken draft elsewhere does not block a commit."""
    folders: list[Path] = []
    in_packs: list[Path] = []
    loose: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{display_path(path)}: bestaat niet")
        if path.is_file() and any(
            part.startswith(".") and part not in (".", "..") for part in path.parts
        ):
            continue  # hidden files and folders (.github/, .pre-commit-config.yaml)
        if path.is_dir():
            folders.append(path)
        elif path.parent.name in FOLDERS or path.name == KADER_FILE:
            in_packs.append(path)
        else:
            loose.append(path)
    library = load([*packs, *folders, *in_packs], strict=False, loose=loose)
    named = [*in_packs, *loose]
    if named and not folders and not any(p.name == KADER_FILE for p in in_packs):
        wanted = {display_path(p) for p in named}
        library.problems = [p for p in library.problems if p.path in wanted]
    return library


def _files(pack: Path) -> Iterable[tuple[str, Path]]:
    for folder in FOLDERS:
        directory = pack / folder
        if not directory.is_dir():
            continue
        for entry in sorted(directory.iterdir()):
            if entry.suffix in (".yaml", ".yml") and not entry.name.startswith("."):
                yield folder, entry


_NOT_CONTENT = {"node_modules", "__pycache__", "site-packages"}


def stray_files(pack: Path) -> list[Path]:
    """YAML files in ``pack`` outside the places where content lives (the item folders
    and the kader at the top). Hidden files and folders (``.github/``,
    ``.pre-commit-config.yaml``) and virtual environments are not content."""
    import os

    found: list[Path] = []
    for root, dirs, names in os.walk(pack):
        here = Path(root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _NOT_CONTENT
            and not (here / d / "pyvenv.cfg").exists()
            and not (here == pack and d in FOLDERS)
        )
        for name in sorted(names):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            if here == pack and name == KADER_FILE:
                continue
            found.append(here / name)
    # Sub-folders inside an item folder are not read either. (scandir: the folder entries'
    # types come with the listing, no stat per item file.)
    for folder in FOLDERS:
        try:
            entries = sorted(
                (e.name for e in os.scandir(pack / folder) if e.is_dir() and e.name[0] != "."),
            )
        except OSError:
            continue
        for name in entries:
            found.extend(
                f
                for f in sorted((pack / folder / name).rglob("*"))
                if f.suffix in (".yaml", ".yml")
                and not any(part.startswith(".") for part in f.relative_to(pack).parts)
            )
    return found


def stray_message(path: Path) -> str:
    """The problem of a YAML file that is not in one of the known folders."""
    import difflib

    known = ", ".join(f"{f}/" for f in FOLDERS)
    close = difflib.get_close_matches(path.parent.name, FOLDERS, n=1, cutoff=0.6)
    meant = f" (bedoelde je '{close[0]}/'?)" if close else ""
    return (
        f"staat niet in een bekende map: {known} of {KADER_FILE} bovenaan het pakket{meant}; "
        "zo leest gesprek het bestand niet"
    )


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


@dataclass
class _Loaded:
    """What the loader gathered before ids and references are settled: each valid item
    with its file in load order, and the raw data of files that failed validation (their
    references are still checked, so errors do not come in rounds)."""

    valid: list[tuple[Any, Source, str | None]] = field(default_factory=list)
    raw: list[tuple[dict[str, Any], Source]] = field(default_factory=list)


def _load_pack(
    library: Library, pack: Path, adapter: Any, loaded: _Loaded, *, strays: bool = False
) -> None:
    kader_path = pack / KADER_FILE
    if kader_path.exists():
        _load_kader(library, kader_path)
    for folder, path in _files(pack):
        _load_item(library, path, folder, adapter, loaded)
    if strays:
        for path in stray_files(pack):
            library.files += 1
            library.problems.append(Problem(display_path(path), None, stray_message(path)))


def _load_loose(library: Library, path: Path, adapter: Any, loaded: _Loaded) -> None:
    """A file named on the command line outside the item folders: checked as an item.
    Inside a pack (next to or below its folders) it is also a misplaced file."""
    _load_item(library, path, None, adapter, loaded)
    for parent in (path.parent, path.parent.parent):
        if is_pack(parent):
            library.problems.append(Problem(display_path(path), None, stray_message(path)))
            break


def _load_item(
    library: Library, path: Path, folder: str | None, adapter: Any, loaded: _Loaded
) -> None:
    from pydantic import ValidationError

    library.files += 1
    if path.suffix != ".yaml":
        library.problems.append(
            Problem(display_path(path), None, "gebruik de extensie .yaml, niet .yml")
        )
        return
    doc = _read(library, path)
    if doc is None:
        return
    source = Source(path, doc)
    booleans = _yaml11_booleans(path, doc)
    try:
        item = adapter.validate_python(doc.data)
    except ValidationError as exc:
        library.problems.extend(_validation_problems(display_path(path), doc, exc))
        library.problems.extend(booleans)
        loaded.raw.append((doc.data, source))
        return
    if booleans:
        library.problems.extend(booleans)
        loaded.raw.append((doc.data, source))
        return
    loaded.valid.append((item, source, folder))


_YAML12_BOOLEANS = re.compile(r"(true|True|TRUE|false|False|FALSE)\s*(#.*)?$")


def _yaml11_booleans(path: Path, doc: safe_yaml.Document) -> list[Problem]:
    """``juist: yes`` loads as true in PyYAML (YAML 1.1) but is text in the editor (YAML
    1.2), which marks it wrong: ``check`` agrees with the editor and wants true or false."""
    data = doc.data
    opties = data.get("opties") if data.get("type") == "kennisvraag" else None
    if not isinstance(opties, list):
        return []
    problems = []
    lines: list[str] | None = None
    for index, option in enumerate(opties):
        if not (isinstance(option, dict) and isinstance(option.get("juist"), bool)):
            continue
        line = doc.line_of(("opties", index, "juist"))
        if line is None:
            continue
        if lines is None:
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError):
                return []
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        value = text.split("juist", 1)[-1].lstrip().removeprefix(":").strip()
        value = value.rstrip("}, ").strip()
        if value and not _YAML12_BOOLEANS.match(value):
            problems.append(
                Problem(
                    display_path(path),
                    line,
                    f"'juist' moet true of false zijn, niet '{value}' "
                    "(editors lezen dat als tekst)",
                )
            )
    return problems


def _settle_ids(library: Library, loaded: _Loaded) -> None:
    """Ids unique across all packs and equal to the file name. Where two files claim one
    id, the file that is named after it keeps it and the other one is blamed (a copied
    file, not the untouched original)."""
    from gesprek.content.ids import free_id, is_valid, propose_id

    claims: dict[str, list[tuple[Any, Source, str | None]]] = {}
    for entry in loaded.valid:
        claims.setdefault(entry[0].id, []).append(entry)
    taken = set(claims)

    def own_id(source: Source) -> str:
        proposal = propose_id(source.path.stem)
        return free_id(proposal, lambda c: c in taken)

    for item_id, holders in claims.items():
        owner = next((h for h in holders if h[1].path.stem == item_id), holders[0])
        library.items[item_id] = owner[0]
        library.sources[item_id] = owner[1]
        for item, source, folder in holders:
            if (
                len(holders) == 1
                and source.path.stem == item_id
                and folder in (None, _FOLDER_OF[item.type])
            ):
                continue  # the common case: nothing to report (and no path to format)
            shown = display_path(source.path)
            line = source.line(("id",))
            if folder is not None:
                expected = models.TYPE_FOLDERS[item.type]
                if folder != expected:
                    library.problems.append(
                        Problem(
                            shown,
                            source.line(("type",)),
                            f"een {item.type} hoort in de map {expected}/, niet in {folder}/",
                        )
                    )
            stem = source.path.stem
            if source is not owner[1]:
                first = display_path(owner[1].path)
                if stem != item_id:
                    fix = f"geef dit item een eigen id, bijvoorbeeld '{own_id(source)}'"
                    if not is_valid(stem):
                        fix += f", en noem het bestand '{own_id(source)}.yaml'"
                else:
                    fix = "kies een andere id en noem het bestand net zo"
                library.problems.append(
                    Problem(shown, line, f"id '{item_id}' bestaat al in {first}; {fix}")
                )
            elif stem != item_id:
                if is_valid(stem) and stem not in taken:
                    fix = f"noem het bestand '{item_id}.yaml' of maak de id '{stem}'"
                else:
                    fix = f"noem het bestand '{item_id}.yaml'"
                library.problems.append(
                    Problem(shown, line, f"id '{item_id}' verschilt van de bestandsnaam; {fix}")
                )


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


def load_kader(extra: Sequence[Path] = ()) -> dict[str, dict[str, models.KaderEntry]]:
    """The merged kader of the built-in pack and ``extra`` packs (problems ignored: this
    is for the JSON Schema, not for checking)."""
    library = Library(packs=pack_paths(extra))
    for pack in library.packs:
        path = pack / KADER_FILE
        if path.exists():
            _load_kader(library, path)
    return library.kader


def _check_references(library: Library, loaded: _Loaded) -> None:
    """Kader ids, beroepscode ids and programme parts must exist. Also for files that
    failed validation, as far as their data can be read."""
    beroepscode = {i.id for i in library.of_type("beroepscode")}
    session = {i.id for i in library.of_type(*models.SESSION_TYPES)}
    raw_types: dict[str, str] = {}
    for data, _ in loaded.raw:
        if isinstance(data.get("id"), str) and isinstance(data.get("type"), str):
            raw_types.setdefault(data["id"], data["type"])
    # An item that failed validation is still known: no second error for each reference.
    beroepscode |= {i for i, t in raw_types.items() if t == "beroepscode"}
    session |= {i for i, t in raw_types.items() if t in models.SESSION_TYPES}
    entries: list[tuple[dict[str, Any], Source]] = [
        (_plain(item), library.sources[item_id]) for item_id, item in library.items.items()
    ]
    entries += loaded.raw
    for data, source in entries:
        _check_item_references(library, data, source, beroepscode, session, raw_types)


# Field names per item type, looked up once (pydantic's model_fields is not free).
_FIELDS: dict[str, frozenset[str]] = {
    kind: frozenset(model.model_fields) for kind, model in models.MODELS_BY_TYPE.items()
}
_REFERENCE_FIELDS = (*_KADER_FIELDS, "beroepscode", "onderdelen", "duur")


def _plain(item: Any) -> dict[str, Any]:
    """The fields of an item that hold references, as plain data."""
    fields = _FIELDS[item.type]
    data = {"type": item.type}
    for name in _REFERENCE_FIELDS:
        if name in fields:
            data[name] = getattr(item, name)
    return data


def _check_item_references(
    library: Library,
    data: dict[str, Any],
    source: Source,
    beroepscode: set[str],
    session: set[str],
    raw_types: dict[str, str],
) -> None:
    fields = _FIELDS.get(data.get("type"))  # type: ignore[arg-type]
    if fields is None:
        return

    def report(loc: tuple[Any, ...], message: str) -> None:
        library.problems.append(Problem(display_path(source.path), source.line(loc), message))

    for name, kind in _KADER_FIELDS.items():
        value = data.get(name)
        if value is None or name not in fields:
            continue
        known = library.kader[kind]
        values = value if isinstance(value, list) else [value]
        for index, ref in enumerate(values):
            if isinstance(ref, str) and ref not in known:
                loc = (name, index) if isinstance(value, list) else (name,)
                report(loc, f"onbekend {_KIND_NAMES[kind]} '{ref}'" + suggest(ref, known))
    refs = data.get("beroepscode") if "beroepscode" in fields else None
    for index, ref in enumerate(refs if isinstance(refs, list) else []):
        if isinstance(ref, str) and ref not in beroepscode:
            report(
                ("beroepscode", index),
                f"onbekend beroepscode-item '{ref}'" + suggest(ref, beroepscode),
            )
    if data.get("type") != "programma":
        return
    parts = data.get("onderdelen")
    parts = parts if isinstance(parts, list) else []
    for index, part in enumerate(parts):
        ref = _get(part, "item")
        if not isinstance(ref, str) or ref in session:
            continue
        other = library.items[ref].type if ref in library.items else raw_types.get(ref)
        what = (
            f"'{ref}' is geen gespreksitem maar een {other}"
            if other
            else f"onbekend item '{ref}'" + suggest(ref, session)
        )
        report(("onderdelen", index, "item"), what)
    minutes = [_get(part, "duur") for part in parts]
    total_ok = all(type(m) is int for m in minutes) and type(data.get("duur")) is int
    if parts and total_ok:
        total = sum(minutes)
        if total != data["duur"]:
            report(
                ("duur",),
                f"de onderdelen duren samen {total} minuten, maar 'duur' is {data['duur']}",
            )


def _get(value: Any, name: str) -> Any:
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None)
