"""The base of every typed value, and the box type."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1.0"


BBox = tuple[int, int, int, int]  # x, y, width, height in image pixels


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
