"""A local OpenID provider that plays Google for the browser suite (and for trying Sekisho by hand).

It serves discovery, a JWKS with one RSA key, an authorization page where the "person" types the
subject and email to sign in as and presses 許可 (approve) or 拒否 (deny), and a token endpoint that
checks the client secret, the redirect URI, single use of the code and the PKCE S256 verifier before
it answers a real RS256-signed ID token.

    (cd e2e && .venv/bin/python -m sekisho_e2e.openid_provider --port 9000)
    SEKISHO_GOOGLE_CLIENT_ID=local SEKISHO_GOOGLE_CLIENT_SECRET=local-secret \\
        SEKISHO_GOOGLE_ISSUER=http://127.0.0.1:9000 swift run sekisho serve
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

CLIENT_ID = "local"
CLIENT_SECRET = "local-secret"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _uint(number: int) -> str:
    return b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


class LocalOpenIDProvider:
    """Runs in a daemon thread on 127.0.0.1:`port` (0: any free port); `issuer` is its URL."""

    def __init__(self, port: int = 0, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "local-" + secrets.token_hex(4)
        self.codes: dict[str, dict] = {}
        self.lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet: pytest shows failures, not traffic
                pass

            def do_GET(self):
                provider._get(self)

            def do_POST(self):
                provider._post(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.issuer = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> "LocalOpenIDProvider":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()

    # -- endpoints --------------------------------------------------------------------------

    def _get(self, request: BaseHTTPRequestHandler) -> None:
        url = urllib.parse.urlsplit(request.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            self._json(request, 200, {
                "issuer": self.issuer, "authorization_endpoint": self.issuer + "/authorize",
                "token_endpoint": self.issuer + "/token", "jwks_uri": self.issuer + "/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"], "code_challenge_methods_supported": ["S256"],
            })
        elif url.path == "/jwks":
            numbers = self.key.public_key().public_numbers()
            self._json(request, 200, {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
                                                "n": _uint(numbers.n), "e": _uint(numbers.e)}]})
        elif url.path == "/authorize":
            self._authorization_page(request, query)
        else:
            self._json(request, 404, {"error": "not_found"})

    def _authorization_page(self, request: BaseHTTPRequestHandler, query: dict) -> None:
        if (query.get("client_id") != self.client_id or query.get("response_type") != "code"
                or query.get("code_challenge_method") != "S256" or not query.get("redirect_uri")):
            self._json(request, 400, {"error": "invalid_request"})
            return
        hidden = "".join(f'<input type="hidden" name="{name}" value="{html.escape(query.get(name, ""))}">'
                         for name in ("state", "nonce", "redirect_uri", "code_challenge"))
        page = f"""<!doctype html><html lang="ja"><meta charset="utf-8"><title>Local OpenID provider</title>
<h1>ローカル OpenID プロバイダ</h1><form method="post" action="/approve">{hidden}
<label>subject <input id="subject" name="subject" value="local-user"></label>
<label>email <input id="email" name="email" value="someone@example.com"></label>
<label>name <input id="name" name="name" value="ローカル 太郎"></label>
<button id="approve" name="decision" value="approve">許可</button>
<button id="deny" name="decision" value="deny">拒否</button></form></html>"""
        self._send(request, 200, "text/html; charset=utf-8", page.encode())

    def _post(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(request.rfile.read(length).decode()))
        if request.path == "/approve":
            self._approve(request, form)
        elif request.path == "/token":
            self._token(request, form)
        else:
            self._json(request, 404, {"error": "not_found"})

    def _approve(self, request: BaseHTTPRequestHandler, form: dict) -> None:
        back = {"state": form.get("state", ""), "iss": self.issuer}
        if form.get("decision") == "approve":
            code = secrets.token_urlsafe(24)
            with self.lock:
                self.codes[code] = form
            back["code"] = code
        else:
            back["error"] = "access_denied"
        request.send_response(302)
        request.send_header("Location", form["redirect_uri"] + "?" + urllib.parse.urlencode(back))
        request.end_headers()

    def _token(self, request: BaseHTTPRequestHandler, form: dict) -> None:
        with self.lock:
            grant = self.codes.pop(form.get("code", ""), None)
        challenge = b64url(hashlib.sha256(form.get("code_verifier", "").encode()).digest())
        if (form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret
                or grant is None or form.get("redirect_uri") != grant["redirect_uri"]
                or not secrets.compare_digest(challenge, grant["code_challenge"])):
            self._json(request, 400, {"error": "invalid_grant"})
            return
        now = int(time.time())
        claims = {"iss": self.issuer, "sub": grant["subject"], "aud": self.client_id, "azp": self.client_id,
                  "iat": now, "exp": now + 300, "auth_time": now, "nonce": grant["nonce"], "email": grant["email"],
                  "email_verified": True, "name": grant["name"]}
        self._json(request, 200, {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer",
                                  "expires_in": 300, "id_token": self._sign(claims)})

    def _sign(self, claims: dict) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
        signature = self.key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        return signing_input.decode() + "." + b64url(signature)

    @staticmethod
    def _json(request: BaseHTTPRequestHandler, status: int, body: dict) -> None:
        LocalOpenIDProvider._send(request, status, "application/json", json.dumps(body).encode())

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, content_type: str, body: bytes) -> None:
        request.send_response(status)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    provider = LocalOpenIDProvider(parser.parse_args().port)
    print(f"issuer {provider.issuer}  client id {provider.client_id}  secret {provider.client_secret}", flush=True)
    provider.httpd.serve_forever()


if __name__ == "__main__":
    main()
