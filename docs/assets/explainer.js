// Timeline page: order (oldest or newest first), a filter by actor and a key-dates view. Works on the static page;
// without JavaScript every entry is simply shown in date order.
(function () {
  function setUp() {
    var controls = document.querySelector("[data-timeline-controls]");
    if (!controls || controls.dataset.ready) return;
    controls.dataset.ready = "1";
    controls.classList.add("tl-controls-ready");
    var story = document.getElementById("tl-story");
    var order = document.getElementById("tl-order");
    var actor = document.getElementById("tl-actor");
    var count = document.getElementById("tl-count");

    function reverseChildren(parent, selector) {
      var items = Array.prototype.filter.call(parent.children, function (el) { return el.matches(selector); });
      items.reverse().forEach(function (el) { parent.appendChild(el); });
    }

    order.addEventListener("change", function () {
      if (!story) return;
      var wantNewest = order.value === "desc";
      if ((story.dataset.newest === "1") === wantNewest) return;
      reverseChildren(story, "section.tl-month:not([data-month='uncertain'])");
      var undated = story.querySelector("section.tl-month[data-month='uncertain']");
      if (undated) story.appendChild(undated); // entries with no date stay last, whichever the order
      story.querySelectorAll("section.tl-month").forEach(function (month) {
        reverseChildren(month, "div.tl-day");
        month.insertBefore(month.querySelector(".tl-month-label"), month.firstChild);
        month.querySelectorAll("div.tl-day").forEach(function (day) {
          reverseChildren(day, "article.tl-entry"); // entries of one day or window, newest first too
        });
      });
      story.dataset.newest = wantNewest ? "1" : "0";
    });

    var view = document.getElementById("tl-view"); // absent when the story has no key dates

    function filter() {
      var who = actor.value;
      var keyOnly = view && view.value === "key";
      var shown = 0;
      document.querySelectorAll("article.tl-entry").forEach(function (entry) {
        var actors = (entry.dataset.actors || "").split("|");
        var visible = (!who || actors.indexOf(who) >= 0) && (!keyOnly || entry.dataset.key === "1");
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      document.querySelectorAll(".tl-day, section.tl-month").forEach(function (group) {
        group.hidden = group.querySelector("article.tl-entry:not([hidden])") === null;
      });
      var what = keyOnly ? " events on key dates" : " events";
      count.textContent = who || keyOnly ? shown + what + (who ? " with " + who : "") : "";
    }

    actor.addEventListener("change", filter);
    if (view) {
      view.addEventListener("change", filter);
      if (window.location.hash === "#key-dates") { view.value = "key"; filter(); }
    }
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();

// Tables with a status filter: a select names its table; rows carry data-status.
(function () {
  function setUp() {
    document.querySelectorAll("[data-filter-controls]").forEach(function (controls) {
      if (controls.dataset.ready) return;
      controls.dataset.ready = "1";
      controls.classList.add("tl-controls-ready");
      var select = controls.querySelector("select[data-filter-select]");
      var table = document.getElementById(select.dataset.filterSelect);
      select.addEventListener("change", function () {
        table.querySelectorAll("tbody tr").forEach(function (row) {
          row.hidden = Boolean(select.value) && row.dataset.status !== select.value;
        });
      });
    });
  }
  if (window.document$) { window.document$.subscribe(setUp); } else { document.addEventListener("DOMContentLoaded", setUp); }
})();

// Material's search dialog has no accessible name; give it one.
(function () {
  function name() {
    var dialog = document.querySelector(".md-search");
    if (dialog && !dialog.getAttribute("aria-label")) dialog.setAttribute("aria-label", "Search this site");
  }
  if (window.document$) { window.document$.subscribe(name); } else { document.addEventListener("DOMContentLoaded", name); }
})();

// Print: evidence and history folded into <details> are printed open; they close again afterwards.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
})();
