"""A crafted .pth runs no code: every pickle in either torch.save format goes through the
restricted unpickler, the legacy format's header pickles (magic number, protocol, system info)
and its trailing list of storage keys included."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest

from memeaudit.errors import EngineFailed, ExitCode
from memeaudit.nets.weights import LEGACY_MAGIC, load_state_dict


class _Touch:
    """Unpickling this creates `marker`: the code a hostile pickle would run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def _legacy_file(path: Path, parts: list[object]) -> Path:
    with path.open("wb") as handle:
        for part in parts:
            pickle.dump(part, handle, protocol=2)
    return path


@pytest.mark.parametrize("where", [0, 1, 2, 4])
def test_a_legacy_header_pickle_that_runs_code_is_refused(tmp_path: Path, where: int) -> None:
    marker = tmp_path / "pwned"
    parts: list[object] = [LEGACY_MAGIC, 1001, {"little_endian": True}, {}, []]
    parts[where] = _Touch(marker)
    path = _legacy_file(tmp_path / "evil.pth", parts)
    with pytest.raises(pickle.UnpicklingError, match="could run code") as refused:
        load_state_dict(path)
    assert not marker.exists()
    # The CLI's one line and exit code for an engine that cannot run (5), naming the file.
    assert isinstance(refused.value, EngineFailed)
    assert refused.value.exit_code == ExitCode.engine_failed
    assert str(refused.value).startswith(f"{path}: ") and "\n" not in str(refused.value)


def test_the_header_holds_no_class_at_all(tmp_path: Path) -> None:
    """Even a harmless class is refused where the format holds only numbers and dicts."""
    from collections import OrderedDict

    path = _legacy_file(tmp_path / "odd.pth", [OrderedDict(a=1), 1001, {}, {}, []])
    with pytest.raises(pickle.UnpicklingError, match=r"collections\.OrderedDict"):
        load_state_dict(path)


def test_a_zipped_state_dict_that_runs_code_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("evil/data.pkl", pickle.dumps({"w": _Touch(marker)}, protocol=2))
    with pytest.raises(pickle.UnpicklingError, match="could run code"):
        load_state_dict(path)
    assert not marker.exists()


def test_a_file_that_is_not_a_state_dict_says_so(tmp_path: Path) -> None:
    path = _legacy_file(tmp_path / "other.pth", [12345])
    with pytest.raises(pickle.UnpicklingError, match="not a PyTorch"):
        load_state_dict(path)
