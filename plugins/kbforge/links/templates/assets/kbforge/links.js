// Copy for ticket: the permalink and title in the article's language, as plain
// text or Markdown. And the notice for readers sent here from a retired article.
(function () {
  function setup() {
    var box = document.querySelector(".kb-actions")
    if (box && !box.dataset.ready) {
      box.dataset.ready = "1"
      box.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-kb-copy]")
        if (!button) return
        var title = box.dataset.kbTitle, url = box.dataset.kbPermalink
        var text = button.dataset.kbCopy === "markdown" ? "[" + title + "](" + url + ")" : title + "\n" + url
        var status = box.querySelector(".kb-copied")
        navigator.clipboard.writeText(text).then(
          function () { status.textContent = status.dataset.done },
          function () { status.textContent = status.dataset.failed }
        )
      })
    }
    var from = new URLSearchParams(location.search).get("from")
    var notice = document.querySelector(".kb-replaced")
    if (from && notice && /^KB-\d+$/.test(from)) {
      notice.querySelector("p").textContent = notice.dataset.template.replace("{id}", from)
      notice.hidden = false
    }
  }
  if (window.document$) document$.subscribe(setup)  // Material's instant navigation
  else document.addEventListener("DOMContentLoaded", setup)
})()
