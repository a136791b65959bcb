"""Checks run on every build: nothing lost (integrity), the laid-out page (layout), the fonts' coverage
and embedding (fonts), and EPUBCheck and Ace on the books (validators)."""
