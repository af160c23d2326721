// Remember a language the reader chose explicitly (language switcher or the
// root page's links), so the site root sends them there next time.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".md-select a[hreflang], a[data-kb-lang]")
  if (!link) return
  try {
    localStorage.setItem("kb.lang", link.getAttribute("data-kb-lang") || link.getAttribute("hreflang"))
  } catch (e) { /* storage disabled: the choice is simply not remembered */ }
})
