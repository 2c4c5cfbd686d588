/* schedlib site: sort any table of a .sl-table block by a click on its header; add a filter box above the
   tables of .sl-filter blocks. No dependency, served with the site (no CDN). */
(function () {
  "use strict";
  function cellText(row, i) {
    var cell = row.cells[i];
    return cell ? cell.textContent.trim() : "";
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }
  function sortable(table) {
    if (!table.tHead || table.dataset.slSort) return;
    table.dataset.slSort = "1";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.setAttribute("title", "Sort by this column");
      th.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var c = compare(cellText(r, i), cellText(s, i));
          return dir === "ascending" ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function filterable(block, table) {
    if (block.dataset.slFilter) return;
    block.dataset.slFilter = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "sl-filter-box";
    box.placeholder = "Filter these rows";
    box.setAttribute("aria-label", "Filter the rows of the table below");
    var count = document.createElement("span");
    count.className = "sl-filter-count";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    count.textContent = rows.length + " rows";
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var hit = !q || r.textContent.toLowerCase().indexOf(q) !== -1;
        r.hidden = !hit;
        if (hit) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    });
    block.insertBefore(count, block.firstChild);
    block.insertBefore(box, count);
  }
  function mount() {
    document.querySelectorAll(".sl-table").forEach(function (block) {
      var table = block.querySelector("table");
      if (!table) return;
      sortable(table);
      if (block.classList.contains("sl-filter")) filterable(block, table);
    });
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
