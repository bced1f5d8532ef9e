"""The query language, documented once for the reader's help page, the CLI and README."""

QUERY_HELP = """\
### Searching

| you type | finds documents |
|---|---|
| `second front` | with both words (in the body, the notes or the heading) |
| `"second front"` | with the exact phrase |
| `stalin OR churchill` | with either word |
| `convoy NOT arctic`, `convoy -arctic` | with the first word and not the second |
| `front*` | with a word starting with "front" (at least 2 letters before `*`) |
| `(convoy OR convoys) murmansk` | parentheses group; `AND` is implied between terms |
| `from:stalin`, `to:roosevelt`, `party:molotov` | sent by, sent to, or either (names resolve through the authority file: `from:"Uncle Joe"`) |
| `mentions:hull` | mentioning an entity (its key) |
| `date:1943-02..1943-06`, `date:1943-02`, `date:..1943` | dated in a range (YYYY, YYYY-MM or YYYY-MM-DD; either end may be left open) |
| `year:1944`, `year:1943..1944` | dated in a year |
| `kind:telegram`, `source:FILE`, `number:75`, `number:70..80` | of a kind, from a source file (`source:mia*` for a prefix), with a number |
| `has:notes` | with endnotes or footnotes |
| `sort:date`, `sort:relevance` | in date order, or best first (the default; equal scores by date) |

Operators are written in capitals (`AND`, `OR`, `NOT`); `NOT` binds tightest, then `AND`,
then `OR`. Words are matched without case or accents ("cafe" finds "Café") and are not
stemmed: use `front*` for variants. A word with punctuation inside (`C-47`) is searched
as a phrase. Ranking is BM25: a word in a heading counts twice as much as in the body,
one in a note a little over half. A malformed query (an unbalanced quote, a dangling
`OR`, an unknown field, an impossible date) gets a message saying what to write instead.
"""
