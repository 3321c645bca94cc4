"""A tiny SMTP server on 127.0.0.1 for tests: it accepts messages and keeps them in memory."""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        self._reply("220 localhost test SMTP")
        data_mode, lines = False, []
        for raw in self.rfile:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data_mode:
                if line == ".":
                    self.server.messages.append("\n".join(lines))
                    data_mode, lines = False, []
                    self._reply("250 OK")
                else:
                    lines.append(line[1:] if line.startswith("..") else line)
                continue
            command = line.split(" ", 1)[0].upper()
            if command == "EHLO":
                self._reply("250-localhost\r\n250 8BITMIME")
            elif command == "DATA":
                data_mode = True
                self._reply("354 End data with <CR><LF>.<CR><LF>")
            elif command == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("250 OK")

    def _reply(self, text):
        self.wfile.write((text + "\r\n").encode())


class SMTPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), _Handler)
        self.messages = []

    @property
    def port(self):
        return self.server_address[1]

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
