(function () {
  "use strict";
  // Row metadata comes from a JSON block, never from markup, and is only ever compared, never inserted as HTML.
  const meta = JSON.parse(document.getElementById("row-data").textContent);
  const table = document.getElementById("prompt-table");
  const rows = table ? Array.from(table.tBodies[0].rows) : [];
  const fields = ["language", "category", "label", "verdict"];
  const selects = fields.map((name) => document.getElementById("filter-" + name));
  const search = document.getElementById("filter-search");
  const count = document.getElementById("row-count");
  const noRows = document.getElementById("no-rows");
  const form = document.getElementById("filters");
  let haystack = null;
  let timer = 0;

  function apply() {
    const want = selects.map((s) => s.value);
    const query = search.value.trim().toLowerCase();
    const terms = query ? query.split(/\s+/) : [];
    // Lower-casing 2,000 rows' text costs a few milliseconds, so it is done once, on the first search.
    if (terms.length && haystack === null) {
      haystack = rows.map((row) => row.textContent.toLowerCase());
    }
    let shown = 0;
    for (let i = 0; i < rows.length; i++) {
      const m = meta[i];
      let ok = true;
      for (let f = 0; f < want.length && ok; f++) {
        ok = want[f] === "" || m[f] === want[f];
      }
      for (let t = 0; t < terms.length && ok; t++) {
        ok = haystack[i].indexOf(terms[t]) !== -1;
      }
      if (rows[i].hidden === ok) {
        rows[i].hidden = !ok;
      }
      if (ok) {
        shown++;
      }
    }
    count.textContent = shown + " of " + rows.length + " shown";
    if (noRows) {
      noRows.hidden = shown !== 0 || rows.length === 0;
    }
  }

  function choose(select, value) {
    // A heatmap square may name a value that no failing prompt has; add it so that the filter shows zero rows.
    if (value !== "" && !Array.from(select.options).some((o) => o.value === value)) {
      select.add(new Option(value, value));
    }
    select.value = value;
  }

  function focusOn(el) {
    choose(selects[0], el.dataset.language || "");
    choose(selects[1], el.dataset.category || "");
    choose(selects[2], el.dataset.label || "");
    selects[3].value = "";
    apply();
    document.getElementById("failing").scrollIntoView({ behavior: "smooth", block: "start" });
  }

  selects.forEach((s) => s.addEventListener("change", apply));
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  document.getElementById("filter-reset").addEventListener("click", () => {
    clearTimeout(timer);
    selects.forEach((s) => { s.value = ""; });
    search.value = "";
    apply();
  });
  document.querySelectorAll("td.heat[data-label], .cells-table tbody tr").forEach((el) => {
    el.addEventListener("click", () => focusOn(el));
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        focusOn(el);
      }
    });
  });
  apply();
  window.overrefusalReport = { apply: apply, rows: rows.length };
})();
