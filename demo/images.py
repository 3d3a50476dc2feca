"""Illustrations for the demo, drawn with Pillow on the spot (nothing is downloaded).

Each picture is a flat, friendly poster: a coloured field with soft shapes, or, for the
building itself, a simple drawing of the old fire station with its tower. None carries words.
"""

import io
import random

from PIL import Image, ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

SIZE = (1200, 800)
INK = (31, 26, 23)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _shade(rgb, amount):
    return tuple(min(255, max(0, c + amount)) for c in rgb)


def draw_poster(text, colour, size=SIZE):
    """Coloured field with soft circles, rounded blocks and triangles, laid out from `text`.

    No words in the picture: names belong in the HTML, where they are translated and read
    aloud (a picture of "Babytheek" above "Bébéthèque" says the wrong thing in French)."""
    rng = random.Random(text)
    base = _rgb(colour)
    image = Image.new("RGB", size, base)
    canvas = ImageDraw.Draw(image)
    width, height = size
    for index in range(12):
        shade = _shade(base, rng.randint(-35, 70))
        r = rng.randint(height // 12, height // 4)
        x, y = rng.randint(0, width), rng.randint(0, height)
        kind = index % 3
        if kind == 0:
            canvas.ellipse((x - r, y - r, x + r, y + r), fill=shade)
        elif kind == 1:
            canvas.rounded_rectangle((x - r, y - r, x + r, y + r), radius=r // 3, fill=shade)
        else:
            canvas.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=shade)
    return image


def draw_building(colour="#7d2814", size=SIZE):
    """The old fire station: brick front with three arched doors and a tower."""
    width, height = size
    brick = _rgb(colour)
    image = Image.new("RGB", size, (196, 226, 236))
    canvas = ImageDraw.Draw(image)
    canvas.ellipse((width - 260, 60, width - 120, 200), fill=(255, 214, 102))
    ground = int(height * 0.82)
    canvas.rectangle((0, ground, width, height), fill=(120, 160, 90))
    # the hall
    left, right, top = int(width * 0.28), int(width * 0.92), int(height * 0.38)
    canvas.rectangle((left, top, right, ground), fill=brick)
    canvas.rectangle((left - 10, top - 24, right + 10, top), fill=_shade(brick, -40))
    door_width = (right - left) // 4
    for index in range(3):
        x = left + door_width // 2 + index * (door_width + door_width // 6)
        canvas.rectangle((x, top + 120, x + door_width, ground), fill=(62, 84, 110))
        canvas.pieslice((x, top + 60, x + door_width, top + 180), 180, 360, fill=(62, 84, 110))
        for pane in range(1, 4):
            px = x + pane * door_width // 4
            canvas.line((px, top + 130, px, ground), fill=(96, 124, 150), width=3)
    # the tower with the climbing wall
    tower_left, tower_right, tower_top = int(width * 0.1), int(width * 0.26), int(height * 0.08)
    canvas.rectangle((tower_left, tower_top, tower_right, ground), fill=_shade(brick, -15))
    canvas.polygon(
        [
            (tower_left - 14, tower_top),
            ((tower_left + tower_right) // 2, tower_top - 70),
            (tower_right + 14, tower_top),
        ],
        fill=_shade(brick, -50),
    )
    for row in range(5):
        y = tower_top + 50 + row * 90
        canvas.rectangle(
            (tower_left + 40, y, tower_right - 40, y + 50), fill=(255, 236, 200), outline=INK
        )
    return image


def demo_image(title, colour, collection=None, building=False):
    """The wagtail Image with this title (in this collection), drawn the first time.

    Returns (image, created).
    """
    Image_ = get_image_model()
    images = Image_.objects.filter(title=title)
    if collection is not None:
        images = images.filter(collection=collection)
    existing = images.first()
    if existing:
        return existing, False
    picture = draw_building(colour) if building else draw_poster(title, colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    filename = "-".join(part for part in slug.split("-") if part)[:60] + ".png"
    kwargs = {"collection": collection} if collection is not None else {}
    image = Image_(title=title, file=ImageFile(buffer, name=filename), **kwargs)
    image.save()
    return image, True
