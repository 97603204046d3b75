"""Rendered social-media post screenshots with known fields, for the post parser's tests.

Each `Card` holds the ground truth of one made-up post and `render(card)` draws it the way the
app draws a single post (simplified: plain coloured avatars, icons drawn as shapes, Debian's
Liberation and DejaVu fonts). Rendering is deterministic: the same card gives the same bytes.

Conventions of the ground truth:
- `handle` and `timestamp_raw` are the text exactly as drawn; `timestamp` is its ISO 8601 form, or
  None when the app shows a relative time ("2h").
- `body` is the post text with paragraphs separated by a blank line; for Reddit the title is the
  first paragraph.
- `counts` maps replies / reposts / likes / views to the number drawn (None if not drawn);
  `counts_shown` lists every count string drawn, top to bottom and left to right, including ones
  with no key in `counts` (X bookmarks, Bluesky quotes).
"""

from __future__ import annotations

from PIL import Image

from tests.card_canvas import X_BLACK, X_DIM, X_LIGHT, Card
from tests.card_renderers import (
    BlueskyPost,
    MastodonPost,
    RedditPost,
    ThreadsPost,
    XPost,
    XTimeline,
    render_bluesky,
    render_mastodon,
    render_reddit,
    render_threads,
    render_x_post,
    render_x_timeline,
)

# ----------------------------------------------------------------------------- the cards


CARDS: list[Card] = [
    Card(
        name="x-light",
        platform="X",
        display_name="Mara Quill",
        handle="@maraquill_sec",
        timestamp_raw="10:02 AM · Feb 23, 2026",
        timestamp="2026-02-23T10:02:00",
        body=(
            "PSA: a fake wallet sync extension is live in the Chrome Web Store. It asks for "
            "your seed phrase on first launch and sends it to a server in under a second.\n\n"
            "If you installed it, move your funds to a new wallet today and report the listing. "
            "Indicators of compromise in the thread below."
        ),
        counts={"replies": 1200, "reposts": 3400, "likes": 18000, "views": 4_100_000},
        counts_shown=("4.1M", "1.2K", "3.4K", "18K", "2.1K"),
    ),
    Card(
        name="x-dim",
        platform="X",
        display_name="Devon Achebe",
        handle="@devon_evals",
        timestamp_raw="9:47 PM · Jan 8, 2026",
        timestamp="2026-01-08T21:47:00",
        body=(
            "Kestrel-70B is out with open weights. On our runs it scores 71.3% on SWE-bench "
            "Verified, up from 48.9% for Kestrel-34B, with a 128K context window.\n\n"
            "Inference cost is about $0.60 per million tokens on 8 GPUs. Full eval logs "
            "and prompts are on the blog."
        ),
        counts={"replies": 214, "reposts": 1900, "likes": 9700, "views": 612_000},
        counts_shown=("612K", "214", "1.9K", "9.7K", "845"),
    ),
    Card(
        name="x-black",
        platform="X",
        display_name="Tomasz Wren",
        handle="@tomwren_data",
        timestamp_raw="7:15 AM · Dec 2, 2025",
        timestamp="2025-12-02T07:15:00",
        body=(
            "New scan results: 38,200 database servers are still reachable from the internet "
            "with no password set. That is 12% fewer than in June.\n\n"
            "Most of them sit on three cloud providers. We have notified all three."
        ),
        counts={"replies": 56, "reposts": 402, "likes": 2300, "views": 88_400},
        counts_shown=("88.4K", "56", "402", "2.3K", "117"),
    ),
    Card(
        name="x-timeline",
        platform="X",
        display_name="Sam Ortega",
        handle="@samortega_dev",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "Our team moved the build cache to a single bucket and CI time dropped from 41 "
            "minutes to 9.\n\n"
            "Nothing clever, just stopped rebuilding the same layers twice."
        ),
        counts={"replies": 12, "reposts": 48, "likes": 1100, "views": 52_000},
        counts_shown=("12", "48", "1.1K", "52K"),
    ),
    Card(
        name="bluesky",
        platform="Bluesky",
        display_name="Mara Quill",
        handle="@mara.bsky.social",
        timestamp_raw="February 23, 2026 at 10:02 AM",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Reminder: your bank will never ask you to read out a one-time code over the "
            "phone. Hang up and call the number on your card.\n\n"
            "We saw 3 of these calls this week alone, all spoofing the same caller ID."
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "3", "148"),
    ),
    Card(
        name="threads",
        platform="Threads",
        display_name=None,
        handle="mara.quill",
        timestamp_raw="2h",
        timestamp=None,
        body=(
            "A new open model just matched last year's best closed one on math benchmarks, "
            "at a tenth of the size.\n\n"
            "Worth reading the eval details before the hype: the test set is only 500 problems."
        ),
        counts={"replies": 12, "reposts": 9, "likes": 148, "views": None},
        counts_shown=("148", "12", "9"),
    ),
    Card(
        name="mastodon",
        platform="Mastodon",
        display_name="Mara Quill",
        handle="@mara@infosec.exchange",
        timestamp_raw="Feb 23, 2026, 10:02",
        timestamp="2026-02-23T10:02:00",
        body=(
            "Patch your VPN appliances today. The auth bypass disclosed on Friday is now "
            "being exploited, and we count over 4,000 exposed devices.\n\n"
            "Vendor advisory and detection rules are linked in the replies.\n\n"
            "#infosec #patchnow"
        ),
        counts={"replies": None, "reposts": 12, "likes": 148, "views": None},
        counts_shown=("12", "148"),
    ),
    Card(
        name="reddit",
        platform="Reddit",
        display_name=None,
        handle="u/mara_q",
        timestamp_raw="5h",
        timestamp=None,
        body=(
            "[N] Kestrel-70B released with open weights and a 128K context window\n\n"
            "The model card reports 71.3% on SWE-bench Verified and 86.1% on MMLU. Weights "
            "are under a permissive license, with a 4-bit version that fits on two 24 GB cards.\n\n"
            "Has anyone reproduced the coding numbers yet?"
        ),
        counts={"replies": 345, "reposts": None, "likes": 1200, "views": None},
        counts_shown=("1.2K", "345"),
    ),
]

_X_POSTS: dict[str, XPost] = {
    "x-light": XPost(X_LIGHT),
    "x-dim": XPost(X_DIM, verified=True),
    "x-black": XPost(X_BLACK),
}


def render(card: Card) -> Image.Image:
    """Draw `card` as a screenshot of its platform; the same card always gives the same pixels."""
    if card.name in _X_POSTS:
        return render_x_post(card, _X_POSTS[card.name])
    if card.name == "x-timeline":
        return render_x_timeline(
            card, XTimeline(card.timestamp_raw or "", *card.counts_shown), X_LIGHT
        )
    if card.platform == "Bluesky":
        return render_bluesky(card, BlueskyPost(*card.counts_shown))
    if card.platform == "Threads":
        return render_threads(card, ThreadsPost(*card.counts_shown))
    if card.platform == "Mastodon":
        return render_mastodon(card, MastodonPost(*card.counts_shown))
    if card.platform == "Reddit":
        return render_reddit(
            card, RedditPost("r/MachineLearning", card.timestamp_raw or "", *card.counts_shown)
        )
    raise ValueError(f"no renderer for card {card.name!r}")
