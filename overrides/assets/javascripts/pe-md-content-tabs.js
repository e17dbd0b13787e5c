// Material for MkDocs 9.8.1 (MIT licence), partials/javascripts/content.html: its inline script, moved to a file
// because the site's Content-Security-Policy allows no inline script. Re-copy when upgrading Material.
var tabs=__md_get("__tabs");if(Array.isArray(tabs))e:for(var set of document.querySelectorAll(".tabbed-set")){var labels=set.querySelector(".tabbed-labels");for(var tab of tabs)for(var label of labels.getElementsByTagName("label"))if(label.innerText.trim()===tab){var input=document.getElementById(label.htmlFor);input.checked=!0;continue e}}
