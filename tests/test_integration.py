"""The real parts: all-MiniLM-L6-v2 from its package, FAISS, and (marked slow) the embedded Qwen model."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.answer import prompt_articles
from rag.engine import Engine
from rag.retrieve import retrieve
from rag.settings import Settings
from tests.conftest import SEEDS
from tests.fakes import ExtractiveLLM


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory) -> Engine:
    s = Settings.from_env(env={}, corpus_dir=SEEDS, index_dir=tmp_path_factory.mktemp("ix") / "index")
    e = Engine(s)
    e.build_index()
    return e


def test_real_index_of_the_seeds(seed_engine):
    ix = seed_engine.index()
    assert len(ix.docs) == 5 and ix.manifest["store"] == "flat" and ix.vectors.shape[1] == 384
    assert abs(float((ix.vectors ** 2).sum(axis=1).mean()) - 1.0) < 1e-4


def test_disputed_question_reaches_every_article_that_speaks_to_it(seed_engine):
    r = retrieve("Who is helping ISIS in Deir ez-Zor?", seed_engine.index(), seed_engine.embedder,
                 seed_engine.settings)
    docs = {s.doc for s in r.sources}
    assert {"000_68e764afd11ad70c.txt", "004_0c0131f657d60236.txt"} <= docs and len(docs) >= 4


def test_dense_and_lexical_both_matter(seed_engine):
    ix, emb, s = seed_engine.index(), seed_engine.embedder, seed_engine.settings
    r = retrieve("Delishan Ibish", ix, emb, s)  # a rare name: BM25 finds it, whatever the embedding says
    assert any("Delishan Ibish" in x.text for x in r.sources)


def test_unrelated_question_abstains_before_the_model(seed_engine):
    e = Engine(seed_engine.settings, embedder=seed_engine.embedder, llm=ExtractiveLLM())
    e.use_index(seed_engine.index())
    ans = e.ask("What is a good recipe for banana bread?")
    assert ans.abstained and "close to the question" in ans.notes[0]


@pytest.mark.slow
def test_embedded_model_answers_with_exact_quotes(seed_engine):
    ans = seed_engine.ask("How many Syrian soldiers did the September 2016 coalition airstrike kill?")
    assert ans.model.startswith("Qwen2.5-Coder-1.5B-Instruct")
    ix = seed_engine.index()
    for doc, quote, a, b in ans.all_quotes():
        assert ix.docs[doc].text[a:b] == quote
        assert (SEEDS / doc).read_bytes().decode("utf-8")[a:b] == quote
    assert ans.timings_ms["generate"] > 0 and ans.timings_ms["total"] >= ans.timings_ms["generate"]
    # model output varies with the build; the guarantees above must hold whatever it says
    assert ans.abstained or all(st.citations for st in ans.statements)


@pytest.mark.slow
def test_embedded_model_with_a_limited_context_still_answers(seed_engine):
    s = replace(seed_engine.settings, context_sentences=6)
    e = Engine(s, embedder=seed_engine.embedder, llm=seed_engine.llm())
    e.use_index(seed_engine.index())
    ans = e.ask("How long had the siege of Deir ez-Zor city lasted?")
    assert ans.statements and all(c.doc for st in ans.statements for c in st.citations)


@pytest.mark.slow
def test_grammar_shortlist_decodes_exactly_like_the_full_vocabulary(seed_engine):
    """The shortlist sampler must change speed only: on the real answer and judge prompts, the same greedy
    output as the grammar over the whole vocabulary. Where the grammar forces what the model does not want
    (an enum it would not pick, a string cut by maxLength) the output may be spelled with other tokens, but
    it stays valid: the grammar never runs out of candidates (which would abort the process)."""
    import json

    from rag import prompts

    llm = seed_engine.llm().llm  # the llama_cpp.Llama
    shortlisted = llm._init_sampler
    assert getattr(llm, "_rag_full_vocabulary_sampler", None) is not None  # installed
    schema = {"type": "object", "properties": {
        "label": {"type": "string", "enum": ["zebra-crossing", "quartz"]},
        "text": {"type": "string", "maxLength": 9},
        "ids": {"type": "array", "items": {"type": "integer", "enum": [17, 305]}, "maxItems": 2}},
        "required": ["label", "text", "ids"]}
    msgs = [{"role": "user", "content": "Describe the Deir ez-Zor siege in one long sentence, in JSON."}]
    outs = []
    for sampler in (shortlisted, llm._rag_full_vocabulary_sampler):
        llm._init_sampler = sampler
        try:
            r = llm.create_chat_completion(messages=msgs, response_format={"type": "json_object", "schema": schema},
                                           temperature=0.0, max_tokens=80)
        finally:
            llm._init_sampler = shortlisted
        outs.append(r["choices"][0]["message"]["content"])
    for out in outs:
        data = json.loads(out)
        assert len(data["text"]) <= 9 and data["label"] in ("zebra-crossing", "quartz")
        assert set(data["ids"]) <= {17, 305} and len(data["ids"]) <= 2
    # the real answer prompt and a judgement
    ix = seed_engine.index()
    r = retrieve("How long had the siege of Deir ez-Zor city lasted?", ix, seed_engine.embedder,
                 seed_engine.settings)
    arts = prompt_articles(r.sources, ix)
    outs = []
    for sampler in (shortlisted, llm._rag_full_vocabulary_sampler):
        llm._init_sampler = sampler
        try:
            outs.append(seed_engine.llm().generate(prompts.messages("How long had the siege lasted?", arts),
                                                   prompts.schema([x.n for x in r.sources])))
            a, b = r.sources[0], r.sources[-1]
            outs.append(seed_engine.llm().generate(
                prompts.judge_messages("How long had the siege lasted?", ("A", a.text), ("B", b.text)),
                prompts.judge_schema()))
        finally:
            llm._init_sampler = shortlisted
    assert outs[:2] == outs[2:]


def _rss_mb() -> float:
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024


@pytest.mark.slow
def test_answers_and_judgements_alternating_resume_saved_prefixes_exactly_and_in_bounded_memory(seed_engine):
    """The context keeps one saved state per system prompt: an answer asked after a judgement resumes from
    the answer prompt's saved prefix and decodes exactly as it did the first time; saving more states does
    not grow memory call by call (LlamaRAMCache kept a 311 MB logits copy per call)."""
    from rag import prompts

    llm = seed_engine.llm()
    ix = seed_engine.index()
    q = "How long had the siege of Deir ez-Zor city lasted?"
    r = retrieve(q, ix, seed_engine.embedder, seed_engine.settings)
    arts = prompt_articles(r.sources, ix)
    ask = (prompts.messages(q, arts), prompts.schema([x.n for x in r.sources]))
    judge = (prompts.judge_messages(q, ("A", r.sources[0].text), ("B", r.sources[-1].text)),
             prompts.judge_label_schema())
    first = llm.generate(*ask)
    llm.generate(*judge)
    before = _rss_mb()
    outs = []
    for _ in range(3):
        outs.append(llm.generate(*ask))
        llm.generate(*judge)
    assert outs == [first] * 3
    assert _rss_mb() - before < 150
    assert len(llm._states) == 2 and all(s.scores.shape[0] == 1 for s in llm._states.values())
