"""The jargon buster as one self-contained web page: no scripts, fonts or other files.

A skip link, a list of letters to jump to, dark text on white, lines of
about 70 characters and a clear focus outline.
"""

from __future__ import annotations

import html

from .blocks import Back, Block, Bullets, Heading, Jump, Para, one_line
from .content import Word

_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

_CSS = """\
html { %(size)s }
body { margin: 0; padding: 1rem; color: #0b0c0c; background: #ffffff;
  font-family: %(fonts)s; line-height: 1.5; }
main { max-width: 70ch; margin: 0 auto; }
h1, h2, h3 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.5em; }
h2 { font-size: 1.6rem; border-top: 2px solid #0b0c0c; padding-top: 0.5em; }
h3 { font-size: 1.25rem; }
a { color: #1d4f91; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:focus, a:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 0;
  background: #ffdd00; color: #0b0c0c; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { position: static; display: inline-block; padding: 0.5rem; }
.letters { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.letters a { display: inline-block; min-width: 2.75rem; padding: 0.5rem; text-align: center; }
dl { margin: 0 0 1.5rem; }
dt { font-weight: bold; margin-top: 0.5rem; }
dd { margin: 0 0 0 1.5rem; }
dd ul { margin: 0; padding-left: 1.25rem; }
@media print {
  html { %(print_size)s }
  body { padding: 0; }
  main { max-width: none; }
  .skip-link, nav, .back { display: none; }
  a { color: #0b0c0c; }
  h2, h3 { break-after: avoid; }
  dl { break-inside: avoid; }
}
"""


def _css(large_print: bool) -> str:
    """The page's styles.  Large print: at least 24px (18pt) text, on screen and on paper."""
    if large_print:
        size, print_size = "font-size: 24px; font-size: max(24px, 150%);", "font-size: 18pt;"
    else:
        size, print_size = "font-size: 112.5%;", "font-size: 12pt;"
    return _CSS % {"size": size, "print_size": print_size, "fonts": _FONTS}


def _h(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def _html_word(word: Word) -> str:
    entry = word.entry
    items = word.say_instead()
    if len(items) == 1:
        use = _h(items[0])
    else:
        use = "<ul>" + "".join(f"<li>{_h(alt)}</li>" for alt in items) + "</ul>"
    rows = [("Say instead", use), ("Why", _h(entry.why))]
    if word.credit:
        rows.append(("Credit", _h(word.credit)))
    items = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows)
    return f"<h3>{_h(word.heading)}</h3>\n<dl>\n{items}\n</dl>"


def html_page(title: str, blocks: list[Block], large_print: bool) -> str:
    """The blocks as one web page, with ``title`` as its title."""
    body: list[str] = []
    for block in blocks:
        match block:
            case Word():
                body.append(_html_word(block))
            case Heading(level, text, anchor):
                ident = f' id="{_h(anchor)}"' if anchor else ""
                body.append(f"<h{level}{ident}>{_h(text)}</h{level}>")
            case Para(parts):
                body.append("<p>" + " ".join(f"<strong>{_h(t)}</strong>" if b else _h(t) for t, b in parts) + "</p>")
            case Bullets(items):
                body.append("<ul>\n" + "\n".join(f"<li>{_h(item)}</li>" for item in items) + "\n</ul>")
            case Jump(links):
                items = "\n".join(f'<li><a href="#{_h(anchor)}">{_h(text)}</a></li>' for text, anchor in links)
                body.append(
                    '<nav id="letters" aria-labelledby="letters-label">\n'
                    '<p id="letters-label">Go to:</p>\n'
                    f'<ul class="letters">\n{items}\n</ul>\n</nav>'
                )
            case Back():
                body.append('<p class="back"><a href="#letters">Back to the letters</a></p>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{_h(title)}</title>\n<style>\n{_css(large_print)}</style>\n</head>\n<body>\n"
        '<a class="skip-link" href="#main">Skip to main content</a>\n'
        '<main id="main" tabindex="-1">\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )
