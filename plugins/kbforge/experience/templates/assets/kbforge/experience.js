// Runbook checklists (kept in this browser, with a reset), FAQ answers that open
// when linked to, and the home page's search box ("Was this helpful?" is kbforge/feedback's).
(function () {
  function read(key) { try { return JSON.parse(localStorage.getItem(key)) } catch (e) { return null } }
  function write(key, value) { try { localStorage.setItem(key, JSON.stringify(value)) } catch (e) { /* not kept */ } }

  function steps() {
    var list = document.querySelector("ol.kb-steps")
    if (!list || list.dataset.ready) return
    list.dataset.ready = "1"
    var key = "kb.steps." + location.pathname
    var boxes = Array.prototype.slice.call(list.querySelectorAll(":scope > li > input.kb-step-check"))
    var done = read(key) || []
    boxes.forEach(function (box, n) {
      box.checked = done.indexOf(n) >= 0
      box.parentNode.classList.toggle("kb-step--done", box.checked)
      box.addEventListener("change", function () {
        box.parentNode.classList.toggle("kb-step--done", box.checked)
        write(key, boxes.map(function (b, i) { return b.checked ? i : -1 }).filter(function (i) { return i >= 0 }))
      })
    })
    var reset = document.querySelector(".kb-steps-reset")
    if (reset) reset.addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; box.parentNode.classList.remove("kb-step--done") })
      write(key, [])
    })
  }

  function openLinkedQuestion() {
    if (!location.hash) return
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)))
    var details = target && target.closest("details.kb-faq")
    if (details) { details.open = true; target.scrollIntoView() }
  }

  // The home page's big box is the header search's front door: what is typed
  // there moves, with the caret, into the header box (where the results
  // open), and stays visible in the big box too, both ways.
  function homeSearch() {
    var box = document.querySelector(".kb-home-search__input")
    var header = document.querySelector(".kb-search input")
    if (!box || !header || box.dataset.ready) return
    box.dataset.ready = "1"
    box.addEventListener("input", function () {
      header.value = box.value
      header.focus()
      header.setSelectionRange(header.value.length, header.value.length)
      header.dispatchEvent(new Event("input"))
    })
    header.addEventListener("input", function () { box.value = header.value })
    header.form.addEventListener("reset", function () { box.value = "" })
  }

  // Staff home: the reader's progress on an onboarding path (kept by paths.js).
  function staffPaths() {
    document.querySelectorAll(".kb-staff-path").forEach(function (path) {
      var done = read("kb.path." + path.dataset.kbPath) || {}
      var steps = JSON.parse(path.dataset.steps), count = 0, next = null
      steps.forEach(function (step) { if (done[step.id]) count++; else if (!next) next = step })
      var text = path.querySelector(".kb-staff-path__progress")
      text.textContent = text.dataset.template.replace("{done}", count)
      path.querySelector(".kb-staff-path__bar").value = count
      var line = path.querySelector(".kb-staff-path__next")
      if (next) {
        var link = line.querySelector("a")
        link.href = next.href
        link.textContent = next.title
        line.hidden = false
      }
    })
  }

  function setup() { steps(); openLinkedQuestion(); homeSearch(); staffPaths() }
  window.addEventListener("hashchange", openLinkedQuestion)
  document.addEventListener("DOMContentLoaded", setup)
})()
