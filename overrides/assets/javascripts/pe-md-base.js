// Material for MkDocs 9.8.1 (MIT licence), partials/javascripts/base.html: its inline script, moved to a file
// because the site's Content-Security-Policy allows no inline script. Re-copy when upgrading Material.
// The scope comes from the script element's data-md-scope (Material's config.extra.scope or base_url).
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
