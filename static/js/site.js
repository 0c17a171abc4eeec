// Progressive enhancement only: every page works without this file.
// The elder-friendly (适老化) switch enlarges text and remembers the choice.
(function () {
  var root = document.documentElement;
  try {
    if (localStorage.getItem("elder") === "1") root.classList.add("elder");
  } catch (e) {}
  document.addEventListener("DOMContentLoaded", function () {
    // A form that came back with problems: move focus to its summary so
    // that screen readers announce it and keyboard users start there.
    var summary = document.querySelector(".error-summary[tabindex]");
    if (summary) summary.focus();
    // Enterprise pickers: suggest enterprises by name or id as the clerk
    // types. Without this, the id or full name typed is looked up on save.
    var list = document.getElementById("enterprise-suggestions");
    var timer = null;
    document.querySelectorAll("input[data-suggest]").forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var q = input.value.trim();
        if (!list || q === "") return;
        timer = setTimeout(function () {
          fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (found) {
              list.textContent = "";
              found.forEach(function (e) {
                var o = document.createElement("option");
                o.value = e.id;
                o.label = e.name;
                o.textContent = e.name;
                list.appendChild(o);
              });
            })
            .catch(function () {});
        }, 200);
      });
    });
    var button = document.getElementById("elder-toggle");
    if (!button) return;
    button.hidden = false;
    var sync = function () {
      var on = root.classList.contains("elder");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "标准字号" : "大字版";
    };
    sync();
    button.addEventListener("click", function () {
      root.classList.toggle("elder");
      try { localStorage.setItem("elder", root.classList.contains("elder") ? "1" : "0"); } catch (e) {}
      sync();
    });
  });
})();
