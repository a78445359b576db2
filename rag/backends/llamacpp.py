"""The embedded default: llama-cpp-python in-process with the packaged GGUF, no server needed."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from .. import shortlist
from ..errors import BackendUnavailable
from ..llm import OnToken
from ..model_check import require
from ..model_files import MODEL_LABEL, ensure_gguf
from ..settings import Settings

PREFIX_STATES = 4  # saved llama.cpp context states, one per system prompt (~30 MB each)


def create(settings: Settings, progress: bool = False) -> LlamaCppLLM:
    path = ensure_gguf(settings.model_dir, progress=progress)
    require(path)  # a build this CPU traps fails here with one line, in a child, not by killing this process
    return LlamaCppLLM(path, n_ctx=settings.n_ctx, n_threads=settings.n_threads, max_tokens=settings.max_tokens)


class LlamaCppLLM:
    """llama-cpp-python in-process. The schema goes in `response_format={"type": "json_object", "schema": S}`:
    in 0.3.x the `json_schema` type is silently ignored (DESIGN.md)."""

    def __init__(self, model_path: Path, n_ctx: int = 4096, n_threads: int = 2, max_tokens: int = 512) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as e:
            raise BackendUnavailable("llama-cpp-python is not installed; run the README's setup command") from e
        self.name = MODEL_LABEL
        self.max_tokens = max_tokens
        self.llm = Llama(model_path=str(model_path), n_ctx=n_ctx, n_threads=n_threads, verbose=False, seed=0)
        shortlist.install(self.llm)  # the grammar checks ~1,900 candidates a step, not 152k
        self._lock = threading.Lock()  # one generation at a time per loaded model
        self._states: OrderedDict[str, Any] = OrderedDict()  # system prompt -> saved context state
        self._holding = ""  # system prompt of the call the context last evaluated
        self._formatter: Any = None
        self._label_ids: dict[str, list[int]] = {}

    def generate(self, messages: list[dict[str, str]], schema: dict[str, Any],
                 on_token: OnToken | None = None) -> str:
        with self._prefix_kept(messages):
            stream = self.llm.create_chat_completion(
                messages=messages,  # type: ignore[arg-type]
                response_format={"type": "json_object", "schema": schema},
                temperature=0.0, max_tokens=self.max_tokens, stream=True)
            parts = []
            for chunk in stream:
                delta: Any = chunk["choices"][0]["delta"]  # type: ignore[index]
                piece = str(delta.get("content") or "")
                if piece:
                    parts.append(piece)
                    if on_token:
                        on_token(piece)
        return "".join(parts)

    def warm(self, messages: list[dict[str, str]]) -> None:
        """Evaluate a prompt and keep the state, so that later prompts sharing its prefix (the system
        prompt and worked examples) start from there."""
        with self._prefix_kept(messages):
            self.llm.create_chat_completion(messages=messages, max_tokens=1, temperature=0.0)  # type: ignore[arg-type]

    # llama.cpp reuses the longest token prefix the context already holds, so consecutive calls with one
    # system prompt evaluate only their new tokens. Answers and judgements alternate, though, so the state
    # after the first call with each system prompt is kept and restored when the context last held the
    # other one. (llama-cpp-python's LlamaRAMCache did this too, but saved and restored every call with a
    # copy of its n_batch x vocabulary logits buffer, 311 MB: 1.5 s more an answer, 0.6 s a judgement, and
    # since its capacity counts only the KV bytes, RAM grew call by call: `bench/bench.py prefix-cache`.)
    @contextmanager
    def _prefix_kept(self, messages: list[dict[str, str]]) -> Iterator[None]:
        """One call at a time; before it, resume this system prompt's saved state if the context holds
        another's; after it, save the state if this system prompt has none yet."""
        system = messages[0]["content"] if messages and messages[0]["role"] == "system" else ""
        with self._lock:
            if system != self._holding and system in self._states:
                self.llm.load_state(self._states[system])
                self._states.move_to_end(system)
            self._holding = system
            yield
            if system not in self._states:
                state = self.llm.save_state()
                state.scores = state.scores[:1].copy()  # not read when resuming: sampling uses the context's logits
                self._states[system] = state
                while len(self._states) > PREFIX_STATES:
                    self._states.popitem(last=False)

    def label_probs(self, messages: list[dict[str, str]], labels: tuple[str, ...]) -> dict[str, float]:
        """P(label) for the first token of the reply, renormalised over `labels` (each label counts with
        its capitalised and space-led spellings). The logits of the last prompt position are read from the
        context right after evaluating the prompt (llama-cpp-python keeps them only with `logits_all`, which
        costs n_ctx x vocabulary floats; DESIGN.md). The prompt's longest prefix already in the context is
        reused, as `create_chat_completion` does, so a follow-up call on the same prompt evaluates only its
        new tokens."""
        with self._prefix_kept(messages):
            tokens = self._chat_tokens(messages)
            llm = self.llm
            keep = 0
            for a, b in zip(llm._input_ids.tolist(), tokens[:-1], strict=False):
                if a != b:
                    break
                keep += 1
            llm.n_tokens = keep  # eval() drops the KV cache past n_tokens
            llm.eval(tokens[keep:])
            logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),)).astype(np.float64)
        scores = []
        for lab in labels:
            ids = self._label_tokens(lab)
            top = max(logits[i] for i in ids)
            scores.append(top + np.log(sum(np.exp(logits[i] - top) for i in ids)))
        z = np.exp(np.array(scores) - max(scores))
        z /= z.sum()
        return {lab: float(p) for lab, p in zip(labels, z, strict=True)}

    def _chat_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        """The prompt tokens `create_chat_completion` would evaluate for `messages`, generation prompt
        included (the GGUF's own chat template)."""
        if self._formatter is None:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            llm = self.llm
            tok = llm._model.token_get_text
            self._formatter = Jinja2ChatFormatter(template=llm.metadata["tokenizer.chat_template"],
                                                  eos_token=tok(llm.token_eos()), bos_token=tok(llm.token_bos()))
        res = self._formatter(messages=messages)
        return self.llm.tokenize(res.prompt.encode("utf-8"), add_bos=not res.added_special, special=True)

    def _label_tokens(self, label: str) -> list[int]:
        """First tokens of the spellings of a label ("yes", "Yes", " yes", " Yes")."""
        if label not in self._label_ids:
            forms = {label, label.capitalize(), " " + label, " " + label.capitalize()}
            self._label_ids[label] = sorted({self.llm.tokenize(f.encode(), add_bos=False, special=False)[0]
                                             for f in forms})
        return self._label_ids[label]

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False))


