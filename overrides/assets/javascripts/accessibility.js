/* Accessibility fixes for what the theme draws without them (found by axe-core):
 * PMT's icon buttons have no text (button-name) and their icons no alt (image-alt); some
 * widgets get a positive tabindex, which reorders keyboard navigation (tabindex); Material's
 * search dialog has no name (aria-dialog-name). PMT builds much of this at run time, so the
 * fixes run again whenever the page changes. */
(function () {
  "use strict";

  function textOf(html) {
    const holder = document.createElement("div");
    holder.innerHTML = html;
    return holder.textContent.replace(/\s+/g, " ").trim();
  }

  function nameFor(button) {
    const tip = button.getAttribute("data-tip-txt") || button.getAttribute("title");
    if (tip) return textOf(tip);
    const tooltip = button.querySelector(".tooltiptext, [class*='tooltip']");
    if (tooltip && tooltip.textContent.trim()) return tooltip.textContent.replace(/\s+/g, " ").trim();
    const kind = button.getAttribute("btn_kind") || button.id || "button";
    return kind.replace(/[-_]+/g, " ").replace(/svg ?btn/i, "").trim();
  }

  function hasName(element) {
    // innerText, not textContent: a hidden tooltip inside the button names nothing.
    return Boolean(element.getAttribute("aria-label") || element.getAttribute("aria-labelledby") ||
                   element.innerText.trim() || element.querySelector("img[alt]:not([alt=''])"));
  }

  function fix() {
    document.querySelectorAll("button, [role='button']").forEach((button) => {
      if (!hasName(button)) button.setAttribute("aria-label", nameFor(button));
    });
    // Icons inside named buttons are decorative: the button carries the name.
    document.querySelectorAll("img:not([alt])").forEach((img) => img.setAttribute("alt", ""));
    document.querySelectorAll("[tabindex]").forEach((element) => {
      if (Number(element.getAttribute("tabindex")) > 0) element.setAttribute("tabindex", "0");
    });
    document.querySelectorAll(".md-search[role='dialog']:not([aria-label])").forEach((dialog) =>
      dialog.setAttribute("aria-label", "Search"));
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; fix(); });
  }

  fix();
  new MutationObserver(schedule).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex", "data-tip-txt"],
  });
})();
