"""Writers: plain functions of the model that render an issue to an output format (HTML first;
EPUB and PDF start from the HTML writer's markup)."""

from pathlib import Path

STYLES = Path(__file__).resolve().parent.parent.parent / "styles"  # stylesheets and fonts, for every writer
