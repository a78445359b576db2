"""The real parts: all-MiniLM-L6-v2 from its package, FAISS, and (marked slow) the embedded Qwen model."""

from __future__ import annotations

import pytest

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


def test_the_numpy_encoder_gives_sentence_transformers_vectors(seed_engine):
    """Questions are embedded by rag/minilm.py, documents by sentence-transformers: one vector space."""
    import numpy as np

    from rag.embed import MiniLMEmbedder

    ix = seed_engine.index()
    texts = ["Who is helping ISIS in Deir ez-Zor?", "a", "Ignоre naïve café — 2017 ISIS/Daesh «quoted»",
             *[ix.docs[d].text[:n] for d, n in zip(sorted(ix.docs), (200, 900, 3000, 8000, 40), strict=True)]]
    small = MiniLMEmbedder()
    got = small.embed(texts)  # below BULK_CHARS: numpy, sentence-transformers not loaded
    assert small._bulk is None and small._small is not None
    want = small._sentence_transformer().encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert got.shape == (len(texts), 384) and got.dtype == np.float32
    assert float(np.abs(got - want).max()) < 1e-5  # the long texts are cut at 256 tokens by both
    assert float(np.abs(small.embed(texts) - got).max()) < 1e-5  # sentence-transformers from now on


def test_a_fresh_process_answers_retrieval_without_importing_torch(seed_engine):
    import subprocess
    import sys

    code = ("import sys; from rag.engine import Engine; from rag.settings import Settings; "
            "from rag.retrieve import retrieve; from pathlib import Path; "
            f"e = Engine(Settings.from_env(env={{}}, index_dir=Path({str(seed_engine.settings.index_dir)!r}), "
            "uploads_dir=None)); r = retrieve('Who is helping ISIS?', e.index(), e.embedder, e.settings); "
            "print(len(r.passages), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 0 and out[1:] == ["False", "False"]  # passages found, torch never imported


def test_disputed_question_reaches_every_article_that_speaks_to_it(seed_engine):
    r = retrieve("Who is helping ISIS in Deir ez-Zor?", seed_engine.index(), seed_engine.embedder,
                 seed_engine.settings)
    docs = {p.doc for p in r.passages}
    n = min(seed_engine.settings.read_articles, len(seed_engine.index().docs))
    assert {"000_68e764afd11ad70c.txt", "004_0c0131f657d60236.txt"} <= docs and len(docs) == n


def test_dense_and_lexical_both_matter(seed_engine):
    ix, emb, s = seed_engine.index(), seed_engine.embedder, seed_engine.settings
    r = retrieve("Delishan Ibish", ix, emb, s)  # a rare name: BM25 finds it, whatever the embedding says
    assert any("Delishan Ibish" in x.text for p in r.passages for x in p.sources)


def test_unrelated_question_abstains_before_the_model(seed_engine):
    e = Engine(seed_engine.settings, embedder=seed_engine.embedder, llm=ExtractiveLLM())
    e.use_index(seed_engine.index())
    ans = e.ask("What is a good recipe for banana bread?")
    assert ans.abstained and "close to the question" in ans.notes[0]


import json  # noqa: E402


def _read_prompt(seed_engine, q):
    from rag import prompts

    ix = seed_engine.index()
    p = retrieve(q, ix, seed_engine.embedder, seed_engine.settings).passages[0]
    d = ix.docs[p.doc]
    return prompts.read_messages(q, d.title, d.outlet, [(x.n, x.text) for x in p.sources]), p


@pytest.mark.slow
def test_embedded_model_reads_each_article_and_answers_with_exact_quotes(seed_engine):
    found = []
    ans = seed_engine.ask("How long had the siege of Deir ez-Zor city lasted?", on_finding=found.append)
    assert ans.model.startswith("Qwen2.5-Coder-1.5B-Instruct")
    ix = seed_engine.index()
    for doc, quote, a, b in ans.all_quotes():
        assert ix.docs[doc].text[a:b] == quote
        assert (SEEDS / doc).read_bytes().decode("utf-8")[a:b] == quote
    assert 1 <= len(found) == len(ans.findings) <= seed_engine.settings.read_articles
    assert all(0 <= f.p_states <= 1 for f in found)
    assert any("760" in c.quote for st in ans.statements for c in st.citations)  # ARA News: a 760-day siege
    assert all(st.text.startswith("According to ") for st in ans.statements)
    assert 0 < ans.timings_ms["first_finding"] < ans.timings_ms["total"]


@pytest.mark.slow
def test_embedded_model_abstains_when_no_article_states_the_answer(seed_engine):
    ans = seed_engine.ask("What did the mayor of Deir ez-Zor say about the new bridge over the Euphrates?")
    assert ans.abstained and not ans.statements, ans.to_dict()
    assert any(why in ans.notes[0] for why in ("none states an answer", "close to the question",
                                                "no article mentions what the question names"))


@pytest.mark.slow
def test_label_probabilities_are_the_same_with_a_reused_prefix(seed_engine):
    """P(yes) is read from the logits after the prompt, reusing whatever prefix the context holds: the same
    prompt gives the same probability whatever was evaluated before it, and the answer turn that follows
    reuses it. (Decoded text is not compared bit for bit: a prompt resumed from another prefix is evaluated
    in other batch splits, and near-ties in greedy decoding can fall the other way.)"""
    from rag import prompts
    from rag.llm import label_probs

    llm = seed_engine.llm()
    yes, p = _read_prompt(seed_engine, "How long had the siege of Deir ez-Zor city lasted?")
    d = seed_engine.index().docs[p.doc]  # the same excerpt, a question it does not answer
    no = prompts.read_messages("Who won the football cup final?", d.title, d.outlet, [(x.n, x.text) for x in p.sources])
    first = label_probs(llm, yes, prompts.YES_NO)["yes"]
    other = label_probs(llm, no, prompts.YES_NO)["yes"]
    again = label_probs(llm, yes, prompts.YES_NO)["yes"]
    assert abs(first - again) < 0.03 and first > 0.5 > other  # (batch splits move it by ~0.01)
    ids = [x.n for x in p.sources]
    after = json.loads(llm.generate(prompts.answer_messages(yes), prompts.answer_schema(ids)))
    assert after["answer"] and set(after["ids"]) <= set(ids)  # the answer turn continues the read prompt


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
    # the real answer prompt
    read, p = _read_prompt(seed_engine, "How long had the siege of Deir ez-Zor city lasted?")
    outs = []
    for sampler in (shortlisted, llm._rag_full_vocabulary_sampler):
        llm._init_sampler = sampler
        llm.reset()  # both evaluate the whole prompt the same way
        seed_engine.llm()._holding = "-"
        try:
            outs.append(seed_engine.llm().generate(prompts.answer_messages(read),
                                                   prompts.answer_schema([x.n for x in p.sources])))
        finally:
            llm._init_sampler = shortlisted
    assert outs[0] == outs[1]


def _rss_mb() -> float:
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024


@pytest.mark.slow
def test_reads_and_other_calls_alternating_resume_saved_prefixes_exactly_in_bounded_memory(seed_engine):
    """The context keeps one saved state per system prompt: a read asked after a call with another system
    prompt resumes from the read prompt's saved prefix and decodes exactly as it did the first time; saving
    more states does not grow memory call by call (LlamaRAMCache kept a 311 MB logits copy per call)."""
    from rag import prompts

    llm = seed_engine.llm()
    read, p = _read_prompt(seed_engine, "How long had the siege of Deir ez-Zor city lasted?")
    ask = (prompts.answer_messages(read), prompts.answer_schema([x.n for x in p.sources]))
    compare = ([{"role": "system", "content": "You sort short texts into two labels."},
                {"role": "user", "content": "Is 'the regime' the name of a group? Reply yes or no."}],
               {"type": "object", "properties": {"label": {"type": "string", "enum": ["yes", "no"]}},
                "required": ["label"]})
    first = llm.generate(*ask)
    llm.generate(*compare)
    outs = []
    for _ in range(2):  # settle the allocator
        outs.append(llm.generate(*ask))
        llm.generate(*compare)
    before = _rss_mb()
    for _ in range(4):
        outs.append(llm.generate(*ask))
        llm.generate(*compare)
    assert first and outs == [outs[0]] * 6  # every resumed call decodes the same (the first ran from scratch)
    assert _rss_mb() - before < 150
    assert len(llm._states) >= 2 and all(s.scores.shape[0] == 1 for s in llm._states.values())


def test_embedding_in_two_processes_gives_the_same_index(tmp_path):
    """`rag index --workers 2` on the seeds and our news2 articles (more chunks than one batch): the same
    chunks and, within float noise, the same vectors as one process."""
    import shutil

    import numpy as np

    from rag import index
    from rag.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    for p in (SEEDS.parent / "eval" / "news2").glob("*.txt"):
        shutil.copy(p, corpus / p.name)
    assert main(["index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "one")]) == 0
    assert main(["index", "--workers", "2", "--corpus", str(corpus), "--index-dir", str(tmp_path / "two")]) == 0
    one, two = (index.load(Settings.from_env(env={}, corpus_dir=corpus, index_dir=tmp_path / d))
                for d in ("one", "two"))
    assert len(one.chunks) > 64 and [(c.doc, c.start) for c in one.chunks] == [(c.doc, c.start) for c in two.chunks]
    assert np.abs(one.vectors - two.vectors).max() < 1e-4
