"""The onsite badge desk: find a person, check them in, print one badge, add a walk-in."""

from hildprint.core.desk.operations import Desk, DeskError

__all__ = ["Desk", "DeskError"]
