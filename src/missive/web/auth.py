"""Editors and forms: a signed session cookie after signing in with the editor token,
and a CSRF token (signed double submit) on every form.

The editor token is only ever compared in constant time, and never logged or stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

SESSION_COOKIE = "missive_editor"
CSRF_COOKIE = "missive_csrf"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True, slots=True)
class Keys:
    """Secrets of one running server: the editor token (or None: nobody may edit) and
    the key that signs sessions and CSRF tokens (new at every start)."""

    editor_token: str | None
    signing_key: bytes

    @classmethod
    def create(cls, editor_token: str | None) -> Keys:
        return cls(editor_token or None, secrets.token_bytes(32))

    @property
    def editing_enabled(self) -> bool:
        return self.editor_token is not None

    def token_matches(self, given: str) -> bool:
        if self.editor_token is None:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.editor_token.encode("utf-8"))

    # --- sessions ------------------------------------------------------------

    def session_cookie(self, editor: str, now: float | None = None) -> str:
        payload = {"editor": editor, "exp": int((now or time.time()) + SESSION_SECONDS)}
        body = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
        return f"{body}.{self._sign('session:' + body)}"

    def editor_of(self, cookie: str | None, now: float | None = None) -> str | None:
        """The editor a session cookie names, if it is genuine and not expired."""
        if not cookie or "." not in cookie or self.editor_token is None:
            return None
        body, signature = cookie.rsplit(".", 1)
        if not hmac.compare_digest(signature, self._sign("session:" + body)):
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return None
        if not isinstance(payload, dict) or payload.get("exp", 0) < (now or time.time()):
            return None
        editor = payload.get("editor")
        return editor if isinstance(editor, str) else None

    # --- CSRF ----------------------------------------------------------------

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(24)

    def csrf_token(self, nonce: str) -> str:
        return self._sign("csrf:" + nonce)

    def csrf_ok(self, nonce: str | None, token: str | None) -> bool:
        if not nonce or not token:
            return False
        return hmac.compare_digest(token, self.csrf_token(nonce))

    def _sign(self, message: str) -> str:
        digest = hmac.new(self.signing_key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")
