// A kit's page (templates/lessons/kit.html): the pupil's answers are kept in this browser's
// localStorage and nowhere else — nothing typed here is sent to the portal. «Распечатать
// ответы» prints the page with them; «Стереть мои ответы» forgets them.

const questions = [...document.querySelectorAll("[data-answer]")];
const store = (() => {
  try {
    const probe = "letopis-probe";
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null; // Private mode: answers live as long as the page.
  }
})();
const keyOf = (q) => `letopis-answer:${q.dataset.answer}`;
// The pupil's own fields, not the map's layer switch inside a «find on the map» task.
const fieldsOf = (q) =>
  [...q.querySelectorAll("input, textarea, select")].filter((f) => !f.closest(".leaflet-control"));

const read = (q) => {
  const value = {};
  for (const f of fieldsOf(q)) {
    if (f.type === "checkbox") value[`${f.name}=${f.value}`] = f.checked;
    else value[f.name] = f.value;
  }
  const pick = q.querySelector("[data-pick]");
  if (pick?.dataset.picked) value.pick = pick.dataset.picked;
  return value;
};

const restore = (q) => {
  const saved = store?.getItem(keyOf(q));
  if (!saved) return;
  let value;
  try {
    value = JSON.parse(saved);
  } catch {
    return;
  }
  for (const f of fieldsOf(q)) {
    if (f.type === "checkbox") f.checked = Boolean(value[`${f.name}=${f.value}`]);
    else if (typeof value[f.name] === "string") f.value = value[f.name];
  }
  const pick = q.querySelector("[data-pick]");
  // map.js (a later module) puts the marker where the pupil left it.
  if (pick && typeof value.pick === "string") pick.dataset.picked = value.pick;
};

const save = (q) => store?.setItem(keyOf(q), JSON.stringify(read(q)));

for (const q of questions) {
  restore(q);
  q.addEventListener("input", () => save(q));
  q.addEventListener("change", () => save(q));
  q.addEventListener("pick", () => save(q));
}

const actions = document.querySelector("[data-answer-actions]");
if (actions && questions.length > 0) {
  actions.hidden = false;
  actions.querySelector("[data-print]")?.addEventListener("click", () => window.print());
  actions.querySelector("[data-forget]")?.addEventListener("click", () => {
    for (const q of questions) {
      store?.removeItem(keyOf(q));
      for (const f of fieldsOf(q)) {
        if (f.type === "checkbox") f.checked = false;
        else f.value = "";
      }
    }
    // The marks on the maps go with a fresh page.
    if (document.querySelector("[data-pick][data-picked]")) location.reload();
  });
}
