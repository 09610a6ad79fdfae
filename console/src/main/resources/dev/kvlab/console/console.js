// Optional: without JavaScript every button is a plain form post. With it, the results region and the course's
// progress are replaced in place (so the aria-live region announces the new result) and the button shows that it
// is working. The form's fields (the console's token) go with the request, as in a plain post.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  const button = form.querySelector('button');
  event.preventDefault();
  document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const label = button.textContent;
  button.textContent = 'Running…';
  try {
    const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) });
    if (!response.ok) {
      throw new Error(response.status);
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    ['live', 'course', 'progress'].forEach((id) => {
      const fresh = page.getElementById(id);
      const old = document.getElementById(id);
      if (fresh && old) {
        old.replaceWith(fresh);
      }
    });
    document.title = page.title;
    history.replaceState(null, '', response.url);
  } catch (e) {
    form.submit();   // the console is gone, refused the request or the network failed: a normal post says why
  } finally {
    button.textContent = label;
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
});
