"""A small HTTP server on loopback that speaks the part of Ollama's API the backend uses:
GET /api/tags, POST /api/chat (streamed NDJSON, or one JSON object with `stream: false`, with `logprobs`
and `top_logprobs` of the first token when asked and `p_yes` is given, as recent Ollama versions answer).
`reply` is the text or a function of the request body; `p_yes` a number, a function of the body, or None
for a server that returns no token probabilities. It records requests and can die mid-answer."""

from __future__ import annotations

import json
import math

from tests.loopback import JsonHandler, Loopback


class OllamaStub(Loopback):
    def __init__(self, models=("qwen2.5:7b",), reply="{}", die_after: int | None = None, p_yes=None) -> None:
        self.models, self.reply, self.die_after, self.p_yes = list(models), reply, die_after, p_yes
        self.requests: list[tuple[str, dict]] = []
        stub = self

        class Handler(JsonHandler):

            def do_GET(self):
                stub.requests.append((self.path, {}))
                if self.path != "/api/tags":
                    return self._json(404, {"error": "not found"})
                self._json(200, {"models": [{"name": m, "model": m, "modified_at": "2026-01-01T00:00:00Z",
                                             "size": 1, "digest": "x", "details": {}} for m in stub.models]})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append((self.path, body))
                if self.path != "/api/chat":
                    return self._json(404, {"error": "not found"})
                if body["model"] not in stub.models:
                    return self._json(404, {"error": f"model '{body['model']}' not found"})
                if body.get("stream") is False:
                    return self._json(200, stub.whole(body))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                reply = stub.reply(body) if callable(stub.reply) else stub.reply
                pieces = [reply[i:i + 7] for i in range(0, len(reply), 7)]
                for k, p in enumerate(pieces):
                    if stub.die_after is not None and k == stub.die_after:
                        self.wfile.flush()
                        self.connection.shutdown(2)  # the server dies mid-answer
                        return
                    self._line({"model": body["model"], "created_at": "2026-01-01T00:00:00Z",
                                "message": {"role": "assistant", "content": p}, "done": False})
                self._line({"model": body["model"], "created_at": "2026-01-01T00:00:00Z",
                            "message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop"})

            def _line(self, obj):
                self.wfile.write((json.dumps(obj) + "\n").encode())
                self.wfile.flush()


        self._serve(Handler)
        self.host = f"http://127.0.0.1:{self.port}"

    def whole(self, body: dict) -> dict:
        """The non-streamed answer: with `logprobs`, one token, 'yes' or 'no' by `p_yes`."""
        p = self.p_yes(body) if callable(self.p_yes) else self.p_yes
        out = {"model": body["model"], "created_at": "2026-01-01T00:00:00Z", "done": True, "done_reason": "stop"}
        if body.get("logprobs") and p is not None:
            top = sorted([("Yes", math.log(max(p, 1e-9))), ("No", math.log(max(1 - p, 1e-9))), ("The", -9.0)],
                         key=lambda t: -t[1])[:body.get("top_logprobs", 1)]
            out["message"] = {"role": "assistant", "content": top[0][0]}
            out["logprobs"] = [{"token": top[0][0], "logprob": top[0][1],
                                "top_logprobs": [{"token": t, "logprob": lp} for t, lp in top]}]
        else:
            reply = self.reply(body) if callable(self.reply) else self.reply
            out["message"] = {"role": "assistant", "content": reply}
        return out
