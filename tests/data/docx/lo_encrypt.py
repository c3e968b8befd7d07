"""Save a document as a password-protected .docx with LibreOffice (UNO).

Run with the system Python that has the ``uno`` module (Debian:
python3-uno), not the project venv::

    /usr/bin/python3 lo_encrypt.py SOURCE.fodt OUT.docx PASSWORD

It starts its own headless soffice on a named pipe (no network socket)
with a throwaway profile, loads SOURCE, stores it with the "MS Word 2007
XML" filter and a Password in the media descriptor (the way the GUI's
"Save with password" does it: EncryptionData with OOXPassword), then shuts soffice down.

Part of speakeasy's test fixtures; CC0 1.0.
"""

import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _with_value(p, any_value):
    # A struct member cannot hold a typed uno.Any directly; build the
    # PropertyValue through uno.createUnoStruct so the sequence type sticks.
    return uno.createUnoStruct("com.sun.star.beans.PropertyValue",
                               p.Name, 0, any_value, 0)


def main(src, out, password):
    src_url = uno.systemPathToFileUrl(os.path.abspath(src))
    out_url = uno.systemPathToFileUrl(os.path.abspath(out))
    pipe = "speakeasy_fixtures_%d" % os.getpid()
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen([
            "soffice", "--headless", "--invisible", "--norestore",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=pipe,name=%s;urp;" % pipe,
        ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            ctx = None
            for _ in range(120):
                try:
                    ctx = resolver.resolve(
                        "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                    break
                except Exception:
                    time.sleep(0.5)
            if ctx is None:
                sys.exit("could not connect to soffice")
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx)
            doc = desktop.loadComponentFromURL(
                src_url, "_blank", 0, (prop("Hidden", True),))
            # The OOXML export encrypts when the media descriptor carries
            # EncryptionData with an "OOXPassword" entry (what the GUI's
            # password dialog hands it); a plain "Password" is ignored.
            secret = NamedValue()
            secret.Name = "OOXPassword"
            secret.Value = password
            enc = uno.Any("[]com.sun.star.beans.NamedValue", (secret,))
            args = (prop("FilterName", "MS Word 2007 XML"),
                    prop("EncryptionData", None))
            uno.invoke(doc, "storeToURL", (out_url, uno.Any(
                "[]com.sun.star.beans.PropertyValue",
                (args[0], _with_value(args[1], enc)))))
            doc.close(True)
            try:
                desktop.terminate()
            except Exception:
                pass  # the bridge drops as soffice exits
        finally:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
