// The interview page: the transcript follows the player, lines and contents seek it, and the
// search box highlights and steps through matches. The page works without this file (every
// line is a `?t=` link, the search a GET form); this only saves the reloads.
//
// DOM contract (templates/public/interview.html), also used by browser tests:
//   [data-player]                 the section; data-start-at = seconds of a deep link, or ""
//   audio.player-media            the recording parts, data-offset = where each starts (s)
//   #transcript li.cue            lines, data-start / data-end in seconds on the whole timeline;
//                                 the line being spoken has aria-current="true" and .cue-current
//   a.cue-link, a.segment-link    seek to their data-start
//   #transcript-search, #transcript-q, [data-search-prev], [data-search-next], #transcript-status

const FOLLOW_PAUSE_MS = 4000;

const root = document.querySelector("[data-player]");
if (root) {
  init(root);
}

function init(root) {
  const media = [...root.querySelectorAll("audio.player-media, video.player-media")];
  const pane = root.querySelector("#transcript");
  const cues = pane ? [...pane.querySelectorAll("li.cue")] : [];
  const starts = cues.map((c) => parseFloat(c.dataset.start));
  const offsets = media.map((m) => parseFloat(m.dataset.offset) || 0);
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  let current = cues.findIndex((c) => c.getAttribute("aria-current") === "true");
  let userScrolledAt = 0;

  const partAt = (t) => {
    let part = 0;
    offsets.forEach((offset, i) => {
      if (t >= offset) part = i;
    });
    return part;
  };

  // The last line that has started by `t` (a little slack for rounding in the captions).
  const lineAt = (t) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t + 0.05) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  const follow = (i, force) => {
    if (!pane || i < 0) return;
    if (pane.scrollHeight <= pane.clientHeight) return;
    if (!force && (reducedMotion.matches || Date.now() - userScrolledAt < FOLLOW_PAUSE_MS)) return;
    const line = cues[i];
    const top = line.offsetTop - pane.clientHeight / 3;
    pane.scrollTo({ top: Math.max(0, top), behavior: reducedMotion.matches ? "auto" : "smooth" });
  };

  const mark = (i, force) => {
    if (i === current && !force) return;
    if (current >= 0 && cues[current]) {
      cues[current].removeAttribute("aria-current");
      cues[current].classList.remove("cue-current");
    }
    current = i;
    if (i >= 0) {
      cues[i].setAttribute("aria-current", "true");
      cues[i].classList.add("cue-current");
      follow(i, force);
    }
  };

  const seek = (t, play) => {
    if (!media.length) return;
    const part = partAt(t);
    media.forEach((m, i) => {
      if (i !== part && !m.paused) m.pause();
    });
    const m = media[part];
    const go = () => {
      m.currentTime = Math.max(0, t - offsets[part]);
      if (play) m.play().catch(() => {});
    };
    if (m.readyState >= 1) go();
    else m.addEventListener("loadedmetadata", go, { once: true });
    mark(lineAt(t), true);
  };

  media.forEach((m, i) => {
    const update = () => mark(lineAt(offsets[i] + m.currentTime), false);
    m.addEventListener("timeupdate", update);
    m.addEventListener("seeked", update);
    m.addEventListener("play", () => {
      media.forEach((other) => other !== m && other.pause());
    });
    // Parts play on one after another.
    m.addEventListener("ended", () => {
      const next = media[i + 1];
      if (next) {
        next.currentTime = 0;
        next.play().catch(() => {});
      }
    });
  });

  // Lines and contents entries seek instead of reloading; Enter on a link is a click too.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a.cue-link, a.segment-link");
    if (!link || !root.contains(link) || !media.length) return;
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    seek(parseFloat(link.dataset.start), true);
    history.replaceState(null, "", link.getAttribute("href").split("#")[0]);
  });

  // The visitor scrolling the transcript takes over from the automatic follow for a while.
  if (pane) {
    const took = () => {
      userScrolledAt = Date.now();
    };
    pane.addEventListener("wheel", took, { passive: true });
    pane.addEventListener("touchmove", took, { passive: true });
    pane.addEventListener("pointerdown", (e) => {
      if (e.target === pane) took();
    });
    pane.addEventListener("keydown", (e) => {
      if (["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "].includes(e.key)) took();
    });
  }

  // A deep link (?t=754): position the player there; playing needs the visitor's gesture.
  // The server marked the line that starts within that second; start exactly at it.
  const startAt = parseFloat(root.dataset.startAt);
  if (Number.isFinite(startAt)) {
    const marked = current >= 0 ? starts[current] : NaN;
    seek(Math.floor(marked) === Math.floor(startAt) ? marked : startAt, false);
    // The visitor came for this moment: bring the player into view (it used to sit below the
    // facts, off a phone's screen) — unless a content statement must be read first.
    const gated = document.querySelector("details[data-content-gate]:not([open])");
    if (!gated) root.scrollIntoView({ block: "start", behavior: "instant" });
  }

  // Continuing past the content statement takes the visitor to the player.
  const gate = document.querySelector("details[data-content-gate]");
  if (gate) {
    gate.addEventListener("toggle", () => {
      if (gate.open) {
        const heading = root.querySelector("#voice-title");
        if (heading) heading.focus();
        if (current >= 0) follow(current, true);
      }
    });
  }

  if (pane) initSearch(root, pane, cues);
}

