// Staff site: the link for a customer, i.e. the customer site's permalink in
// the language the agent picks, to a section if wanted, as plain text or
// Markdown. Both sites: the notice for readers sent here from a retired article.
(function () {
  function share() {
    var box = document.querySelector(".kb-share__body")
    if (!box || box.dataset.ready) return
    box.dataset.ready = "1"
    var links = JSON.parse(box.dataset.links)
    var lang = box.querySelector(".kb-share__lang"), section = box.querySelector(".kb-share__section")
    var opens = box.querySelector(".kb-share__opens"), preview = box.querySelector(".kb-share__url")
    var status = box.querySelector(".kb-copied")

    function current() {
      var link = links[lang.value], key = section.value
      var part = key && link.sections[key]
      return {
        url: link.url + (part ? "#" + encodeURIComponent(key) : ""),
        title: link.title + (part ? " – " + part : ""),
        note: link.note
      }
    }
    function show() {
      var now = current()
      opens.textContent = now.note
      preview.textContent = now.url
      status.textContent = ""
    }
    lang.addEventListener("change", show)
    section.addEventListener("change", show)
    show()

    box.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-kb-copy]")
      if (!button) return
      var now = current()
      var text = button.dataset.kbCopy === "markdown" ? "[" + now.title + "](" + now.url + ")" : now.title + "\n" + now.url
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = status.dataset.done },
        function () { status.textContent = status.dataset.failed }
      )
    })
  }

  function replaced() {
    var from = new URLSearchParams(location.search).get("from")
    var notice = document.querySelector(".kb-replaced")
    if (from && notice && /^KB-\d+$/.test(from)) {
      notice.querySelector("p").textContent = notice.dataset.template.replace("{id}", from)
      notice.hidden = false
    }
  }

  document.addEventListener("DOMContentLoaded", function () { share(); replaced() })
})()
