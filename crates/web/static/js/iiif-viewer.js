// The portal's own IIIF viewer (templates/public/iiif_viewer.html, src/iiif/viewer.rs): reads
// a Presentation 3.0 manifest of this portal and shows each canvas — a recording with the
// transcript and index its annotations carry (a line plays from its start; the line being
// heard is marked), or a picture in the deep zoom through the IIIF image service. Text from the
// manifest is set as text, never as markup.

const root = document.getElementById("iiif-viewer");
if (root) {
  load(root).catch(() => status(root, root.dataset.labelFailed));
}

function status(root, text) {
  let p = root.querySelector(".iiif-viewer-status");
  if (!p) {
    p = el("p", "iiif-viewer-status");
    p.setAttribute("role", "status");
    root.prepend(p);
  }
  p.textContent = text;
  p.hidden = !text;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

// A language map's text in the page's language, else the first there is.
function words(map) {
  if (!map) return "";
  const lang = document.documentElement.lang || "ru";
  const values = map[lang] || map.ru || map.none || Object.values(map)[0] || [];
  return values.join(" ");
}

// `…#t=12.5,20` → [12.5, 20]
function span(target) {
  const m = /#t=([\d.]+)(?:,([\d.]+))?$/.exec(target || "");
  return m ? [parseFloat(m[1]), m[2] ? parseFloat(m[2]) : Infinity] : null;
}

function clock(seconds) {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

async function load(root) {
  const response = await fetch(root.dataset.manifest, { headers: { Accept: "application/ld+json" } });
  if (!response.ok) throw new Error(String(response.status));
  const manifest = await response.json();
  const canvases = manifest.items || [];
  canvases.forEach((canvas, n) => root.append(show(root, canvas, n, canvases.length)));
  status(root, "");
}

function show(root, canvas, n, count) {
  const section = el("section", "iiif-canvas");
  const label = words(canvas.label) || (count > 1 ? `${root.dataset.labelPart} ${n + 1}` : "");
  if (label) section.append(el("h2", null, label));
  const painting = (canvas.items || []).flatMap((page) => page.items || [])
    .find((a) => a.motivation === "painting");
  const body = painting && painting.body;
  if (!body) return section;
  if (body.type === "Sound" || body.type === "Video") {
    recording(root, section, canvas, body, n);
  } else if (body.type === "Image") {
    picture(root, section, body, label);
  }
  return section;
}

function recording(root, section, canvas, body, n) {
  const media = document.createElement(body.type === "Video" ? "video" : "audio");
  media.controls = true;
  media.preload = "metadata";
  media.src = body.id;
  media.id = `iiif-media-${n + 1}`;
  media.className = "player-media";
  section.append(media);
  const notes = (canvas.annotations || []).flatMap((page) => page.items || []);
  const lines = notes.filter((a) => a.motivation === "supplementing");
  const segments = notes.filter((a) => a.motivation === "commenting");
  const play = (start) => {
    media.currentTime = start;
    media.play().catch(() => {});
  };
  if (segments.length) {
    section.append(el("h3", null, root.dataset.labelIndex));
    const list = el("ul", "iiif-segments");
    for (const s of segments) {
      const [start] = span(s.target) || [0];
      const a = el("a", "segment-link");
      a.href = `#t=${start}`;
      a.dataset.start = start;
      a.append(el("span", "timecode", clock(start)), ` ${s.body.value}`);
      a.addEventListener("click", (e) => { e.preventDefault(); play(start); });
      const li = el("li");
      li.append(a);
      list.append(li);
    }
    section.append(list);
  }
  if (!lines.length) return;
  section.append(el("h3", null, root.dataset.labelTranscript));
  const list = el("ol", "transcript-lines");
  list.id = `iiif-transcript-${n + 1}`;
  const cues = [];
  for (const line of lines) {
    const [start, end] = span(line.target) || [0, Infinity];
    const li = el("li", "cue");
    li.dataset.start = start;
    li.dataset.end = end;
    const a = el("a", "cue-link");
    a.href = `#t=${start}`;
    a.dataset.start = start;
    a.append(el("span", "timecode", clock(start)), " ", el("span", "cue-text", line.body.value));
    a.addEventListener("click", (e) => { e.preventDefault(); play(start); });
    li.append(a);
    list.append(li);
    cues.push({ li, start, end });
  }
  section.append(list);
  media.addEventListener("timeupdate", () => {
    const t = media.currentTime;
    for (const cue of cues) {
      const here = t >= cue.start && t < cue.end;
      if (here) cue.li.setAttribute("aria-current", "true");
      else cue.li.removeAttribute("aria-current");
    }
  });
}

function picture(root, section, body, label) {
  const service = (body.service || []).find((s) => s.type === "ImageService3");
  const box = el("div", "zoom");
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", label || root.dataset.labelPicture);
  section.append(box);
  if (service && window.OpenSeadragon) {
    window.OpenSeadragon({
      element: box,
      prefixUrl: root.dataset.zoomPrefix,
      drawer: "canvas",
      tileSources: `${service.id}/info.json`,
      showNavigator: true,
      crossOriginPolicy: false,
    });
  } else {
    const img = el("img");
    img.src = body.id;
    img.alt = label || root.dataset.labelPicture;
    box.append(img);
  }
}
