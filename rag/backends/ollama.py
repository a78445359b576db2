"""A user's Ollama server through the official client (native chat API)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import BackendUnavailable
from ..llm import OnToken, server_label_probs
from ..settings import Settings

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
        """From the first reply token's `top_logprobs` (recent Ollama versions), else a generated label
        (`llm.server_label_probs`)."""
        return server_label_probs(self, messages, labels, lambda: self._top(messages))

    def _top(self, messages: list[dict[str, str]]) -> list[tuple[str, float]]:
        with self._talking():
            r = self.client.chat(model=self.model, messages=messages, stream=False, logprobs=True,
                                 top_logprobs=TOP_LOGPROBS, options={"temperature": 0, "seed": 0, "num_predict": 1})
        if not r.logprobs:
            return []
        first = r.logprobs[0]
        return [(t.token, t.logprob) for t in first.top_logprobs or []] or [(first.token, first.logprob)]

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
