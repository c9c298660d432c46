// The studio's small enhancements; every form works without them.
// - the human preview of EDTF dates as they are typed («около марта 1942 г.»);
// - autosave of drafts every 30 seconds while something changed;
// - suggestions for the relation picker;
// - drag and drop upload of many files with progress, in resumable chunks.

const form = document.getElementById("record-form");

// The words this script shows come from the page, in the page's language: the server renders
// them into a JSON data block (`#studio-messages`, templates/studio/edit.html), as the CSP
// allows data but no inline code. A missing block or word shows the word's key, never breaks.
const messages = (() => {
  try {
    return JSON.parse(document.getElementById("studio-messages")?.textContent || "{}");
  } catch {
    return {};
  }
})();
const msg = (key) => messages[key] ?? key;
const csrf = form ? form.querySelector("input[name=csrf]")?.value : document.querySelector("input[name=csrf]")?.value;

// EDTF preview -------------------------------------------------------------------------------
for (const input of document.querySelectorAll(".edtf-input")) {
  const out = document.getElementById(input.id.replace(/^in-/, "") + "-preview");
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!out) return;
      const value = input.value.trim();
      if (!value) { out.textContent = ""; return; }
      try {
        const r = await fetch("/studio/edtf?value=" + encodeURIComponent(value), { credentials: "same-origin" });
        const data = await r.json();
        out.textContent = data.error ? data.error : data.text;
        out.classList.toggle("field-error", Boolean(data.error));
      } catch { /* the server-rendered preview stays */ }
    }, 250);
  });
}

// Autosave -----------------------------------------------------------------------------------
if (form && form.dataset.autosave) {
  const status = form.querySelector(".autosave-status");
  let dirty = false;
  form.addEventListener("input", () => { dirty = true; });
  setInterval(async () => {
    if (!dirty) return;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    try {
      const r = await fetch(form.dataset.autosave, { method: "POST", body, credentials: "same-origin" });
      const data = await r.json();
      if (data.ok && data.version) {
        form.querySelector("input[name=version]").value = data.version;
      } else {
        dirty = true;
      }
      if (status) status.textContent = data.message || "";
    } catch {
      dirty = true;
      if (status) status.textContent = msg("offline");
    }
  }, 30000);
}

// Relation picker ----------------------------------------------------------------------------
for (const input of document.querySelectorAll(".record-picker")) {
  const list = document.getElementById(input.getAttribute("list"));
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || /№\d+\)?$/.test(q)) return;
      try {
        const r = await fetch("/studio/suggest?q=" + encodeURIComponent(q), { credentials: "same-origin" });
        const items = await r.json();
        list.replaceChildren(...items.map((item) => {
          const o = document.createElement("option");
          o.value = item.label;
          return o;
        }));
      } catch { /* typing a number still works */ }
    }, 200);
  });
}

// Upload -------------------------------------------------------------------------------------
async function uploadFile(file, row) {
  const bar = row.querySelector("progress");
  const text = row.querySelector(".upload-text");
  const headers = { "X-CSRF-Token": csrf };
  let r = await fetch("/studio/uploads", {
    method: "POST", credentials: "same-origin",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ name: file.name, size: file.size }),
  });
  let data = await r.json();
  if (!data.ok) throw new Error(data.message);
  const id = data.id;
  const chunk = data.chunk || 8 * 1024 * 1024;
  let offset = 0;
  let failures = 0;
  while (offset < file.size) {
    try {
      r = await fetch("/studio/uploads/" + id, {
        method: "PATCH", credentials: "same-origin",
        headers: { ...headers, "Upload-Offset": String(offset), "Content-Type": "application/offset+octet-stream" },
        body: file.slice(offset, offset + chunk),
      });
      data = await r.json();
      if (r.status === 409) {
        offset = Number(r.headers.get("Upload-Offset") || 0);
        continue;
      }
      if (!data.ok) throw Object.assign(new Error(data.message), { fatal: true });
      offset = data.offset;
      failures = 0;
      bar.value = offset / file.size;
      text.textContent = file.name + ": " + Math.round((offset / file.size) * 100) + " %";
      if (data.done) return data.file;
    } catch (e) {
      if (e.fatal || ++failures > 20) throw e;
      // The connection dropped: ask the server what it has and go on from there.
      text.textContent = file.name + ": " + msg("connection-lost");
      await new Promise((ok) => setTimeout(ok, Math.min(30000, 1000 * 2 ** failures)));
      try {
        const s = await (await fetch("/studio/uploads/" + id, { credentials: "same-origin" })).json();
        if (s.ok) offset = s.offset;
      } catch { /* still offline; try again */ }
    }
  }
  throw new Error(msg("upload-failed"));
}

