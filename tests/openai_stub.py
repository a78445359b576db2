"""A loopback server speaking the part of the OpenAI chat API the `openai` backend uses, for what the real
llama.cpp server cannot show: a missing model, a refused key, a server without token probabilities, one that
accepts the OpenAI `json_schema` response format. Requests (with headers) are recorded."""

from __future__ import annotations

import json

from tests.loopback import JsonHandler, Loopback


class OpenAIStub(Loopback):
    def __init__(self, models=("served-model",), reply: str = "{}", key: str | None = None,
                 logprobs: bool = True, strict_models: bool = True) -> None:
        self.models, self.reply, self.key, self.logprobs = list(models), reply, key, logprobs
        self.strict_models = strict_models
        self.requests: list[tuple[str, dict, dict]] = []
        stub = self

        class Handler(JsonHandler):

            def _authorised(self) -> bool:
                if stub.key and self.headers.get("Authorization") != f"Bearer {stub.key}":
                    self._json(401, {"error": {"message": "Incorrect API key provided: sk-…"}})
                    return False
                return True

            def do_GET(self):
                stub.requests.append((self.path, {}, dict(self.headers)))
                if self._authorised():
                    self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in stub.models]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append((self.path, body, dict(self.headers)))
                if not self._authorised():
                    return
                if stub.strict_models and body["model"] not in stub.models:
                    return self._json(404, {"error": {"message": f"The model `{body['model']}` does not exist"}})
                if body.get("logprobs"):
                    lp = {"content": [{"token": "Yes", "logprob": -0.2, "top_logprobs": [
                        {"token": "Yes", "logprob": -0.2}, {"token": "No", "logprob": -1.8}]}]}
                    return self._json(200, {"choices": [{"index": 0, "message": {"role": "assistant",
                                                                                 "content": "Yes"},
                                                         "logprobs": lp if stub.logprobs else None,
                                                         "finish_reason": "length"}]})
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for k in range(0, len(stub.reply), 5):
                    self._event({"choices": [{"index": 0, "delta": {"content": stub.reply[k:k + 5]},
                                              "finish_reason": None}]})
                self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                self.wfile.write(b"data: [DONE]\n\n")

            def _event(self, obj):
                self.wfile.write(f"data: {json.dumps(obj)}\n\n".encode())
                self.wfile.flush()


        self._serve(Handler)
        self.base = f"http://127.0.0.1:{self.port}/v1"
