"""The `openai` backend: against llama-cpp-python's real OpenAI-compatible server with the packaged model
(slow), and against a loopback stub for what that server cannot show (missing model, API key, no logprobs)."""

from __future__ import annotations

import logging
import socket
import threading

import pytest

from rag import prompts
from rag.backends import REGISTRY, cache_key, make_llm
from rag.backends.openai import OpenAILLM
from rag.engine import Engine
from rag.errors import BackendUnavailable
from rag.llm import label_probs
from rag.settings import Settings
from tests.conftest import SEEDS
from tests.openai_stub import OpenAIStub

SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}
HI = [{"role": "user", "content": "hi"}]


def test_registry_drives_settings_cli_and_cache_key():
    assert set(REGISTRY) == {"llamacpp", "ollama", "openai"}
    s = Settings.from_env(env={"RAG_BACKEND": "openai", "RAG_OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
                               "RAG_OPENAI_MODEL": "m"})
    assert cache_key(s) == ("openai", "http://127.0.0.1:9/v1", "m")
    assert cache_key(Settings.from_env(env={})) == ("llamacpp",)
    llm = make_llm(s)
    assert isinstance(llm, OpenAILLM) and llm.base == "http://127.0.0.1:9/v1" and llm.model == "m"


def test_stream_schema_key_and_first_listed_model(monkeypatch, caplog):
    monkeypatch.setenv("RAG_OPENAI_API_KEY", "sk-secret-123")
    with OpenAIStub(reply='{"x": 12345}', key="sk-secret-123") as stub:
        llm = make_llm(Settings.from_env(env={}, backend="openai", openai_base_url=stub.base))
        seen: list[str] = []
        with caplog.at_level(logging.DEBUG):
            out = llm.generate(HI, SCHEMA, on_token=seen.append)
    assert out == '{"x": 12345}' and "".join(seen) == out and len(seen) > 1
    assert llm.model == "served-model" and "served-model" in llm.name  # the server's first listed model
    path, body, headers = stub.requests[-1]
    assert path == "/v1/chat/completions" and body["model"] == "served-model" and body["stream"] is True
    assert body["response_format"] == {"type": "json_schema", "json_schema": {"name": "reply", "schema": SCHEMA}}
    assert body["temperature"] == 0 and headers["Authorization"] == "Bearer sk-secret-123"
    assert "sk-secret" not in llm.name + caplog.text + repr(vars(llm))


def test_refused_key_missing_model_and_unreachable_server_are_one_line_errors():
    with OpenAIStub(key="right") as stub:
        with pytest.raises(BackendUnavailable, match="refused.*RAG_OPENAI_API_KEY"):
            OpenAILLM(stub.base, "served-model", api_key="wrong").generate(HI, SCHEMA)
    with OpenAIStub(models=["llama-3-8b"]) as stub:
        with pytest.raises(BackendUnavailable, match=r"no model 'qwen'.*it serves: llama-3-8b"):
            OpenAILLM(stub.base, "qwen").generate(HI, SCHEMA)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(BackendUnavailable, match="cannot reach an OpenAI-compatible server"):
        OpenAILLM(f"http://127.0.0.1:{port}/v1", "m").generate(HI, SCHEMA)


def test_yes_no_from_top_logprobs_else_a_generated_label(caplog):
    msgs = [{"role": "user", "content": "Is it? Reply yes or no."}]
    with OpenAIStub() as stub:
        llm = OpenAILLM(stub.base)
        p = label_probs(llm, msgs, prompts.YES_NO)
    assert p["yes"] == pytest.approx(0.832, abs=0.01) and llm.logprobs is True  # e^-0.2 / (e^-0.2 + e^-1.8)
    assert stub.requests[-1][1]["top_logprobs"] == 20 and stub.requests[-1][1]["max_tokens"] == 1
    with OpenAIStub(logprobs=False, reply='{"label": "no"}') as stub:
        llm = OpenAILLM(stub.base)
        with caplog.at_level(logging.WARNING):
            assert label_probs(llm, msgs, prompts.YES_NO) == {"yes": 0.0, "no": 1.0}
            assert label_probs(llm, msgs, prompts.YES_NO) == {"yes": 0.0, "no": 1.0}
    assert llm.logprobs is False and caplog.text.count("no token probabilities") == 1
    asked = [b for p, b, _ in stub.requests if p.endswith("/chat/completions")]
    assert [bool(b.get("logprobs")) for b in asked] == [True, False, False]  # asked once, then generated


