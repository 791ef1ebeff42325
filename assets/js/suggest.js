// Suggestions as you type, for search fields marked data-suggest. Without JavaScript
// the search form works as it is; this only adds a list of matching titles below it.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var endpoint = input.getAttribute("data-suggest");
    var list = document.createElement("ul");
    list.className = "suggestions";
    list.id = input.id + "-suggestions";
    list.setAttribute("aria-label", "Forslag");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.form.appendChild(list);
    input.form.appendChild(status);
    var timer = null;
    var latest = 0;

    function show(suggestions) {
      list.textContent = "";
      suggestions.forEach(function (s) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = s.url;
        link.textContent = s.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = suggestions.length === 0;
      status.textContent = suggestions.length ? suggestions.length + " forslag under søkefeltet" : "";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { show([]); return; }
      timer = setTimeout(function () {
        var request = ++latest;
        fetch(endpoint + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (body) { if (request === latest) { show(body.suggestions || []); } })
          .catch(function () { show([]); });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { show([]); }
    });
  });
})();
