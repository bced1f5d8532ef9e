// Enhancement only: without this file every page still works (note markers link to
// the notes below the text).  With it, a marker opens its note in place.
"use strict";
(function () {
  function noteFor(link) {
    var target = document.getElementById(link.getAttribute("href").slice(1));
    return target ? target.querySelector(".note-text") || target : null;
  }
  function toggle(link) {
    var sup = link.parentNode;
    var open = sup.nextElementSibling;
    if (open && open.classList.contains("note-pop")) {
      open.remove();
      link.setAttribute("aria-expanded", "false");
      return;
    }
    var source = noteFor(link);
    if (!source) return;
    var pop = document.createElement("span");
    pop.className = "note-pop";
    pop.setAttribute("role", "note");
    var number = document.createElement("span");
    number.className = "note-number";
    number.textContent = link.textContent;
    pop.appendChild(number);
    pop.appendChild(document.createTextNode(source.textContent));
    sup.after(pop);
    link.setAttribute("aria-expanded", "true");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("sup.marker a") : null;
    if (!link) return;
    event.preventDefault();
    toggle(link);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".note-pop").forEach(function (pop) {
      var link = pop.previousElementSibling && pop.previousElementSibling.querySelector("a");
      pop.remove();
      if (link) { link.setAttribute("aria-expanded", "false"); link.focus(); }
    });
  });
})();
