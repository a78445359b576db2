"""Any server that speaks the OpenAI chat API: llama.cpp's server (or llama-cpp-python's), LM Studio, vLLM,
LocalAI, Ollama's /v1 endpoint.

- Output is constrained by the JSON schema: first as `response_format={"type": "json_schema", ...}` (the
  OpenAI form, vLLM, LM Studio, Ollama); a server that rejects it (llama-cpp-python's server accepts only
  "text" and "json_object") is asked with `{"type": "json_object", "schema": ...}` from then on.
- Yes/no decisions come from `logprobs`/`top_logprobs` of the first reply token; a server that returns none
  gets the generated-label fallback (`llm.generated_label`).
- Replies are streamed; an unreachable server, a missing model, an error mid-answer or a timeout become one
  line (`BackendUnavailable`). The API key (`RAG_OPENAI_API_KEY`, optional) is read from the environment and
  sent only as the Authorization header: never stored in Settings, never logged, never in a message.
- With no model named, the server's first listed model is used (llama.cpp's server lists the file it loaded).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import httpx

from ..errors import BackendUnavailable
from ..guard import is_loopback
from ..llm import OnToken, server_label_probs
from ..settings import Settings

log = logging.getLogger("rag.backends.openai")
TOP_LOGPROBS = 20  # the OpenAI API's maximum
KEY_ENV = "RAG_OPENAI_API_KEY"


def create(settings: Settings, progress: bool = False) -> OpenAILLM:
    return OpenAILLM(settings.openai_base_url, settings.openai_model, api_key=os.environ.get(KEY_ENV) or None,
                     timeout=settings.request_timeout, max_tokens=settings.max_tokens)


class OpenAILLM:
    def __init__(self, base_url: str, model: str = "", api_key: str | None = None, timeout: float = 300.0,
                 max_tokens: int = 512) -> None:
        self.base = base_url.rstrip("/")
        self.model = model
        self.max_tokens, self.timeout = max_tokens, timeout
        self.name = self._name()
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=5.0), headers=headers)
        self.json_mode = "json_schema"  # becomes "json_object" when the server rejects the OpenAI form
        self.logprobs: bool | None = None  # does the server return token probabilities? (unknown until asked)
        self.served: list[str] = []  # model ids the server lists
        self._checked = False
        if not is_loopback(urlparse(self.base).hostname or ""):
            log.warning("the OpenAI-compatible backend at %s is not on this machine: questions and article "
                        "excerpts will be sent there", self.base)

    def _name(self) -> str:
        return f"{self.model or '(server default)'} (OpenAI-compatible server at {self.base})"

    def generate(self, messages: list[dict[str, str]], schema: dict[str, Any],
                 on_token: OnToken | None = None) -> str:
        parts: list[str] = []
        body = {"messages": messages, "temperature": 0, "seed": 0, "max_tokens": self.max_tokens, "stream": True}
        with self._talking():
            for _ in range(2):  # the second try only after the server rejected the OpenAI response_format
                mode = self.json_mode
                form = ({"type": "json_schema", "json_schema": {"name": "reply", "schema": schema}}
                        if mode == "json_schema" else {"type": "json_object", "schema": schema})
                with self._http.stream("POST", f"{self.base}/chat/completions",
                                       json={**body, "model": self.model, "response_format": form}) as r:
                    if r.status_code >= 400:
                        message = _error_text(r.read(), r.status_code)
                        if mode == "json_schema" and ("response_format" in message or "json_schema" in message):
                            log.info("%s rejects response_format json_schema; using json_object with the "
                                     "schema from now on", self.base)
                            self.json_mode = "json_object"
                            continue
                        raise self._failed(r.status_code, message)
                    self._read_stream(r.iter_lines(), parts, on_token)
                    return "".join(parts)
        raise AssertionError("unreachable")

    def _read_stream(self, lines: Iterator[str], parts: list[str], on_token: OnToken | None) -> None:
        """Server-sent events until `[DONE]` or a finish reason; an end before either is a lost connection."""
        for line in lines:
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            event = json.loads(data)
            if "error" in event:
                raise BackendUnavailable(f"the server at {self.base} failed mid-answer: "
                                         f"{_error_text(data.encode(), 500)}")
            choice = (event.get("choices") or [{}])[0]
            piece = (choice.get("delta") or {}).get("content") or ""
            if piece:
                parts.append(piece)
                if on_token:
                    on_token(piece)
            if choice.get("finish_reason"):
                return
        raise httpx.RemoteProtocolError("the stream ended before the answer was complete")

    def label_probs(self, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]:
        """From the first reply token's `top_logprobs`, else a generated label (`llm.server_label_probs`)."""
        return server_label_probs(self, messages, labels, lambda: self._top(messages))

    def _top(self, messages: list[dict[str, str]]) -> list[tuple[str, float]]:
        with self._talking():
            r = self._http.post(f"{self.base}/chat/completions", json={
                "model": self.model, "messages": messages, "temperature": 0, "seed": 0, "max_tokens": 1,
                "logprobs": True, "top_logprobs": TOP_LOGPROBS})
            if r.status_code >= 400:
                raise self._failed(r.status_code, _error_text(r.content, r.status_code))
            choice = (r.json().get("choices") or [{}])[0]
        first = ((choice.get("logprobs") or {}).get("content") or [None])[0] or {}
        top = [(t.get("token", ""), t.get("logprob")) for t in first.get("top_logprobs") or []]
        return top or [(first.get("token", ""), first.get("logprob"))]

    def _check(self) -> None:
        """Reach the server once; learn which models it serves and pick the first if none was named."""
        r = self._http.get(f"{self.base}/models")
        if r.status_code in (401, 403):
            raise BackendUnavailable(f"the server at {self.base} refused the request (HTTP {r.status_code}); "
                                     f"set {KEY_ENV} to its API key")
        self.served = [m.get("id", "") for m in r.json().get("data", [])] if r.status_code == 200 else []
        if not self.model:
            if not self.served:
                raise BackendUnavailable(f"the server at {self.base} lists no model; name one with "
                                         "RAG_OPENAI_MODEL (or --openai-model)")
            self.model = self.served[0]
            self.name = self._name()
        self._checked = True

    @contextmanager
    def _talking(self) -> Iterator[None]:
        """Check the server once, then turn transport errors into one-line messages."""
        try:
            if not self._checked:
                self._check()
            yield
        except httpx.ConnectError:
            self._checked = False
            raise BackendUnavailable(f"cannot reach an OpenAI-compatible server at {self.base}; start it "
                                     "(README: Use your own model server) or pick the embedded backend") from None
        except httpx.TimeoutException:
            self._checked = False
            raise BackendUnavailable(f"the server at {self.base} did not answer within {self.timeout:.0f} s; "
                                     "nothing was saved, ask again") from None
        except (httpx.TransportError, ValueError) as e:  # closed mid-stream, or not speaking the API (bad JSON)
            self._checked = False
            raise BackendUnavailable(f"lost the connection to the server at {self.base} mid-answer "
                                     f"({type(e).__name__}); nothing was saved, ask again") from None

    def _failed(self, status: int, message: str) -> BackendUnavailable:
        if status == 404 or ("model" in message.lower() and "not found" in message.lower()):
            have = ", ".join(self.served) or "none listed"
            return BackendUnavailable(f"the server at {self.base} has no model {self.model!r} (it serves: {have}); "
                                      "set RAG_OPENAI_MODEL to one of them")
        return BackendUnavailable(f"the server at {self.base} failed (HTTP {status}): {message}")


def _error_text(body: bytes, status: int) -> str:
    """The server's error message on one line (OpenAI form {"error": {"message": ...}}, or plain text)."""
    try:
        data = json.loads(body)
        err = data.get("error", data) if isinstance(data, dict) else data
        text = err.get("message", str(err)) if isinstance(err, dict) else str(err)
    except ValueError:
        text = body.decode("utf-8", "replace")
    first = " ".join(text.split())
    return (first[:300] + " …") if len(first) > 300 else first or f"HTTP {status}"

