// Languages: remember a language the reader chose explicitly, so the site root
// sends them there next time; and keep the language switcher right with
// Material's instant navigation, which swaps the content but not the header.
(function () {
  // Capture phase: runs before Material's instant navigation sees the click.
  window.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select a[hreflang], a[data-kb-lang]")
    if (!link) return
    var lang = link.getAttribute("data-kb-lang") || link.getAttribute("hreflang")
    try { localStorage.setItem("kb.lang", lang) } catch (e) { /* not remembered */ }
    // Another language means another header and search: let the browser load it.
    if (lang !== document.documentElement.lang) event.stopPropagation()
  }, true)

  function updateSwitcher() {
    var data = document.querySelector(".kb-alternates")
    if (!data) return
    JSON.parse(data.getAttribute("data-alternates")).forEach(function (alt) {
      var link = document.querySelector('.md-select a[hreflang="' + alt.lang + '"]')
      if (!link) return
      link.href = new URL(alt.link, location.href).href
      link.classList.toggle("kb-missing", !!alt.missing)
      var note = link.querySelector(".kb-missing-note")
      if (note) note.remove()
      if (alt.missing) {
        note = document.createElement("small")
        note.className = "kb-missing-note"
        note.textContent = " (" + data.getAttribute("data-missing-note") + ")"
        link.appendChild(note)
      }
    })
  }

  if (window.document$) document$.subscribe(updateSwitcher)
  else document.addEventListener("DOMContentLoaded", updateSwitcher)
})()
