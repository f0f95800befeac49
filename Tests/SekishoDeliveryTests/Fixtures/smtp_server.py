"""A real SMTP server (aiosmtpd) for the SekishoDelivery tests.

Listens on 127.0.0.1 at a free port, prints ``READY <port>`` once it accepts connections, saves
every received message as ``<n>.json`` (envelope sender, recipients, raw content in base64, and
whether TLS and AUTH were in force) into ``--maildir``, and exits when its stdin closes.

    smtp_server.py --maildir DIR [--tls none|starttls|smtps --cert PEM --key PEM]
                   [--user NAME --password SECRET [--mechanism PLAIN|LOGIN]]

Requires: pip install aiosmtpd
"""

import argparse
import base64
import json
import logging
import os
import ssl
import sys
import threading
import warnings

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class FreePortController(Controller):
    """Binds port 0 and reads the port the kernel chose before aiosmtpd's own readiness probe."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class Saver:
    def __init__(self, maildir):
        self.maildir = maildir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        transport = server.transport
        record = {
            "mailFrom": envelope.mail_from,
            "recipients": envelope.rcpt_tos,
            "content": base64.b64encode(envelope.original_content).decode("ascii"),
            "tls": session.ssl is not None
            or (transport is not None and transport.get_extra_info("ssl_object") is not None),
            "authenticated": bool(session.authenticated),
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.maildir, f"{self.count}.json")
        with open(name + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(name + ".tmp", name)
        return "250 2.0.0 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "smtps"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--mechanism", choices=["PLAIN", "LOGIN"])
    args = parser.parse_args()
    # The smtps case needs auth_require_tls=False (see below); silence aiosmtpd's warning about it.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    options = {}
    tls_context = None
    if args.tls != "none":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)
    if args.tls == "starttls":
        options.update(tls_context=tls_context, require_starttls=True)
    if args.user is not None:

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login == args.user.encode()
                and auth_data.password == args.password.encode()
            )
            # handled=False: aiosmtpd then answers a failure with 535 itself.
            return AuthResult(success=ok, handled=False)

        options.update(authenticator=authenticator, auth_required=True)
        # aiosmtpd only counts STARTTLS as TLS; with smtps the whole connection is TLS already.
        options.update(auth_require_tls=args.tls == "starttls")
        if args.mechanism is not None:
            options.update(auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m != args.mechanism])

    controller = FreePortController(
        Saver(args.maildir),
        hostname="127.0.0.1",
        port=0,
        ssl_context=tls_context if args.tls == "smtps" else None,
        server_hostname="localhost",
        **options,
    )
    controller.start()
    print(f"READY {controller.port}", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
