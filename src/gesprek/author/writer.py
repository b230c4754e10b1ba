"""Writing an item as a YAML file authors can read and edit.

Fields come in a fixed order (id, type, titel, thema ... the item's own fields ... doorvragen,
norm, beroepscode, loketten, bron), defaults are left out (except ``duur``), lists of kader
ids are written on one line (``kernwaarden: [integer]``) and texts with line breaks as
literal block scalars (``|``), as in the built-in content. Before anything is written the
text is read back with the content loader and must give the same item.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from gesprek.errors import UsageError, display_path

HEAD = ("id", "type", "titel", "thema", "kernwaarden", "doelgroep", "duur")
TAIL = ("doorvragen", "norm", "beroepscode", "loketten", "bron")
ALWAYS = ("id", "type", "duur")
FLOW_LISTS = ("kernwaarden", "doelgroep", "beroepscode", "loketten", "themas")
SCHEMA_FILE = "inhoud.schema.json"


class _FlowList(list[Any]):
    """A list written on one line: ``[a, b]``."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key ("opties:\n  - id: a"), as people write it.
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_flow_list(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_FlowList, _represent_flow_list)


def field_order(model_cls: Any) -> list[str]:
    fields = list(model_cls.model_fields)
    head = [name for name in HEAD if name in fields]
    tail = [name for name in TAIL if name in fields]
    return head + [n for n in fields if n not in head and n not in tail] + tail


def to_data(model: Any, top: bool = True) -> dict[str, Any]:
    """The item as plain data in writing order, without values equal to their default."""
    cls = type(model)
    data: dict[str, Any] = {}
    for name in field_order(cls):
        value = getattr(model, name)
        info = cls.model_fields[name]
        keep = (top and name in ALWAYS) or info.is_required()
        if not keep and value == info.get_default(call_default_factory=True):
            continue
        data[name] = _plain(value, flow=top and name in FLOW_LISTS)
    return data


def _plain(value: Any, flow: bool = False) -> Any:
    if hasattr(type(value), "model_fields"):
        return to_data(value, top=False)
    if isinstance(value, list | tuple):
        items = [_plain(v) for v in value]
        return _FlowList(items) if flow else items
    return value


def dump(model: Any) -> str:
    """The YAML text of an item (without the schema line)."""
    return yaml.dump(
        to_data(model),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
    )


def schema_line(folder: Path, pack: Path | None = None) -> str:
    """The editor line for a file in ``folder``, always a path relative to the file (an
    absolute path into someone's virtual environment works on no other machine): inside
    this checkout to the repository's schema, else to ``inhoud.schema.json`` at the top of
    ``pack`` (which ``ensure_pack_schema`` writes)."""
    from gesprek import paths

    folder_abs = folder.resolve()
    if paths.in_checkout():
        repo = paths.builtin_content().resolve().parent
        if folder_abs == repo or repo in folder_abs.parents:
            schema = paths.data_dir("schema") / SCHEMA_FILE
            target = Path(os.path.relpath(schema.resolve(), folder_abs)).as_posix()
            return f"# yaml-language-server: $schema={target}\n"
    root = (pack if pack is not None else folder.parent).resolve()
    target = Path(os.path.relpath(root / SCHEMA_FILE, folder_abs)).as_posix()
    return f"# yaml-language-server: $schema={target}\n"


def _in_checkout(folder: Path) -> bool:
    from gesprek import paths

    if not paths.in_checkout():
        return False
    repo = paths.builtin_content().resolve().parent
    folder_abs = folder.resolve()
    return folder_abs == repo or repo in folder_abs.parents


def ensure_pack_schema(pack: Path) -> Path | None:
    """Write ``inhoud.schema.json`` at the top of ``pack`` (with the pack's own kader) when
    the pack lies outside this checkout and has none yet; the file written, or None."""
    from gesprek.content.schema import schema_text

    if _in_checkout(pack):
        return None
    path = pack / SCHEMA_FILE
    if path.exists():
        return None
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(schema_text([pack]))
    except FileExistsError:
        return None
    except OSError as exc:
        raise UsageError(f"kan {display_path(path)} niet schrijven ({exc.strerror})") from None
    return path


def file_text(model: Any, folder: Path, pack: Path | None = None) -> str:
    """The full file: the schema line and the item, checked to load back as the same item."""
    text = schema_line(folder, pack) + dump(model)
    check_round_trip(model, text)
    return text


def check_round_trip(model: Any, text: str) -> None:
    from gesprek.content import models, safe_yaml

    doc = safe_yaml.load(text.encode("utf-8"))
    loaded = models.item_adapter().validate_python(doc.data)
    if loaded != model:  # pragma: no cover - a bug in this module, not a user's mistake
        raise AssertionError(f"YAML does not load back as the same item:\n{text}")


def target_path(model: Any, pack: Path) -> Path:
    from gesprek.content.models import TYPE_FOLDERS

    return pack / TYPE_FOLDERS[model.type] / f"{model.id}.yaml"


def write_new(model: Any, pack: Path) -> Path:
    """Write ``model`` into ``pack`` as ``<folder>/<id>.yaml``; never over an existing file."""
    path = target_path(model, pack)
    text = file_text(model, path.parent, pack)
    shown = display_path(path)
    try:
        path.parent.mkdir(exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            try:
                handle.write(text)
            except BaseException:
                handle.close()
                path.unlink(missing_ok=True)
                raise
    except FileExistsError:
        raise UsageError(f"{shown} bestaat al; er is niets overschreven") from None
    except OSError as exc:
        raise UsageError(f"kan {shown} niet schrijven ({exc.strerror})") from None
    ensure_pack_schema(pack)
    return path
