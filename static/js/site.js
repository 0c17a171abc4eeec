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
    // Pickers (enterprises, party organisations): suggest records by part
    // of their name or id as the clerk types, in the input's own datalist.
    // Without this, the id or full name typed is looked up on save.
    document.querySelectorAll("input[data-suggest]").forEach(function (input) {
      var list = document.getElementById(input.getAttribute("list"));
      var byName = input.getAttribute("data-suggest-value") === "name";
      var timer = null;
      var asked = "";
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var q = input.value.trim();
        if (!list || q === "") return;
        timer = setTimeout(function () {
          asked = q;
          fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
            .then(function (r) { return r.ok ? r.json() : []; })
            .then(function (found) {
              if (asked !== q) return; // a later key has asked again
              list.textContent = "";
              found.forEach(function (e) {
                var o = document.createElement("option");
                o.value = byName ? e.name : e.id;
                o.label = byName ? e.id : e.name;
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
