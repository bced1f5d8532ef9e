"""Search over a Tantivy index kept beside the store: the query language (`query`),
the index and its sync with the store (`index`), ranking, snippets and facets
(`engine`).

    from missive.search import search
    result = search("missive.db", '"second front" from:stalin date:1943-02..1943-06')
"""

from missive.search.engine import Hit, SearchResult, search
from missive.search.help import QUERY_HELP
from missive.search.index import reindex, sync_index

__all__ = ["QUERY_HELP", "Hit", "SearchResult", "reindex", "search", "sync_index"]
