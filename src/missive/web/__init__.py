"""The web reader: a FastAPI application over the store (`create_app`)."""

from missive.web.app import create_app

__all__ = ["create_app"]
