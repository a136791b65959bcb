"""Readers: what an editor hands in, read faithfully — the manuscript (its form, blocks and inline
markup), the YAML sidecars with the editor's overrides, and the issue's photos."""
