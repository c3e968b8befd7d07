"""Save a document as a password-protected .docx with LibreOffice (UNO).

Run with the system Python that has the ``uno`` module (Debian:
python3-uno), not the project venv::

    /usr/bin/python3 lo_encrypt.py SOURCE.fodt OUT.docx PASSWORD

It starts its own headless soffice on a named pipe (no network socket)
with a throwaway profile, loads SOURCE read-only, stores it with the
"MS Word 2007 XML" filter and, in the media descriptor, EncryptionData
holding OOXPassword (what the GUI's password dialog hands the filter)
and CryptoType=Standard, then shuts soffice down.

Why not ``--convert-to 'docx:...:{"EncryptionPassword":...}'``? In
LibreOffice 7.4 that JSON filter option is ignored by the Word filter and
you get a plain, unencrypted zip. A plain "Password" property is ignored
too. CryptoType=Standard is needed because 7.4's default ("Agile")
fails with an I/O write error. The result is an OLE2 compound file with
the streams EncryptionInfo (ECMA-376 Standard Encryption, AES-128) and
EncryptedPackage.

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
        desktop = None
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
            # ReadOnly: no .~lock file is left next to the source.
            doc = desktop.loadComponentFromURL(
                src_url, "_blank", 0,
                (prop("Hidden", True), prop("ReadOnly", True)))
            if doc is None:
                sys.exit("soffice could not load " + src)
            enc = uno.Any("[]com.sun.star.beans.NamedValue", (
                NamedValue("OOXPassword", password),
                NamedValue("CryptoType", "Standard"),
            ))
            args = uno.Any("[]com.sun.star.beans.PropertyValue", (
                prop("FilterName", "MS Word 2007 XML"),
                uno.createUnoStruct("com.sun.star.beans.PropertyValue",
                                    "EncryptionData", 0, enc, 0),
            ))
            uno.invoke(doc, "storeToURL", (out_url, args))
            doc.close(True)
        finally:
            if desktop is not None:
                try:
                    desktop.terminate()
                except Exception:
                    pass  # the bridge drops as soffice exits
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
