// Material for MkDocs 9.8.1 (MIT licence), partials/javascripts/content.html: its inline script, moved to a file
// because the site's Content-Security-Policy allows no inline script. Re-copy when upgrading Material.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
