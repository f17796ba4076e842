/*
 * GitOps Sync: filters for the drift tables and the dashboard.
 * Builds its controls with DOM methods and textContent only: every value comes from Git or the cluster.
 */
(function () {
  "use strict";

  var FILTERS = [
    { attribute: "action", label: "All actions" },
    { attribute: "health", label: "All health" },
    { attribute: "kind", label: "All kinds" },
  ];

  function distinctValues(rows, attribute) {
    var values = [];
    rows.forEach(function (row) {
      var value = row.getAttribute("data-" + attribute);
      if (value && values.indexOf(value) < 0) {
        values.push(value);
      }
    });
    return values.sort();
  }

  function applyFilters(table, selects, search) {
    var query = search ? search.value.trim().toLowerCase() : "";
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var visible = selects.every(function (select) {
        return !select.value || row.getAttribute("data-" + select.name) === select.value;
      });
      if (visible && query) {
        var text = (row.getAttribute("data-search") || row.textContent).toLowerCase();
        visible = text.indexOf(query) >= 0;
      }
      row.hidden = !visible;
    });
  }

  function buildSelectFilters(container) {
    var table = document.getElementById(container.getAttribute("data-gitops-filters-for"));
    if (!table) {
      return;
    }
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var selects = [];
    FILTERS.forEach(function (filter) {
      var values = distinctValues(rows, filter.attribute);
      if (values.length < 2) {
        return; // nothing to choose between
      }
      var wrapper = document.createElement("div");
      wrapper.className = "jenkins-select";
      var select = document.createElement("select");
      select.className = "jenkins-select__input";
      select.name = filter.attribute;
      select.setAttribute("aria-label", filter.label);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = filter.label;
      select.appendChild(all);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        applyFilters(table, selects, null);
      });
      selects.push(select);
      wrapper.appendChild(select);
      container.appendChild(wrapper);
    });
  }

  function bindSearch(input) {
    var table = document.getElementById(input.getAttribute("data-gitops-search-for"));
    if (!table) {
      return;
    }
    input.addEventListener("input", function () {
      applyFilters(table, [], input);
    });
    applyFilters(table, [], input);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gitops-filters-for]").forEach(buildSelectFilters);
    document.querySelectorAll("[data-gitops-search-for]").forEach(bindSearch);
  });
})();
