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
    // Stories: 加粗 puts ** around the words selected (or takes them off
    // again), which the public page shows bold; without this file the
    // story is plain text, which is fine too.
    document.querySelectorAll("[data-story-tools]").forEach(function (tools) {
      var area = document.getElementById(tools.getAttribute("data-story-tools"));
      if (!area) return;
      tools.hidden = false;
      tools.querySelector("[data-emphasis]").addEventListener("click", function () {
        var v = area.value, a = area.selectionStart, b = area.selectionEnd;
        while (a < b && /\s/.test(v[a])) a++; // ** must touch the words
        while (b > a && /\s/.test(v[b - 1])) b--;
        var words = v.slice(a, b);
        if (v.slice(a - 2, a) === "**" && v.slice(b, b + 2) === "**") {
          area.value = v.slice(0, a - 2) + words + v.slice(b + 2);
          area.setSelectionRange(a - 2, b - 2);
        } else {
          area.value = v.slice(0, a) + "**" + words + "**" + v.slice(b);
          area.setSelectionRange(a + 2, b + 2);
        }
        area.focus();
      });
    });
    // A form back from 预览: its preview is what the story's author came
    // to read.
    var preview = document.querySelector(".story-preview[tabindex]");
    if (preview && !summary) preview.focus();
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
