// The presentation (templates/lessons/present.html): one screen at a time. Arrows, PageUp and
// PageDown (what a presenter's clicker sends), Space, Home and End; «f» for full screen. The
// address keeps the screen (#s3), so a reload stays where it was.
//
// On the hall's big screen paired with a guide's phone (`data-follow`), the screen asks the
// portal every second where the guide is and goes there; it has no controls of its own.

const slides = document.querySelector(".slides, .pair");
if (slides) {
  const screens = [...document.querySelectorAll(".slide")];
  const count = document.querySelector("[data-count]");
  const prev = document.querySelector("[data-prev]");
  const next = document.querySelector("[data-next]");
  const full = document.querySelector("[data-full]");
  let at = 0;

  const show = (n, focus) => {
    if (screens.length === 0) return;
    at = Math.max(0, Math.min(screens.length - 1, n));
    screens.forEach((s, i) => s.classList.toggle("current", i === at));
    if (count) count.textContent = `${at + 1} / ${screens.length}`;
    if (prev) prev.disabled = at === 0;
    if (next) next.disabled = at === screens.length - 1;
    history.replaceState(null, "", `#s${at}`);
    // A fragment playing on the screen left behind stops.
    for (const media of document.querySelectorAll("audio, video")) {
      if (!screens[at].contains(media)) media.pause();
    }
    if (focus) screens[at].focus({ preventScroll: true });
    window.scrollTo(0, 0);
  };

  if (screens.length > 0) {
    document.documentElement.classList.add("js-present");
    screens.forEach((s) => s.setAttribute("tabindex", "-1"));
    // A long transcript scrolls inside its screen (lessons.css): the keyboard can reach it.
    for (const lines of document.querySelectorAll(".slide .fragment-lines")) lines.tabIndex = 0;
    const fromHash = /^#s(\d+)$/.exec(location.hash);
    const start = fromHash ? Number(fromHash[1]) : Number(slides.dataset.start || 0);
    for (const b of [prev, next, full]) if (b) b.hidden = false;
    show(start, false);
  }

  if (!slides.dataset.follow) {
    prev?.addEventListener("click", () => show(at - 1, true));
    next?.addEventListener("click", () => show(at + 1, true));
    full?.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.documentElement.requestFullscreen?.();
    });
    document.addEventListener("keydown", (e) => {
      if (e.target.closest("input, textarea, select, audio, video")) return;
      // In the transcript the up and down arrows scroll it; the clicker's keys still move on.
      if (e.target.closest(".fragment-lines") && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
        return;
      }
      const go = {
        ArrowRight: at + 1, ArrowDown: at + 1, PageDown: at + 1, " ": at + 1, Enter: at + 1,
        ArrowLeft: at - 1, ArrowUp: at - 1, PageUp: at - 1, Backspace: at - 1,
        Home: 0, End: screens.length - 1,
      }[e.key];
      if (go !== undefined && !(e.key === "Enter" && e.target.closest("a, button"))) {
        e.preventDefault();
        show(go, true);
      } else if (e.key === "f" || e.key === "F") {
        full?.click();
      }
    });
  } else {
    // Following a guide: ask where the guide is; a new tour or a lost pairing reloads. A new
    // screen takes its own address, so a reload keeps its code.
    if (slides.dataset.here) history.replaceState(null, "", slides.dataset.here);
    const kit = Number(slides.dataset.kit || 0);
    let version = -1;
    const ask = async () => {
      try {
        const answer = await fetch(slides.dataset.follow, { cache: "no-store" });
        if (answer.status === 404) return location.reload();
        if (!answer.ok) return;
        const state = await answer.json();
        if ((state.kit || 0) !== kit) return location.reload();
        if (state.version !== version) {
          version = state.version;
          show(state.step, false);
        }
      } catch {
        // The hall's network hiccuped: ask again next time.
      }
    };
    ask();
    setInterval(ask, 1000);
  }
}
