"""Shared helpers of the office-file checks (xlsx_check.py, docx_check.py): run under the Debian
python that has python3-openpyxl / python3-docx, and convert files with LibreOffice headless."""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"


def ensure_modules(*names):
    """Re-run this script under /usr/bin/python3 when the current python lacks the modules
    (scripts/test.sh calls `python3`, which may be a pyenv shim without the apt packages)."""
    try:
        for name in names:
            __import__(name)
    except ImportError:
        if sys.executable != SYSTEM_PYTHON and os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, *sys.argv])
        raise


def downloads():
    """The files the e2e run downloaded (scripts/test.sh sets LUOSHI_E2E_OUT)."""
    out = pathlib.Path(os.environ.get("LUOSHI_E2E_OUT", ROOT / "e2e" / "out")) / "downloads"
    return out if out.is_dir() else None


def to_pdf(path):
    """Convert with LibreOffice headless; returns (pdf path, page count, text of all pages)."""
    import pypdf

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) not found: run scripts/setup.sh")
    work = pathlib.Path(tempfile.mkdtemp(prefix="luoshi-office-"))
    profile = work / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(path)],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
    )
    pdf = work / (pathlib.Path(path).stem + ".pdf")
    reader = pypdf.PdfReader(str(pdf))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return pdf, len(reader.pages), text
