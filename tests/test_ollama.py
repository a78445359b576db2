"""The Ollama backend against a server speaking Ollama's HTTP API on loopback."""

import json
import socket

import pytest

from rag.answer import answer
from rag.backends import make_llm
from rag.backends.ollama import OllamaLLM
from rag.errors import BackendUnavailable
from rag.settings import Settings
from tests.fakes import ExtractiveLLM
from tests.ollama_stub import OllamaStub

SCHEMA = {"type": "object", "properties": {"x": {"type": "integer"}}}


def test_streams_reply_and_passes_schema_and_temperature():
    with OllamaStub(reply='{"x": 12345}') as stub:
        llm = OllamaLLM(stub.host, "qwen2.5:7b")
        seen = []
        out = llm.generate([{"role": "user", "content": "hi"}], SCHEMA, on_token=seen.append)
    assert out == '{"x": 12345}' and "".join(seen) == out and len(seen) > 1
    path, body = stub.requests[-1]
    assert path == "/api/chat" and body["format"] == SCHEMA and body["options"]["temperature"] == 0
    assert body["model"] == "qwen2.5:7b" and body["messages"][0]["content"] == "hi"


def test_missing_model_names_the_fix():
    with OllamaStub(models=["llama3:8b"]) as stub:
        llm = OllamaLLM(stub.host, "qwen2.5:7b")
        with pytest.raises(BackendUnavailable, match=r"no model 'qwen2.5:7b'.*llama3:8b.*ollama pull"):
            llm.generate([{"role": "user", "content": "hi"}], SCHEMA)


def test_unreachable_server_is_a_clear_error():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llm = make_llm(Settings.from_env(env={}, backend="ollama", ollama_host=f"http://127.0.0.1:{port}"))
    with pytest.raises(BackendUnavailable, match="cannot reach Ollama"):
        llm.generate([{"role": "user", "content": "hi"}], SCHEMA)


def test_server_dying_mid_answer_is_a_clear_error():
    with OllamaStub(reply='{"x": 1234567890123456789}', die_after=1) as stub:
        llm = OllamaLLM(stub.host, "qwen2.5:7b")
        with pytest.raises(BackendUnavailable, match="mid-answer|failed"):
            llm.generate([{"role": "user", "content": "hi"}], SCHEMA)


def _extractive(stub_body: dict) -> str:
    return ExtractiveLLM().generate(stub_body["messages"], stub_body.get("format") or {})


def _extractive_yes(stub_body: dict) -> float:
    said = json.loads(ExtractiveLLM().generate(stub_body["messages"], {"properties": {"label": {}}}))
    return 0.9 if said["label"] == "yes" else 0.1


@pytest.mark.parametrize("logprobs", [True, False], ids=["server-with-logprobs", "older-server-without"])
def test_full_answer_through_ollama(built, embedder, settings, logprobs):
    """The whole pipeline through the native API: yes/no from `top_logprobs` where the server returns them,
    else from a generated label; the same cited answer either way."""
    with OllamaStub(reply=_extractive, p_yes=_extractive_yes if logprobs else None) as stub:
        llm = OllamaLLM(stub.host, "qwen2.5:7b")
        ans = answer("How many people did the Riverton flood kill?", built, embedder, llm, settings)
    assert not ans.abstained and ans.model == f"qwen2.5:7b (ollama at {stub.host})"
    docs = {c.doc for st in ans.statements for c in st.citations}
    assert {"river_gazette.txt", "valley_wire.md"} <= docs and ans.disagreements
    for st in ans.statements:
        for c in st.citations:
            assert built.docs[c.doc].text[c.start:c.end] == c.quote
    asked = [b for path, b in stub.requests if path == "/api/chat"]
    probed = [b for b in asked if b.get("logprobs")]
    assert llm.logprobs is logprobs
    if logprobs:  # every yes/no decision read from probabilities, one token each
        assert probed and all(b["top_logprobs"] == 20 and b["options"]["num_predict"] == 1 for b in probed)
        assert not any("label" in (b.get("format") or {}).get("properties", {}) for b in asked)
    else:  # asked once, then labels are generated under a schema
        assert len(probed) == 1
        assert any("label" in (b.get("format") or {}).get("properties", {}) for b in asked)
