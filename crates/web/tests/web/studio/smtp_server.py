"""A real SMTP server (aiosmtpd) for the studio's mail tests.

Usage: smtp_server.py OUT_DIR PORT [--tls CERT KEY | --smtps CERT KEY] [--login USER PASSWORD]

Listens on 127.0.0.1:PORT and saves every accepted letter into OUT_DIR as N.json, decoded by
Python's own e-mail parser (so the test checks what a mail program would show): the envelope,
the To and Subject headers and the text body. With --tls it offers and requires STARTTLS, with
--smtps it speaks TLS from the first byte; with --login it requires AUTH (over TLS only). Prints "ready" once it accepts connections and stops
when its standard input closes.
"""

import json
import logging
import os
import ssl
import sys
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    # aiosmtpd warns through its log about an attribute of its own that it reads itself.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    out, port, rest = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    tls = smtps = login = None
    while rest:
        if rest[0] in ("--tls", "--smtps"):
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(rest[1], rest[2])
            if rest[0] == "--tls":
                tls = context
            else:
                smtps = context
            rest = rest[3:]
        elif rest[0] == "--login":
            login = (rest[1].encode(), rest[2].encode())
            rest = rest[3:]
        else:
            sys.exit(f"unknown argument {rest[0]}")

    class Save:
        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            letter = {
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "to": str(message["To"]),
                "from": str(message["From"]),
                "subject": str(message["Subject"]),
                "body": message.get_body(("plain",)).get_content(),
                "tls": session.ssl is not None or smtps is not None,
                "authenticated": session.authenticated,
            }
            path = os.path.join(out, f"{len(os.listdir(out))}.json")
            with open(path + ".part", "w", encoding="utf-8") as f:
                json.dump(letter, f, ensure_ascii=False)
            os.rename(path + ".part", path)
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == login
        return AuthResult(success=ok, handled=False)

    options = {}
    if tls:
        options.update(tls_context=tls, require_starttls=True)
    if login:
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=True)
    if smtps:
        options.update(ssl_context=smtps)
    controller = Controller(Save(), hostname="127.0.0.1", port=port, **options)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


main()
