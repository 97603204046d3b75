"""What the detector and the classifier answered for regions of one image. Both depend on pixels
only, so memeaudit.ahead can ask them before the text is read; the vision stage then asks the
same questions and gets the answers it would have computed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from memeaudit.load import LoadedImage
from memeaudit.model import BBox, DetectedObject

if TYPE_CHECKING:
    from memeaudit.vision.classify import ImageNetClassifier
    from memeaudit.vision.detect import SsdDetector


class Looks:
    """Answers by question, for one image. Filled by one thread at a time: the thread looking
    ahead, then, once it has stopped, the vision stage."""

    def __init__(self, image: LoadedImage) -> None:
        self.image = image
        self._objects: dict[tuple[BBox, float, bool], list[DetectedObject]] = {}
        self._classes: dict[tuple[BBox, int], list[tuple[str, float]]] = {}
        self._features: dict[BBox, np.ndarray] = {}

    def __len__(self) -> int:
        """How many answers are held."""
        return len(self._objects) + len(self._classes)

    def detect(
        self, detector: SsdDetector, region: BBox, min_conf: float, square: bool = False
    ) -> list[DetectedObject]:
        key = (region, min_conf, square)
        if key not in self._objects:
            self._objects[key] = detector.detect(self.image.bgr, region, min_conf, square=square)
        return list(self._objects[key])

    def classify(
        self, classifier: ImageNetClassifier, region: BBox, top: int
    ) -> list[tuple[str, float]]:
        key = (region, top)
        if key not in self._classes:
            self._classes[key] = classifier.classes_of(self.features(classifier, region), top)
        return list(self._classes[key])

    def features(self, classifier: ImageNetClassifier, region: BBox) -> np.ndarray:
        """The classifier's penultimate features of a region (the template lookup's embedding)."""
        if region not in self._features:
            x, y, w, h = region
            self._features[region] = classifier.features(self.image.rgb.crop((x, y, x + w, y + h)))
        return self._features[region]
