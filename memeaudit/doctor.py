"""`memeaudit doctor`: is every engine installed, and which version is it?"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from memeaudit.errors import MemeauditError


def _try(name: str, build: Callable[[], str]) -> tuple[str, bool, str]:
    try:
        return name, True, build()
    except MemeauditError as err:
        return name, False, str(err)


def checks() -> Iterator[tuple[str, bool, str]]:
    from memeaudit.knowledge.loader import load_knowledge
    from memeaudit.ocr import get_engine
    from memeaudit.vision import get_classifier, get_detector

    yield _try("tesseract", lambda: get_engine("tesseract").version())
    yield _try("ppocr", lambda: get_engine("ppocr").version())
    yield _try("detector", lambda: get_detector().version())
    classifier = get_classifier()
    if classifier is not None:
        yield "classifier", True, classifier.version()
    else:
        yield (
            "classifier",
            True,
            "optional, not installed: pip install 'memeaudit[ml]' (scene kinds then come from OpenCV cues alone)",
        )
    yield _try("rules", lambda: f"{len(load_knowledge().sources)} files valid")
    try:
        import torch
        import transformers

        yield (
            "captioner",
            True,
            (
                f"transformers {transformers.__version__}, torch {torch.__version__}; "
                "pass --caption-model NAME_OR_DIR (none is bundled)"
            ),
        )
    except ImportError:
        yield (
            "captioner",
            True,
            "optional: pip install 'memeaudit[caption]' to enable --caption-model",
        )
