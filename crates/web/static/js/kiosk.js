// The exhibition hall's kiosk (src/public/kiosk.rs): the idle reset, the attract loop of the
// start screen, the on-screen keyboard, and no way out of the portal.
//
// Loaded only in kiosk mode, where every page has the `[data-kiosk]` bar with the idle time.
// Without JavaScript the kiosk is still the portal: the bar's links lead back to the start.

const bar = document.querySelector("[data-kiosk]");
if (bar) {
  const idleMs = Math.max(3, Number(bar.dataset.idle) || 90) * 1000;
  const start = document.querySelector("[data-kiosk-start]");
  const attract = document.querySelector("[data-attract]");
  const input = document.querySelector("[data-osk-input]");
  const SLIDE_MS = 7000;
  let idleTimer = 0;
  let slideTimer = 0;

  // Away from the start screen, idleness means the visitor has gone: back to the start, their
  // settings forgotten (the server clears them), with no page to go «back» to.
  const reset = () => location.replace("/kiosk?reset=1");

  const showAttract = () => {
    if (input) input.value = "";
    if (!attract) return;
    const slides = [...attract.querySelectorAll(".attract-slide")];
    if (slides.length === 0) return;
    attract.hidden = false;
    let shown = 0;
    slides.forEach((s, i) => s.classList.toggle("shown", i === 0));
    slideTimer = setInterval(() => {
      slides[shown].classList.remove("shown");
      shown = (shown + 1) % slides.length;
      slides[shown].classList.add("shown");
    }, SLIDE_MS);
  };

  const hideAttract = () => {
    if (!attract || attract.hidden) return false;
    attract.hidden = true;
    clearInterval(slideTimer);
    return true;
  };

  const wake = (event) => {
    // The touch that ends the attract loop only ends it: it does not also open what was under it.
    if (hideAttract() && event && event.type === "pointerdown") event.preventDefault();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(start ? showAttract : reset, idleMs);
  };
  for (const type of ["pointerdown", "keydown", "wheel", "scroll", "input"]) {
    addEventListener(type, wake, { capture: true, passive: type !== "pointerdown" });
  }
  wake();

  // «Назад» goes back when there is somewhere to go back to inside the portal.
  const back = document.querySelector("[data-kiosk-back]");
  if (back) {
    back.addEventListener("click", (event) => {
      if (history.length > 1 && document.referrer.startsWith(location.origin)) {
        event.preventDefault();
        history.back();
      }
    });
  }

  // No way out of the hall: links to other sites, downloads (a link to a file itself, such as
  // «Открыть файл целиком», opens the browser's own viewer with its save button), the studio
  // and the forms become plain text.
  const closed = /^\/(studio|contribute|excursions|media)(\/|$)|\.(vtt|srt|xml|csv|pdf|zip|txt)$/i;
  for (const link of document.querySelectorAll("a[href]")) {
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || link.hasAttribute("download") || closed.test(url.pathname)) {
      const text = document.createElement("span");
      text.textContent = link.textContent;
      link.replaceWith(text);
    }
  }

  // An on-screen keyboard types into the search field of its form (the start screen's, and
  // the search page's under «Клавиатура»).
  for (const keyboard of document.querySelectorAll("[data-osk]")) {
    const field = keyboard.closest("form")?.querySelector("input[type=search]");
    if (!field) continue;
    keyboard.hidden = false;
    keyboard.addEventListener("click", (event) => {
      const key = event.target.closest("[data-key]");
      if (!key) return;
      const k = key.dataset.key;
      field.value = k === "erase" ? field.value.slice(0, -1) : field.value + k;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }
}
