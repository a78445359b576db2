"""The Ollama backend against a server speaking Ollama's HTTP API on loopback."""

import json
import socket

import pytest

from rag.answer import answer
from rag.errors import BackendUnavailable
from rag.llm import OllamaLLM, make_llm
from rag.settings import Settings
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


def test_full_answer_through_ollama(built, embedder, settings):
    reply = json.dumps({"relevant": [], "statements": []})
    with OllamaStub(reply=reply) as stub:
        llm = OllamaLLM(stub.host, "qwen2.5:7b")
        ans = answer("How many people did the Riverton flood kill?", built, embedder, llm, settings)
    assert ans.abstained and ans.model == f"qwen2.5:7b (ollama at {stub.host})"
