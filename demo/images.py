"""Illustrations for the demo, drawn with Pillow on the spot (nothing is downloaded).

Each picture is a flat, friendly poster: a coloured field with soft shapes and a name, or,
for the building itself, a simple drawing of the old fire station with its tower.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

SIZE = (1200, 800)
PAPER = (255, 250, 243)
INK = (31, 26, 23)
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _shade(rgb, amount):
    return tuple(min(255, max(0, c + amount)) for c in rgb)


def _font(size):
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _label(canvas, text, centre, width, font_size, fill=PAPER):
    """The name on a rounded paper label, shrunk until it fits the picture."""
    size = font_size
    while True:
        font = _font(size)
        box = canvas.textbbox((0, 0), text, font=font)
        text_width, text_height = box[2] - box[0], box[3] - box[1]
        if text_width <= width * 0.8 or size <= 24:
            break
        size -= 4
    x = centre[0] - text_width // 2
    y = centre[1] - text_height // 2
    pad = size // 2
    canvas.rounded_rectangle(
        (x - pad, y - pad, x + text_width + pad, y + text_height + pad + box[1]),
        radius=pad,
        fill=fill,
    )
    canvas.text((x - box[0], y), text, fill=INK, font=font)


def draw_poster(text, colour, size=SIZE):
    """Coloured field, soft circles, rounded blocks and triangles, and the name."""
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
    _label(canvas, text, (width // 2, height // 2), width, width // 12)
    canvas.text(
        (width // 40, height - height // 14),
        "De Deelfabriek · Kortrijk",
        fill=PAPER,
        font=_font(height // 28),
    )
    return image


def draw_building(text, colour="#7d2814", size=SIZE):
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
    _label(canvas, text, (width // 2, int(height * 0.91)), width, height // 14)
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
    picture = draw_building(title, colour) if building else draw_poster(title, colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())
    filename = "-".join(part for part in slug.split("-") if part)[:60] + ".png"
    kwargs = {"collection": collection} if collection is not None else {}
    image = Image_(title=title, file=ImageFile(buffer, name=filename), **kwargs)
    image.save()
    return image, True
