"""Work on one image that does not wait for its text, done on another core while OCR reads.

Outside a batch worker, with two cores or more (memeaudit.cores), a thread builds the engines
the later stages need and asks the detector and the classifier what depends on pixels alone:
the whole image, and the panels found when the image is no post screenshot (memeaudit.vision
layout). The vision stage then finds those answers in its Looks, and asks only what is left,
so the report is the one the stages give one after the other. onnxruntime and numpy release
the GIL while they compute, and tesseract is a child process, so the threads do run at once.
A batch worker (one thread) and a one-core machine do everything in order, as before."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from memeaudit.cores import side_by_side
from memeaudit.load import LoadedImage
from memeaudit.options import Options
from memeaudit.vision.looks import Looks

log = logging.getLogger("memeaudit")


def _steps(
    looks: Looks, opts: Options, warm: Iterable[Callable[[], object]]
) -> Iterator[Callable[[], object]]:
    """The questions, most useful first, then the `warm` steps (patterns that later stages
    compile); each step is short, so that stopping is quick."""
    from memeaudit.facts.semantic import get_embedder
    from memeaudit.vision import CLASSES, MAX_PANELS, get_classifier, get_detector
    from memeaudit.vision.layout import panels

    image = looks.image
    whole = (0, 0, image.info.width, image.info.height)
    if opts.detect:
        yield get_detector
        yield lambda: looks.detect(get_detector(), whole, opts.min_object_conf)
    if opts.semantic:
        yield get_embedder
    classifier = get_classifier()
    if classifier is not None:  # the whole image is judged when it is no post screenshot
        yield lambda: looks.classify(classifier, whole, CLASSES)
    regions = panels(image.bgr, None)
    for region in regions if opts.detect else []:
        yield lambda r=region: looks.detect(get_detector(), r, opts.min_object_conf, True)
    for region in regions[:MAX_PANELS] if classifier is not None else []:
        yield lambda r=region: looks.classify(classifier, r, CLASSES)
    yield from warm


@contextmanager
def looking_ahead(
    image: LoadedImage, opts: Options, warm: Iterable[Callable[[], object]] = ()
) -> Iterator[Looks]:
    """The Looks of `image`, filled by another thread while the block runs; on leaving, the
    thread stops after its current step and is waited for, so that only one thread uses the
    engines and the Looks from then on."""
    looks = Looks(image)
    if not side_by_side():
        yield looks
        return
    stop = threading.Event()
    _ = image.bgr  # made once, before two threads read it

    def work() -> None:
        try:
            for step in _steps(looks, opts, warm):
                if stop.is_set():
                    return
                step()
        except Exception as err:  # the stage that needs it raises it again, in order
            log.debug("looking ahead stopped: %s", err)

    from threadpoolctl import threadpool_limits

    # numpy's BLAS threads spin while they wait: with onnxruntime's threads and tesseract on the
    # same cores they cost the seed sample 1.4 s of CPU and 0.5 s of wall time. One BLAS
    # thread in each Python thread gives the same numbers (a batch worker runs this way).
    with threadpool_limits(1, user_api="blas"):
        thread = threading.Thread(target=work, name="memeaudit-ahead", daemon=True)
        thread.start()
        try:
            yield looks
        finally:
            stop.set()
            thread.join()
