"""Every LLM backend in one table. The CLI's `--backend` choices and option flags, the UI's model selector
and option boxes, and the Engine's cache of loaded models are all read from `REGISTRY`.

Adding a backend: one module here with `create(settings, progress) -> LLM` (the one-method Protocol of
rag/llm.py, plus `label_probs` if the server can give token probabilities), its Settings fields, and one
line below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from ..errors import RagError
from ..llm import LLM
from ..settings import Settings


@dataclass(frozen=True)
class Backend:
    name: str  # the value of Settings.backend / RAG_BACKEND / --backend
    label: str  # shown in the UI
    module: str  # imported on first use, so an unused backend's client is never loaded
    options: tuple[tuple[str, str], ...] = ()  # (Settings field it reads, what a person calls it)


REGISTRY: dict[str, Backend] = {b.name: b for b in (
    Backend("llamacpp", "Embedded (Qwen2.5 1.5B, llama.cpp)", "rag.backends.llamacpp"),
    Backend("ollama", "Ollama", "rag.backends.ollama",
            (("ollama_host", "Ollama host"), ("ollama_model", "Ollama model"))),
    Backend("openai", "OpenAI-compatible server", "rag.backends.openai",
            (("openai_base_url", "OpenAI-compatible base URL"),
             ("openai_model", "OpenAI-compatible model (empty: the server's first)"))),
)}


def backend(name: str) -> Backend:
    if name not in REGISTRY:
        raise RagError(f"unknown backend {name!r}; choose one of: {', '.join(REGISTRY)}")
    return REGISTRY[name]


def option_fields() -> list[tuple[str, str]]:
    """Every backend option (Settings field, label), in registry order."""
    return [o for b in REGISTRY.values() for o in b.options]


def cache_key(settings: Settings) -> tuple[str, ...]:
    """What makes two settings use the same loaded model: the backend and the options it reads."""
    b = backend(settings.backend)
    return (b.name, *(str(getattr(settings, f)) for f, _ in b.options))


def make_llm(settings: Settings, progress: bool = False) -> LLM:
    b = backend(settings.backend)
    llm: LLM = importlib.import_module(b.module).create(settings, progress=progress)
    return llm
