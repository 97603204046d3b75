"""The typed values that pass between stages, and the Report that the JSON contract describes.

Keys here are a public contract (see README, "JSON contract"): add fields, never rename them.
One module per stage's values; every name is importable from `memeaudit.model`.
"""

from memeaudit.model.base import SCHEMA_VERSION, BBox, Model
from memeaudit.model.facts import (
    Claim,
    Code,
    Entity,
    Facts,
    Figure,
    Impersonation,
    Link,
    LinkSignal,
    PersonalData,
    TopicHit,
)
from memeaudit.model.image import Device, GpsPosition, ImageInfo, ImageMetadata, MetadataField
from memeaudit.model.report import Evidence, Report, Section, Sentence
from memeaudit.model.screen import (
    Chat,
    ChatMessage,
    Counts,
    Email,
    LinkCard,
    Post,
    Review,
    Screen,
    ScreenKind,
)
from memeaudit.model.text import Language, Line, OcrResult, Word
from memeaudit.model.vision import (
    Caption,
    DetectedObject,
    Media,
    Panel,
    Scene,
    SetAsideCaption,
    TemplateMatch,
    Vision,
)

__all__ = [
    "SCHEMA_VERSION",
    "BBox",
    "Caption",
    "Chat",
    "ChatMessage",
    "Claim",
    "Code",
    "Counts",
    "DetectedObject",
    "Device",
    "Email",
    "Entity",
    "Evidence",
    "Facts",
    "Figure",
    "GpsPosition",
    "ImageInfo",
    "ImageMetadata",
    "Impersonation",
    "Language",
    "Line",
    "Link",
    "LinkCard",
    "LinkSignal",
    "Media",
    "MetadataField",
    "Model",
    "OcrResult",
    "Panel",
    "PersonalData",
    "Post",
    "Report",
    "Review",
    "Scene",
    "Screen",
    "ScreenKind",
    "Section",
    "Sentence",
    "SetAsideCaption",
    "TemplateMatch",
    "TopicHit",
    "Vision",
    "Word",
]
