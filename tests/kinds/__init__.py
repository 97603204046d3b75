"""Realistic screenshot fixtures: small HTML/CSS mock-ups of posts, chats, emails, reviews, code,
posters and documents, rendered in the system's headless Chromium (tests/browser.py) with the
system fonts and Noto Color Emoji, with their true fields kept beside each.

- `spec.py`: the `Fixture` (HTML, width, zoom, encoding) and its `truth` (the kind, the platform
  and the typed fields exactly as drawn);
- `posts.py`, `chats.py`, `others.py`: one template function per layout, each taking a seeded
  `random.Random` and returning a Fixture;
- `generate.py`: `fixtures(seed, per_template)` and `render(fixture)` (PNG bytes, cached under
  cache/kinds/ by a hash of everything that shapes the pixels; nothing rendered is committed).
"""