# --- against the real llama.cpp server (llama-cpp-python[server]) with the packaged model ---


@pytest.fixture(scope="module")
def server():
    from tests.model_server import llama_server

    with llama_server() as (base, proc):
        yield base


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory, server) -> Engine:
    s = Settings.from_env(env={}, corpus_dir=SEEDS, index_dir=tmp_path_factory.mktemp("ix") / "index",
                          backend="openai", openai_base_url=server)
    e = Engine(s)
    e.build_index()
    return e


@pytest.mark.slow
@pytest.mark.parametrize("question", ["How long had the siege of Deir ez-Zor city lasted?",
                                      "Who oversaw the Jrood al-Qalamoon agreement?"])
def test_seed_questions_through_a_real_openai_compatible_server(seed_engine, question):
    ans = seed_engine.ask(question)
    d = ans.to_dict()
    assert set(d) >= {"question", "abstained", "statements", "disagreements", "model", "timings_ms"}
    assert "OpenAI-compatible server at http://127.0.0.1:" in ans.model
    assert not ans.abstained and ans.statements, d
    ix = seed_engine.index()
    for st in ans.statements:
        assert st.text.startswith("According to ") and st.citations  # attribution written by the program
        for c in st.citations:
            assert ix.docs[c.doc].text[c.start:c.end] == c.quote
            assert (SEEDS / c.doc).read_bytes().decode("utf-8")[c.start:c.end] == c.quote
    llm = seed_engine.llm()
    assert llm.logprobs is True  # every decision read from token probabilities
    assert llm.json_mode == "json_object"  # this server rejects the OpenAI json_schema form: the fallback
    assert all(0 <= f.p_states <= 1 for f in ans.findings)


@pytest.mark.slow
def test_server_probabilities_match_the_embedded_model(seed_engine):
    """Same model, same chat template: P(yes) through HTTP equals the embedded reading of the logits."""
    from tests.test_integration import _read_prompt

    msgs, _ = _read_prompt(seed_engine, "How long had the siege of Deir ez-Zor city lasted?")
    over_http = label_probs(seed_engine.llm(), msgs, prompts.YES_NO)["yes"]
    embedded = label_probs(seed_engine.llm(Settings.from_env(env={})), msgs, prompts.YES_NO)["yes"]
    assert over_http == pytest.approx(embedded, abs=0.03)


@pytest.mark.slow
def test_server_killed_mid_answer_is_a_clear_error():
    from tests.model_server import llama_server

    with llama_server() as (base, proc):
        llm = OpenAILLM(base, max_tokens=400)
        schema = {"type": "object", "properties": {"story": {"type": "string"}}, "required": ["story"]}
        pieces: list[str] = []

        def kill_after_a_few(piece: str) -> None:
            pieces.append(piece)
            if len(pieces) == 3:
                threading.Thread(target=proc.kill).start()

        with pytest.raises(BackendUnavailable, match="mid-answer"):
            llm.generate([{"role": "user", "content": "Write a long story about a lighthouse."}], schema,
                         on_token=kill_after_a_few)
        assert 3 <= len(pieces) < 400
        proc.wait(30)  # the kill runs in a thread: the next question comes once the server is gone
        with pytest.raises(BackendUnavailable, match="cannot reach"):  # and the next question says so
            llm.generate(HI, schema)
