/* Dash 4 renders dcc.Checklist and dcc.RadioItems as native checkboxes and radio buttons wrapped in
   <label role="option"> inside <div role="listbox">. Those roles tell a screen reader it is in a
   listbox of options, hiding the real controls (axe: aria-input-field-name, nested-interactive).
   The native inputs, their labels and the surrounding <fieldset>/<legend> already say everything,
   so the misleading roles are removed as the controls appear. */
(function () {
  "use strict";
  function restoreNativeSemantics(root) {
    root.querySelectorAll(".dash-options-list[role='listbox']").forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll(".dash-options-list-option[role='option']").forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
    });
  }
  new MutationObserver(function () { restoreNativeSemantics(document); }).observe(
    document.documentElement,
    { subtree: true, childList: true, attributes: true, attributeFilter: ["role"] }
  );
})();
