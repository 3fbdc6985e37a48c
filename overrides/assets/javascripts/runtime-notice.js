/* Says in words, in every exercise block, when Python cannot start or is slow to.
 *
 * The theme downloads Python (Pyodide), the editor and the terminal from cdn.jsdelivr.net. When
 * that fails (no network, a school firewall), the block shows its buttons and nothing happens:
 * the errors are on the console only. This script watches for the theme's "ready" flag
 * (CONFIG.pyodideIsReady) and for failed downloads, and writes the learner a notice: what is
 * wrong and what to try. The notice goes away as soon as Python is ready. */
(function () {
  "use strict";

  const SLOW_AFTER_MS = 10000; // a first visit on a good connection is ready in 3 to 6 s
  const failed = new Set();

  // Scripts the theme adds later (Pyodide, the editor, the terminal) report failures here. Those
  // of the page's head ran before this script: a missing jQuery is how their failure shows.
  window.addEventListener(
    "error",
    function (event) {
      const element = event.target;
      if (element && (element.tagName === "SCRIPT" || element.tagName === "LINK")) {
        failed.add(element.src || element.href);
      }
    },
    true,
  );

  function ready() {
    return typeof CONFIG !== "undefined" && CONFIG.pyodideIsReady === true;
  }

  function hostsOf(urls) {
    const hosts = new Set();
    urls.forEach(function (url) {
      try {
        hosts.add(new URL(url, location.href).host);
      } catch (error) {
        hosts.add(url);
      }
    });
    return Array.from(hosts).join(", ");
  }

  function show(blocks, kind, text) {
    blocks.forEach(function (block) {
      let notice = block.querySelector(":scope > .runtime-notice");
      if (!notice) {
        notice = document.createElement("div");
        block.prepend(notice);
      }
      notice.className = "runtime-notice runtime-notice--" + kind;
      // An error interrupts a screen reader; a slow start is said when it has a moment.
      notice.setAttribute("role", kind === "error" ? "alert" : "status");
      notice.textContent = text;
    });
  }

  function clear(blocks) {
    blocks.forEach(function (block) {
      const notice = block.querySelector(":scope > .runtime-notice");
      if (notice) notice.remove();
    });
  }

  function watch() {
    const blocks = Array.from(document.querySelectorAll(".py_mk_ide"));
    if (!blocks.length) return;
    const started = Date.now();
    const timer = setInterval(function () {
      if (ready()) {
        clearInterval(timer);
        clear(blocks);
        return;
      }
      if (typeof window.jQuery === "undefined") failed.add("https://cdn.jsdelivr.net/npm/jquery");
      if (failed.size) {
        clearInterval(timer);
        show(
          blocks,
          "error",
          "Python cannot start in this page: the browser could not download what the exercises run on, " +
            "from " + hostsOf(failed) + ". Check that you are online, then reload the page. On a school " +
            "or company network, ask for cdn.jsdelivr.net, pypi.org and files.pythonhosted.org to be " +
            "allowed. The rest of the page works without it.",
        );
      } else if (Date.now() - started > SLOW_AFTER_MS) {
        show(
          blocks,
          "slow",
          "Python is still loading. The first exercise page downloads it (several megabytes), then your " +
            "browser keeps it for the next pages. On a slow connection this takes a minute; the " +
            "buttons work once this message is gone.",
        );
      }
    }, 500);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
