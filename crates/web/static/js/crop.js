// The lesson editor's detail picker (templates/studio/lesson_edit.html): press on a picture and
// drag to outline the part a lesson shows; the rectangle fills the form's four numbers (percent
// of the picture's width and height) and chooses that picture. The numbers stay the way to do it
// from the keyboard, and typing them moves the outline.

const form = document.querySelector("[data-crop-form]");
if (form) {
  const field = (name) => form.querySelector(`[data-crop-${name}]`);
  const [fx, fy, fw, fh] = ["x", "y", "w", "h"].map(field);
  const round = (v) => Math.round(v * 2) / 2;
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

  const draw = (frame) => {
    for (const box of form.querySelectorAll(".crop-box")) box.hidden = true;
    const box = frame.querySelector(".crop-box");
    const [x, y, w, h] = [fx, fy, fw, fh].map((f) => Number(f.value) || 0);
    box.style.left = `${x}%`;
    box.style.top = `${y}%`;
    box.style.width = `${w}%`;
    box.style.height = `${h}%`;
    box.hidden = false;
  };

  const chosen = () => {
    const n = form.querySelector("input[name=image]:checked")?.value || "1";
    return form.querySelector(`[data-crop="${n}"]`);
  };

  for (const frame of form.querySelectorAll("[data-crop]")) {
    let start = null;
    const at = (e) => {
      const r = frame.getBoundingClientRect();
      return [
        clamp(((e.clientX - r.left) / r.width) * 100, 0, 100),
        clamp(((e.clientY - r.top) / r.height) * 100, 0, 100),
      ];
    };
    frame.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      frame.setPointerCapture(e.pointerId);
      start = at(e);
      const radio = form.querySelector(`input[name=image][value="${frame.dataset.crop}"]`);
      if (radio) radio.checked = true;
    });
    frame.addEventListener("pointermove", (e) => {
      if (!start) return;
      const [x, y] = at(e);
      fx.value = round(Math.min(start[0], x));
      fy.value = round(Math.min(start[1], y));
      fw.value = round(Math.max(2, Math.abs(x - start[0])));
      fh.value = round(Math.max(2, Math.abs(y - start[1])));
      draw(frame);
    });
    frame.addEventListener("pointerup", () => {
      start = null;
    });
  }
  for (const f of [fx, fy, fw, fh]) f.addEventListener("input", () => draw(chosen()));
  form.addEventListener("change", (e) => {
    if (e.target.name === "image") draw(chosen());
  });
  draw(chosen());
}
