"""Small helpers to write StreamField bodies as data, one list per language.

A body is a list of (block type, value) pairs in the format of core/blocks.py. Two markers
are resolved when the demo is loaded:

- an image value "@<key>" becomes the demo image with that key (see IMAGES in pages.py);
- a page value "@<slug>" becomes the page with that slug, in the language being written.

The Dutch, French and English lists of one page must have the same shape (same block types
in the same order, same number of questions, same number of paragraphs), so that the three
languages share block ids and wagtail-localize can pair every sentence with its translation.
"""


def p(*paragraphs):
    """A rich text block; each argument is one paragraph (or ready-made HTML like a list)."""
    html = "".join(part if part.startswith("<") else f"<p>{part}</p>" for part in paragraphs)
    return ("paragraph", html)


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def h(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def image(key, alt, caption=""):
    return ("image", {"image": f"@{key}", "alt_text": alt, "caption": caption})


def cta(title, text, label, page):
    return (
        "call_to_action",
        {"title": title, "text": text, "page": f"@{page}", "url": "", "button_label": label},
    )


def faq(title, *pairs):
    return (
        "faq",
        {
            "title": title,
            "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in pairs],
        },
    )


def contact(title, name, email, phone, address):
    return (
        "contact",
        {"title": title, "name": name, "email": email, "phone": phone, "address": address},
    )


def shape(blocks):
    """What must be equal between languages: block types, questions, paragraphs."""
    result = []
    for kind, value in blocks:
        if kind == "paragraph":
            result.append((kind, value.count("<p>") + value.count("<li>")))
        elif kind == "faq":
            result.append((kind, len(value["items"])))
        else:
            result.append((kind, None))
    return result
