"""The print PDF as a manuscript: what cannot be read is one clear line (exit 2 from the command line)."""

import subprocess
import sys

import pikepdf
import pytest

from conftest import ROOT
from pipeline.errors import InputError
from pipeline.readers.pdf import read_pdf


def _blank(path, **save):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(path, **save)
    return path


def test_a_pdf_with_no_text_layer_is_refused(tmp_path):
    with pytest.raises(InputError, match="no text layer"):
        read_pdf(_blank(tmp_path / "scan.pdf"))


def test_an_encrypted_pdf_is_refused(tmp_path):
    locked = _blank(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(InputError, match="encrypted"):
        read_pdf(locked)


def test_a_broken_pdf_is_refused(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(_blank(tmp_path / "whole.pdf").read_bytes()[:200])
    with pytest.raises(InputError, match="not a PDF this pipeline can read"):
        read_pdf(tmp_path / "broken.pdf")


def test_the_command_line_says_it_in_one_line_and_exits_2(tmp_path):
    _blank(tmp_path / "scan.pdf")
    run = subprocess.run([sys.executable, "-m", "pipeline", "report", str(tmp_path / "scan.pdf")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no text layer" in run.stderr
