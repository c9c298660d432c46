// The worksheet (templates/lessons/worksheet.html): a button that prints it.
const button = document.querySelector("[data-print]");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
