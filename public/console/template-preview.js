// Live preview for the template form (src/console/pages/templates/template-form.tsx), as a
// progressive enhancement: while the user types (400 ms after the last key), the form is posted
// to POST /diensten/:serviceId/sjablonen/voorbeeld, whose answer is the preview region alone
// (src/console/pages/templates/preview-fragment.tsx); its content replaces the region on the
// page, which is aria-live. It also hides the subject field while "Sms" is chosen. Without this
// script the "Voorbeeld bekijken" button does the same with a page post.
(() => {
  "use strict";
  const form = document.getElementById("sjabloon-formulier");
  const region = document.getElementById("voorbeeld");
  const url = region ? region.getAttribute("data-voorbeeld-url") : null;
  if (!form || !region || !url || !window.fetch || !window.DOMParser) return;
  const subjectField = form.querySelector(".console-subject-field");
  let timer = 0;
  let latest = 0;

  function chosenType() {
    const input = form.querySelector('input[name="soort"]:checked') || form.querySelector('input[name="soort"][type="hidden"]');
    return input ? input.value : "";
  }

  function showSubjectField() {
    if (subjectField) subjectField.hidden = chosenType() === "sms";
  }

  async function updatePreview() {
    const request = ++latest;
    const body = new URLSearchParams(new FormData(form));
    body.delete("actie");
    try {
      const response = await fetch(url, { method: "POST", body, credentials: "same-origin", headers: { accept: "text/html" } });
      if (!response.ok || request !== latest) return;
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.getElementById("voorbeeld");
      // After the session ended the answer is the sign-in page: the preview stays as it is.
      if (!fresh || request !== latest) return;
      region.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    } catch {
      // Offline or refused: the preview stays as it is, and the button still works.
    }
  }

  form.addEventListener("input", (event) => {
    if (event.target && event.target.name === "soort") showSubjectField();
    window.clearTimeout(timer);
    timer = window.setTimeout(updatePreview, 400);
  });
  showSubjectField();
})();
