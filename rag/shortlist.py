"""Faster grammar-constrained greedy decoding for llama-cpp-python: the grammar checks a shortlist.

llama-cpp-python 0.3.x applies the JSON grammar to every token of the vocabulary (152k for Qwen2.5) at every
step, which halves generation speed on 2 CPU cores (measured: 16 tok/s constrained, 32 unconstrained). Here
a sampler placed before the grammar keeps only a shortlist (~1,900 tokens): the `k` most likely tokens,
every token made only of JSON punctuation, digits and white space, every single ASCII character and every
end-of-generation token. The last two guarantee that the grammar always has a valid candidate (any JSON text
can be spelled one ASCII character at a time, and a finished grammar accepts an end token); without them, a
grammar that rejects every candidate makes llama.cpp throw and abort the process (llama.cpp issues #12597,
#18173). With greedy decoding the chosen token is the one the full vocabulary would give whenever the best
valid token is in the shortlist (measured: identical answers and judgements on 6 seed questions; generation
16 -> 23 tok/s; a test compares both on the real prompt and on a schema that forces cuts).

Depends on llama-cpp-python internals (`Llama._init_sampler`, `LlamaSampler.add_custom`), pinned to
0.3.36 in pyproject.toml; `install` leaves the model untouched if they are not there.
"""

from __future__ import annotations

import ctypes
import logging
import re
from typing import Any

import numpy as np

log = logging.getLogger("rag.shortlist")
TOP_K = 1000
# tokens made only of JSON punctuation, digits and white space (`"`, ` "`, `",`, `]}`, `17`...): where the
# grammar forces the JSON structure (a string cut at its maxLength, an array at its maxItems) the model's
# favourite may be far down the list, so these are always candidates too
_STRUCTURAL = re.compile(rb'[\s"{}\[\]:,0-9]+')


def shortlist(logits: np.ndarray, always: np.ndarray, k: int) -> np.ndarray:
    """Sorted indices of the k largest logits together with the indices in `always`.

    >>> shortlist(np.array([0.1, 5.0, 0.3, 4.0, -1.0]), np.array([4]), 2).tolist()
    [1, 3, 4]
    """
    if k >= len(logits):
        return np.arange(len(logits))
    top = np.argpartition(-logits, k - 1)[:k]
    return np.union1d(top, always)


def install(llm: Any, k: int = TOP_K) -> bool:
    """Make greedy, grammar-constrained generation on `llm` (a llama_cpp.Llama) check a shortlist. Other
    generation (sampling, no grammar) is unchanged. Returns whether it was installed."""
    import llama_cpp
    from llama_cpp import _internals

    original = getattr(llm, "_init_sampler", None)
    if original is None or not hasattr(_internals.LlamaSampler, "add_custom"):
        log.warning("llama-cpp-python internals differ from 0.3.36; grammar shortlist not installed")
        return False
    n_vocab = llm.n_vocab()
    vocab = llama_cpp.llama_model_get_vocab(llm.model)
    pieces = [llm.detokenize([t], special=False) for t in range(n_vocab)]
    singles = [t for t, b in enumerate(pieces) if len(b) == 1 and b[0] < 128]
    structural = [t for t, b in enumerate(pieces) if b and _STRUCTURAL.fullmatch(b)]
    ends = [t for t in range(n_vocab) if llama_cpp.llama_vocab_is_eog(vocab, t)]
    always = np.array(sorted(set(singles) | set(structural) | set(ends)), dtype=np.int64)
    if len(singles) < 95 or not ends:  # every printable ASCII character must be spellable
        log.warning("vocabulary lacks single-character tokens; grammar shortlist not installed")
        return False

    def apply(cur_p: Any) -> None:
        arr = cur_p.contents
        n = int(arr.size)
        if n <= k + len(always):
            return
        data = np.ctypeslib.as_array(ctypes.cast(arr.data, ctypes.POINTER(ctypes.c_byte)),
                                     shape=(n * ctypes.sizeof(llama_cpp.llama_token_data),))
        rec = data.view(np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)]))
        if int(rec["id"][-1]) != n - 1:  # not the untouched full vocabulary: leave it to the grammar
            return
        keep = shortlist(rec["logit"], always, k)
        rec[:len(keep)] = rec[keep].copy()
        arr.size = len(keep)
        arr.sorted = False

    def init_sampler(*args: Any, **kw: Any) -> Any:
        grammar, temp = kw.get("grammar"), kw.get("temp", 0.8)
        if grammar is None or temp != 0.0 or kw.get("logits_processor") is not None:
            return original(*args, **kw)
        sampler = _internals.LlamaSampler()
        sampler.add_penalties(n_vocab=n_vocab, penalty_last_n=llm.last_n_tokens_size,
                              penalty_repeat=kw.get("repeat_penalty", 1.0),
                              penalty_freq=kw.get("frequency_penalty", 0.0),
                              penalty_present=kw.get("presence_penalty", 0.0))
        sampler.add_custom(apply)
        sampler.add_grammar(llm._model, grammar)
        sampler.add_greedy()
        return sampler

    llm._rag_full_vocabulary_sampler = original  # kept for comparison (tests)
    llm._init_sampler = init_sampler
    return True
