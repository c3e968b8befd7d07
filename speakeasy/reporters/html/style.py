"""The report page's styles: inside the page, for screens, dark mode, high contrast and print."""

_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

CSS = """\
:root { color-scheme: light dark; --text: #0b0c0c; --muted: #484949; --bg: #ffffff; --panel: #f3f2f1;
  --line: #505a5f; --link: #1d4f91; --visited: #4c2c92; --focus: #ffdd00; --mark: #fff2a8;
  --bar: #1d70b8; --grid: #b1b4b6; }
@media (prefers-color-scheme: dark) {
  :root { --text: #f3f2f1; --muted: #c8cacb; --bg: #0b0c0c; --panel: #1e1f20; --line: #b1b4b6;
    --link: #8fc1ff; --visited: #d3b8ff; --mark: #574a00; --bar: #6fa8dc; --grid: #505a5f; }
}
html { font-size: 112.5%; }
body { margin: 0; color: var(--text); background: var(--bg); font-family: @FONTS@; line-height: 1.5; }
header, nav, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.5em; }
h2 { font-size: 1.6rem; }
main > section > h2 { border-top: 3px solid var(--text); padding-top: 0.5em; overflow-wrap: anywhere; }
h3 { font-size: 1.3rem; }
h4, h5, h6 { font-size: 1.1rem; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:focus, a:focus-visible { outline: 3px solid var(--text); outline-offset: 0; background: var(--focus);
  color: #0b0c0c; text-decoration: none; }
:target { outline: 3px dashed var(--text); outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { position: static; display: inline-block; padding: 0.5rem; }
.vh { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.muted { color: var(--muted); }
th .muted { font-weight: normal; }
code { font-family: ui-monospace, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
dl.figures div { display: contents; }
dl.figures dt { font-weight: bold; }
dl.figures dd { margin: 0; }
table { border-collapse: collapse; margin: 0 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.25rem; }
th, td { border: 1px solid var(--line); padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.wide { overflow-x: auto; }
figure { margin: 0 0 1rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 50rem; color: var(--text); }
svg .bar { fill: var(--bar); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .axis { stroke: var(--text); stroke-width: 1.5; }
svg .aim { stroke: var(--text); stroke-width: 2.5; stroke-dasharray: 8 5; }
svg text { fill: currentColor; font-family: @FONTS@; font-size: 15px; }
.doc-text { border-left: 4px solid var(--line); padding-left: 1rem; }
.doc-text p, .doc-text li, .doc-text blockquote { overflow-wrap: anywhere; }
.doc-text blockquote { margin-left: 1rem; padding-left: 1rem; border-left: 2px solid var(--line); }
.part { font-weight: bold; }
mark { background: var(--mark); color: inherit; text-decoration: underline 2px solid;
  text-underline-offset: 0.2em; text-decoration-skip-ink: none; }
mark.twice { text-decoration-style: double; text-decoration-thickness: 3px; }
.long { border-bottom: 2px dotted var(--text); }
.bracket { font-weight: bold; }
a.ref { font-weight: bold; margin-left: 0.1em; white-space: nowrap; }
ul.notes { list-style: none; margin: 0.25rem 0 1.25rem; padding: 0.5rem 0.75rem; background: var(--panel);
  border-left: 4px solid var(--line); }
ul.notes li { margin: 0.25rem 0; }
ul.notes li + li { border-top: 1px solid var(--grid); padding-top: 0.25rem; }
.use q { font-weight: bold; }
@media print {
  html { font-size: 11pt; }
  header, nav, main, footer { max-width: none; }
  .skip-link, nav { display: none; }
  a { color: inherit; }
  :root { --bg: #ffffff; --text: #000000; --panel: #ffffff; --mark: #ffffff; }
  mark { text-decoration-thickness: 2px; }
  h2, h3, h4, h5, h6 { break-after: avoid; }
  ul.notes li, tr, figure { break-inside: avoid; }
  main > section { break-before: page; }
}
""".replace("@FONTS@", _FONTS)
