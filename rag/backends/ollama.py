"""A user's Ollama server through the official client (native chat API)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import BackendUnavailable
from ..llm import OnToken, generated_label, probs_from_top
from ..settings import Settings

log = logging.getLogger("rag.backends.ollama")
TOP_LOGPROBS = 20


def create(settings: Settings, progress: bool = False) -> OllamaLLM:
    return OllamaLLM(settings.ollama_host, settings.ollama_model, timeout=settings.request_timeout)


class OllamaLLM:
    """A user's Ollama server through the official client; `format=schema` constrains the output."""

    def __init__(self, host: str, model: str, timeout: float = 300.0) -> None:
        import httpx
        import ollama

        self.host, self.model = host, model
        self.name = f"{model} (ollama at {host})"
        self.client = ollama.Client(host=host, timeout=timeout)
        self._errors = (httpx.HTTPError, ConnectionError, OSError)
        self._checked = False
        self.logprobs: bool | None = None  # does the server return token probabilities? (unknown)

    def _check(self) -> None:
        try:
            listed = self.client.list()
        except self._errors as e:
            raise BackendUnavailable(f"cannot reach Ollama at {self.host} ({type(e).__name__}); "
                                     "start it with `ollama serve` or pick the embedded backend") from None
        except Exception as e:  # ollama.ResponseError and friends
            raise BackendUnavailable(f"Ollama at {self.host} answered with an error: {e}") from None
        names = {m.model for m in listed.models if m.model}
        if self.model not in names and f"{self.model}:latest" not in names:
            have = ", ".join(sorted(names)) or "none"
            raise BackendUnavailable(f"Ollama at {self.host} has no model {self.model!r} (it has: {have}); "
                                     f"run `ollama pull {self.model}`")
        self._checked = True

    def generate(self, messages: list[dict[str, str]], schema: dict[str, Any],
                 on_token: OnToken | None = None) -> str:
        parts = []
        with self._talking():
            done = False
            for chunk in self.client.chat(model=self.model, messages=messages, format=schema, stream=True,
                                          options={"temperature": 0, "seed": 0}):
                piece = chunk.message.content or ""
                done = done or bool(chunk.done)
                if piece:
                    parts.append(piece)
                    if on_token:
                        on_token(piece)
            if not done:  # the stream ended without Ollama's final message: the server went away
                raise ConnectionError("stream ended before the answer was complete")
        return "".join(parts)

    def label_probs(self, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]:
        """From the first reply token's `top_logprobs` (recent Ollama versions); a server that returns
        none is asked for a generated label from then on (`llm.generated_label`)."""
        if self.logprobs is not False:
            with self._talking():
                r = self.client.chat(model=self.model, messages=messages, stream=False, logprobs=True,
                                     top_logprobs=TOP_LOGPROBS, options={"temperature": 0, "seed": 0,
                                                                         "num_predict": 1})
            top: list[tuple[str, float]] = []
            if r.logprobs:
                first = r.logprobs[0]
                top = [(t.token, t.logprob) for t in first.top_logprobs or []] or [(first.token, first.logprob)]
            probs = probs_from_top(top, labels)
            if probs is not None:
                self.logprobs = True
                return probs
            if self.logprobs is None:
                log.warning("Ollama at %s returned no token probabilities (an older version?); yes/no "
                            "decisions fall back to a generated label", self.host)
                self.logprobs = False
        return generated_label(self, messages, labels)

    @contextmanager
    def _talking(self) -> Iterator[None]:
        """Check the server and model once, then turn transport and server errors into one-line messages."""
        import ollama

        if not self._checked:
            self._check()
        try:
            yield
        except self._errors as e:
            self._checked = False
            raise BackendUnavailable(f"lost the connection to Ollama at {self.host} mid-answer "
                                     f"({type(e).__name__}); nothing was saved, ask again") from None
        except ollama.ResponseError as e:
            self._checked = False
            raise BackendUnavailable(f"Ollama at {self.host} failed: {e.error}") from None
