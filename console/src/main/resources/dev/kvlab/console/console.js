// Optional: without JavaScript every button is a plain form post. With it, the results region is replaced in
// place (so its aria-live region announces the new result) and the button shows that it is working.
document.addEventListener('submit', async (event) => {
  const form = event.target;
  const button = form.querySelector('button');
  event.preventDefault();
  document.querySelectorAll('button').forEach((b) => { b.disabled = true; });
  const label = button.textContent;
  button.textContent = 'Running…';
  try {
    const response = await fetch(form.action, { method: 'POST' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    document.getElementById('live').replaceWith(page.getElementById('live'));
    document.title = page.title;
    history.replaceState(null, '', response.url);
  } catch (e) {
    form.submit();   // the console is gone or the network failed: fall back to a normal post
  } finally {
    button.textContent = label;
    document.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }
});
