// Onboarding paths: mark steps done; progress stays in this browser. A step
// whose article changed since it was marked done says so.
(function () {
  function key(path) { return "kb.path." + path }
  function load(path) {
    try { return JSON.parse(localStorage.getItem(key(path))) || {} } catch (e) { return {} }
  }
  function save(path, done) {
    try { localStorage.setItem(key(path), JSON.stringify(done)) } catch (e) { /* not kept */ }
  }

  function setup() {
    var box = document.querySelector(".kb-path")
    if (!box || box.dataset.ready) return
    box.dataset.ready = "1"
    var path = box.dataset.kbPath
    var steps = Array.prototype.slice.call(document.querySelectorAll(".kb-step"))
    var progress = box.querySelector(".kb-path-progress")

    function show() {
      var done = load(path), count = 0
      steps.forEach(function (step) {
        var version = done[step.dataset.kbStep]
        var box = step.querySelector("input")
        box.checked = !!version
        count += box.checked ? 1 : 0
        var changed = !!version && version !== step.dataset.kbVersion
        step.classList.toggle("kb-step--done", !!version)
        step.classList.toggle("kb-step--changed", changed)
        step.querySelector(".kb-step-changed").hidden = !changed
      })
      progress.textContent = progress.dataset.template
        .replace("{done}", count).replace("{total}", progress.dataset.total)
    }

    steps.forEach(function (step) {
      step.querySelector("input").addEventListener("change", function (event) {
        var done = load(path)
        if (event.target.checked) done[step.dataset.kbStep] = step.dataset.kbVersion
        else delete done[step.dataset.kbStep]
        save(path, done)
        show()
      })
    })
    box.querySelector(".kb-path-reset").addEventListener("click", function () {
      save(path, {})
      show()
    })
    show()
  }

  if (window.document$) document$.subscribe(setup)
  else document.addEventListener("DOMContentLoaded", setup)
})()
