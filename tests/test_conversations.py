"""Reply threads as conversations, and per-direction response times."""

from __future__ import annotations

from pathlib import Path

from missive import pipeline
from missive.conversations import conversations, format_conversations, timing
from missive.serialize import document_to_dict
from missive.sources import read_source

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "apparatus" / "thread.txt"


def _docs() -> list[dict]:
    source = read_source(FIXTURE)
    pipeline.run(source)
    return [document_to_dict(d, source) for d in source.documents]


def test_conversation_runs_from_first_message_through_replies_to_replies():
    [tree] = [t for t in conversations(_docs()) if t.id == "thread-no-10"]
    chain = []
    node = tree
    while node.replies:
        node = node.replies[0]
        chain.append(node.id)
    assert chain == ["thread-no-12", "thread-no-13", "thread-no-14"]
    assert "thread-no-12" in format_conversations([tree])


def test_response_time_per_direction():
    figures = timing(_docs())
    # No. 13 (Roosevelt, received Oct 20) answers No. 12 (sent Oct 16); No. 14 answers No. 13.
    assert figures["roosevelt -> stalin"]["response_days"]["median"] == 4
    assert figures["stalin -> roosevelt"]["response_days"]["count"] == 2
