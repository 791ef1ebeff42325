"""A real SMTP server for the tests (aiosmtpd): every message it accepts is written to
FOLDER as one .eml file (the envelope recipients first, as X-Envelope-To), written under
a temporary name and renamed, so a reader never sees half a message.

    python3 smtp_sink.py PORT FOLDER
Prints "ready" once it accepts connections; runs until killed."""
import os
import sys
import threading
import time

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{time.time_ns()}-{self.count}"
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(("X-Envelope-To: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(temporary, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