function addMedia(fieldset, file) {
  const key = fieldset.dataset.field;
  const list = fieldset.querySelector(".media-list");
  if (fieldset.dataset.multi !== "true") list.replaceChildren();
  const li = document.createElement("li");
  li.className = "media-item";
  const hidden = Object.assign(document.createElement("input"), { type: "hidden", name: key, value: file.sha256 });
  li.append(hidden);
  if (file.thumb) {
    li.append(Object.assign(document.createElement("img"), { src: "/studio/media/" + file.sha256, alt: "", width: 120 }));
  } else {
    li.append(Object.assign(document.createElement("span"), { className: "media-type", textContent: file.format }));
  }
  const label = document.createElement("label");
  label.append((file.thumb ? msg("alt") : msg("caption")) + " ", Object.assign(document.createElement("input"), { name: key + "_alt", maxLength: 1000 }));
  li.append(label, removeButton());
  list.append(li);
  form?.dispatchEvent(new Event("input"));
}

function removeButton() {
  const b = Object.assign(document.createElement("button"), { type: "button", className: "media-remove", textContent: msg("remove") });
  return b;
}

document.addEventListener("click", (e) => {
  if (e.target.classList?.contains("media-remove")) {
    e.target.closest(".media-item")?.remove();
    form?.dispatchEvent(new Event("input"));
  }
});

for (const fieldset of document.querySelectorAll(".media-field")) {
  const zone = fieldset.querySelector(".dropzone");
  const input = fieldset.querySelector(".media-input");
  const progress = fieldset.querySelector(".upload-progress");
  zone.hidden = false;
  const start = (files) => {
    for (const file of files) {
      const row = document.createElement("li");
      row.innerHTML = '<span class="upload-text"></span><progress max="1" value="0"></progress>';
      row.querySelector(".upload-text").textContent = file.name;
      row.querySelector("progress").setAttribute("aria-label", file.name);
      progress.append(row);
      uploadFile(file, row).then(
        (stored) => { row.querySelector(".upload-text").textContent = file.name + ": " + msg("uploaded"); addMedia(fieldset, stored); },
        (e) => { row.querySelector(".upload-text").textContent = file.name + ": " + e.message; row.classList.add("field-error"); },
      );
    }
  };
  input.addEventListener("change", () => { start(input.files); input.value = ""; });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("over"); start(e.dataTransfer.files); });
}

// Transcriber ---------------------------------------------------------------------------------
// Keys work inside the transcript box, so the hands never leave the keyboard: Ctrl+Space plays
// and pauses, Ctrl+← steps back 5 s, Ctrl+↓ toggles a slower speed, Ctrl+Enter inserts the
// current time as a new line's mark, Ctrl+U marks an unclear word at the current time.
for (const area of document.querySelectorAll("textarea.transcript-editor")) {
  const box = area.closest(".field")?.querySelector("[data-transcriber]");
  const media = [...(box?.querySelectorAll(".transcriber-media") || [])];
  const status = box?.querySelector(".transcriber-status");
  if (!media.length) continue;
  let current = media[0];
  for (const m of media) m.addEventListener("play", () => { current = m; });
  const offset = (m) => media.slice(0, media.indexOf(m))
    .reduce((sum, x) => sum + (Number.isFinite(x.duration) ? x.duration : 0), 0);
  const stamp = (seconds) => {
    const s = Math.floor(seconds);
    return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
      .map((n) => String(n).padStart(2, "0")).join(":");
  };
  const now = () => stamp(offset(current) + current.currentTime);
  const insert = (text) => {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, "end");
    area.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const say = (text) => { if (status) status.textContent = text; };
  area.addEventListener("keydown", (e) => {
    if (!e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.code === "Space") {
      e.preventDefault();
      if (current.paused) { current.play(); say(msg("playing") + ", " + now()); } else { current.pause(); say(msg("paused") + ", " + now()); }
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      current.currentTime = Math.max(0, current.currentTime - 5);
      say(msg("back") + ": " + now());
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      current.playbackRate = current.playbackRate < 1 ? 1 : 0.75;
      say(current.playbackRate < 1 ? msg("slow") : msg("normal"));
    } else if (e.key === "Enter") {
      e.preventDefault();
      const atLineStart = area.selectionStart === 0 || area.value[area.selectionStart - 1] === "\n";
      insert((atLineStart ? "" : "\n") + "[" + now() + "] ");
    } else if (e.code === "KeyU") {
      e.preventDefault();
      // The mark is the transcript format's own word, read by the server in any language.
      insert("[неразборчиво " + now() + "]");
    }
  });
}

// A transcript file chosen for import is read into the form's text box, so the server gets text
// and says which line is wrong.
for (const input of document.querySelectorAll(".transcript-import .import-file")) {
  input.addEventListener("change", async () => {
    const file = input.files[0];
    const box = input.form.querySelector("textarea[name=content]");
    if (!file || !box) return;
    box.value = await file.text();
    const format = input.form.querySelector("select[name=format]");
    if (format && format.value === "auto" && /\.xml$/i.test(file.name)) format.value = "ohms";
  });
}
