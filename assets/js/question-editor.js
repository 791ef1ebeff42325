// The question editor shows the fields of the chosen kind: a true/false statement, or a
// list of options. Without JavaScript, saving shows the right fields.
(function () {
  "use strict";
  var kind = document.getElementById("kind");
  if (!kind) return;
  var groups = document.querySelectorAll("fieldset[data-kinds]");
  function show() {
    for (var i = 0; i < groups.length; i++) {
      var kinds = groups[i].getAttribute("data-kinds").split(" ");
      groups[i].hidden = kinds.indexOf(kind.value) < 0;
    }
  }
  kind.addEventListener("change", show);
})();