// Case, ё/е and dashes fold the way the server's one normaliser does, char by char.
function fold(text) {
  return [...text]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const c = lower.length === 1 ? lower : ch;
      if (c === "ё") return "е";
      if (/[\u2010-\u2015\u2212]/.test(c)) return "-";
      if (/\s/.test(c)) return " ";
      return c;
    })
    .join("");
}

function initSearch(root, pane, cues) {
  const form = root.querySelector("#transcript-search");
  const input = root.querySelector("#transcript-q");
  const status = root.querySelector("#transcript-status");
  const prev = root.querySelector("[data-search-prev]");
  const next = root.querySelector("[data-search-next]");
  if (!form || !input || !status) return;
  const texts = cues.map((c) => c.querySelector(".cue-text"));
  const originals = texts.map((el) => (el ? el.textContent : ""));
  const lang = document.documentElement.lang || "ru";
  const plural = new Intl.PluralRules(lang);
  let marks = [];
  let at = -1;
  let timer = 0;

  // «Найдено 3 совпадения»: the server gave the one/few/many forms with {n} for the number.
  const countText = (n) => {
    const category = plural.select(n);
    const key = "count" + category.charAt(0).toUpperCase() + category.slice(1);
    return (form.dataset[key] || form.dataset.countMany).replace("{n}", String(n));
  };

  const render = (el, text, needle) => {
    el.textContent = "";
    if (!needle) {
      el.textContent = text;
      return 0;
    }
    const folded = fold(text);
    let from = 0;
    let found = 0;
    let i = folded.indexOf(needle);
    while (i !== -1) {
      el.append(text.slice(from, i));
      const m = document.createElement("mark");
      m.textContent = text.slice(i, i + needle.length);
      el.append(m);
      found += 1;
      from = i + needle.length;
      i = folded.indexOf(needle, from);
    }
    el.append(text.slice(from));
    return found;
  };

  const apply = () => {
    const needle = fold(input.value.trim()).replace(/ +/g, " ");
    cues.forEach((cue, k) => {
      if (!texts[k]) return;
      const found = render(texts[k], originals[k], needle);
      cue.classList.toggle("cue-match", found > 0);
    });
    marks = [...pane.querySelectorAll("mark")];
    at = -1;
    const searching = needle.length > 0;
    prev.hidden = next.hidden = !searching || marks.length === 0;
    status.textContent = !searching ? "" : marks.length ? countText(marks.length) : form.dataset.none;
  };

  const step = (delta) => {
    if (!marks.length) return;
    if (at >= 0) marks[at].classList.remove("mark-active");
    at = (at + delta + marks.length) % marks.length;
    const mark = marks[at];
    mark.classList.add("mark-active");
    const line = mark.closest("li.cue");
    pane.scrollTo({ top: Math.max(0, line.offsetTop - pane.clientHeight / 3) });
    if (pane.scrollHeight <= pane.clientHeight) line.scrollIntoView({ block: "center" });
    status.textContent = `${countText(marks.length)} (${at + 1}/${marks.length})`;
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    if (!marks.length) apply();
    step(1);
  });
  prev.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));
  apply();
}
