"""Local features that confirm a template where something is pasted over it (issue M #3).

An embedding sums up the whole picture: a picture pasted over the middle of a template ("This is
Fine" with a virus over the dog) pulls it far from the template's. The parts left visible still
match point for point. A bank keeps each template's ORB keypoints (where they are, on the picture
scaled to SIDE pixels, and their 32-byte binary descriptors: computed from the picture, not the
picture), and a region whose embedding came close to a template is confirmed when enough of its
keypoints map onto the template's by one shift and scale (the template rescaled and cropped, not
rotated or warped). Captions and pasted pictures add keypoints that match nothing; they do not
prevent the rest from agreeing.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps

SIDE = 400  # pictures are scaled so that their longer side has this many pixels
FEATURES = 300  # keypoints kept per template ...
QUERY_FEATURES = 1000  # ... and per picture looked up: captions and pasted pictures take many
RATIO = 0.8  # Lowe's ratio test: a match must be this much closer than the next best
REPROJECT = 8.0  # pixels (at SIDE) a keypoint may land from where the fitted shift puts it
MIN_SCALE, MAX_SCALE = 0.3, 3.0  # the template shown from a third to three times its size
MAX_TURN = 0.1  # radians: a meme is not rotated
MIN_MATCHES = 8  # fewer matches than this are not fitted at all


@dataclass(frozen=True)
class Keypoints:
    """Keypoint positions (pixels at SIDE) and their ORB descriptors."""

    xy: np.ndarray  # (n, 2) float32
    descriptors: np.ndarray  # (n, 32) uint8

    def __len__(self) -> int:
        return len(self.descriptors)


NONE = Keypoints(np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))


def keypoints(rgb: Image.Image, mirrored: bool = False, most: int = QUERY_FEATURES) -> Keypoints:
    """The `most` strongest ORB keypoints of a picture scaled to SIDE (its mirror image if
    `mirrored`)."""
    picture = ImageOps.mirror(rgb) if mirrored else rgb
    grey = np.asarray(picture.convert("L"))
    factor = SIDE / max(1, max(grey.shape))
    size = (max(1, round(grey.shape[1] * factor)), max(1, round(grey.shape[0] * factor)))
    grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    found, descriptors = cv2.ORB_create(nfeatures=most).detectAndCompute(grey, None)
    if descriptors is None or not found:
        return NONE
    xy = np.array([k.pt for k in found], dtype=np.float32)
    return Keypoints(xy, np.asarray(descriptors, dtype=np.uint8))


def agreeing(query: Keypoints, template: Keypoints) -> int:
    """How many of the query's keypoints land on their template match under one shift and scale
    (RANSAC), 0 when the fitted transform rotates the picture or scales it implausibly."""
    if len(query) < MIN_MATCHES or len(template) < MIN_MATCHES:
        return 0
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(query.descriptors, template.descriptors, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < RATIO * p[1].distance]
    if len(good) < MIN_MATCHES:
        return 0
    source = template.xy[[m.trainIdx for m in good]]
    target = query.xy[[m.queryIdx for m in good]]
    fitted, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=REPROJECT
    )
    if fitted is None or inliers is None:
        return 0
    scale = float(np.hypot(fitted[0, 0], fitted[1, 0]))
    turn = abs(float(np.arctan2(fitted[1, 0], fitted[0, 0])))
    if not MIN_SCALE <= scale <= MAX_SCALE or turn > MAX_TURN:
        return 0
    return int(inliers.sum())
