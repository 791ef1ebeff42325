// Live preview on the edit page: the Markdown is sent to the server and rendered by
// the same code as the public page. Without JavaScript, the "Forhåndsvis" button does
// the same with a page reload.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var form = document.getElementById("item-form");
  if (!body || !form) return;
  var target = document.getElementById(body.getAttribute("data-preview"));
  var token = form.querySelector("input[name=csrf]");
  if (!target || !token) return;
  var timer = null;
  var latest = 0;
  function refresh() {
    var asked = ++latest;
    var data = new URLSearchParams();
    data.append("body", body.value);
    fetch("/redaksjon/forhandsvisning", {
      method: "POST",
      headers: { "X-CSRF-Token": token.value, "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString(),
      credentials: "same-origin"
    }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      // The server's HTML is sanitised; an older answer never overwrites a newer one.
      if (html !== null && asked === latest) target.innerHTML = html;
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  refresh();
})();
