"""A small HTTP server on loopback that speaks the part of Ollama's API the backend uses:
GET /api/tags, POST /api/chat (streamed NDJSON). It records requests and can die mid-answer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class OllamaStub:
    def __init__(self, models=("qwen2.5:7b",), reply: str = "{}", die_after: int | None = None) -> None:
        self.models, self.reply, self.die_after = list(models), reply, die_after
        self.requests: list[tuple[str, dict]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):  # keep test output quiet
                pass

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
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                pieces = [stub.reply[i:i + 7] for i in range(0, len(stub.reply), 7)]
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

            def _json(self, code, obj):
                data = json.dumps(obj).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> OllamaStub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
