"""`memeaudit models pull`: the one explicit download, of a captioning model into the Hugging Face
cache, where the captioner (vision/caption.py, offline) then finds it."""

from __future__ import annotations

from memeaudit.errors import DownloadFailed, PackageMissing


def pull(name: str) -> str:
    """Download the model `name` (a hub id) and return the folder it is in."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError as err:
        raise PackageMissing(
            "models pull needs transformers", "pip install 'memeaudit[caption]'"
        ) from err
    try:
        return str(snapshot_download(name))
    except Exception as err:  # the hub client raises many types; report the one line
        raise DownloadFailed(f"could not download {name}: {err}".splitlines()[0]) from err
