// Keyboard shortcut: "/" focuses the global search unless the user is typing somewhere.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  const typing = target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
  const search = document.getElementById("global-search");
  if (typing || !search) return;
  event.preventDefault();
  search.focus();
  search.select();
});
