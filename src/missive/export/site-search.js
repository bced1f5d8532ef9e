// Client-side search of a missive static site: every word of the query must occur in
// the document's text (case-insensitive); hits link to the documents' pages.
(function () {
  "use strict";
  var index = window.MISSIVE_SEARCH_INDEX || [];
  var box = document.getElementById("site-search");
  if (!box) { return; }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  document.querySelectorAll("input[name=q]").forEach(function (input) { input.value = query; });
  var words = query.toLowerCase().replace(/["*()]/g, " ").split(/\s+/).filter(function (w) {
    return w && w !== "and" && w !== "or" && w !== "not";
  });
  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    var start = Math.max(0, at - 60);
    return (start > 0 ? "… " : "") + text.slice(start, at + word.length + 80) + " …";
  }
  var hits = words.length ? index.filter(function (doc) {
    var text = doc.text.toLowerCase();
    return words.every(function (w) { return text.indexOf(w) >= 0; });
  }) : [];
  var heading = document.createElement("h2");
  heading.textContent = words.length ? hits.length + " document" + (hits.length === 1 ? "" : "s") +
    " match “" + query + "” (searched in this copy of the edition)" : "Type words to search the edition.";
  box.appendChild(heading);
  var list = document.createElement("ol");
  list.className = "site-hits";
  hits.forEach(function (doc) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = doc.url;
    link.textContent = doc.title;
    var text = document.createElement("p");
    text.textContent = snippet(doc.text, words[0]);
    item.appendChild(link);
    item.appendChild(text);
    list.appendChild(item);
  });
  box.appendChild(list);
})();
