# Accept or reject every tracked change of .docx files in LibreOffice and print the paragraphs that are left
# (text, paragraph style, outline level) as JSON: {"file": [[text, style, level], ...]}.
# Usage: /usr/bin/python3 lo-tracked.py accept|reject PROFILE_DIR FILE...
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    mode, profile, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    pipe = "sdtracked%d" % os.getpid()
    office = subprocess.Popen(
        ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--invisible", "--norestore",
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(300):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        out = {}
        for f in files:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(f)), "_blank", 0, (prop("Hidden", True),))
            command = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(doc.getCurrentController().getFrame(), command, "", 0, ())
            paras = []
            e = doc.getText().createEnumeration()
            while e.hasMoreElements():
                p = e.nextElement()
                if p.supportsService("com.sun.star.text.Paragraph"):
                    paras.append([p.getString(), p.ParaStyleName, p.OutlineLevel])
            out[f] = {"paragraphs": paras, "redlines": doc.getRedlines().getCount() if hasattr(doc, "getRedlines") else -1}
            doc.close(True)
        print(json.dumps(out, ensure_ascii=False))
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=20)
        except Exception:
            office.kill()


main()
