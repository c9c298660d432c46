// Story pages: an interview fragment plays only from data-start to data-end (seconds within its
// recording). The media fragment `#t=start,end` in the URL does most of it; this stops it
// exactly at the end, starts it again from the beginning of the fragment, lets only one play
// at a time, and marks the transcript line being spoken.
//
// DOM contract (templates/public/story.html): figure[data-fragment] > audio.fragment-audio
// [data-start][data-end], ol.fragment-lines > li (in order, data-start in seconds).

const fragments = [...document.querySelectorAll("audio.fragment-audio[data-start][data-end]")];

for (const audio of fragments) {
  const start = parseFloat(audio.dataset.start);
  const end = parseFloat(audio.dataset.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) continue;
  const lines = [...(audio.closest("[data-fragment]")?.querySelectorAll(".fragment-lines li[data-start]") || [])];
  let frame = 0;

  const check = () => {
    if (audio.currentTime >= end) {
      audio.pause();
      audio.currentTime = end;
    }
    const t = audio.currentTime;
    lines.forEach((li, i) => {
      const next = lines[i + 1];
      const on = t >= parseFloat(li.dataset.start) && (!next || t < parseFloat(next.dataset.start));
      li.classList.toggle("fragment-line-current", on && !audio.paused);
    });
    if (!audio.paused) frame = requestAnimationFrame(check);
  };

  audio.addEventListener("play", () => {
    if (audio.currentTime < start - 0.25 || audio.currentTime >= end - 0.05) {
      audio.currentTime = start;
    }
    for (const other of fragments) {
      if (other !== audio) other.pause();
    }
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(check);
  });
  audio.addEventListener("pause", check);
  audio.addEventListener("seeked", check);
}
